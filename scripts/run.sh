#!/usr/bin/env bash
# Installs what is missing, builds AcademicHub (Release, with its web page), then serves the page
# and the API (`academichub serve --harvest`, its address printed first) while its scheduler
# harvests the catalogue's sources into the embedded SQLite database, each on its own cadence
# (arXiv's announcement daily after 05:30 UTC, journals every few hours): sources that never ran
# are harvested at once, and a restart goes on where the last run stopped. Ctrl-C stops it. Without
# network each failed source says which host it could not reach and is tried again later with
# back-off, and the server still shows what the database holds (or import a snapshot with
# `academichub import`). `academichub status` (another terminal) shows how each source is doing.
# Environment: ACADEMICHUB_CONTACT_EMAIL (sent to arXiv and Crossref), ACADEMICHUB_LISTEN (default
# 127.0.0.1:8080), ACADEMICHUB_RSS (optional, e.g. cs.CL+cs.AI: the catalogue's "arxiv" source
# harvests these categories' announcements instead of its default archives), ACADEMICHUB_SOURCES_FILE
# (the catalogue; default ~/.config/academichub/sources.toml, written on first use: edit it or use
# `academichub sources`), and every ACADEMICHUB_* setting (`academichub config` lists them).
set -uo pipefail
cd "$(dirname "$0")/.."
build="${AH_BUILD_DIR:-build-release}"
AH_BUILD_DIR="$build" bash scripts/build.sh Release --target academichub || exit 1
bin="$build/src/cli/academichub"
if [ -z "${ACADEMICHUB_CONTACT_EMAIL:-}" ]; then
  export ACADEMICHUB_CONTACT_EMAIL="$(id -un)@$(hostname)"
  echo "note: ACADEMICHUB_CONTACT_EMAIL is not set; using $ACADEMICHUB_CONTACT_EMAIL in the User-Agent." >&2
  echo "      arXiv and Crossref ask harvesters for a real address: export ACADEMICHUB_CONTACT_EMAIL=you@example.org" >&2
fi
if [ -n "${ACADEMICHUB_HARVEST_EVERY:-}" ]; then
  echo "note: ACADEMICHUB_HARVEST_EVERY is no longer read: each source's cadence is in the catalogue" >&2
  echo "      (every = \"6h\" or at = \"05:30\"; \`academichub sources list\` shows them)." >&2
fi
listen="${ACADEMICHUB_LISTEN:-127.0.0.1:8080}"

# ACADEMICHUB_RSS narrows (or widens) the catalogue's "arxiv" source: it is added again with these
# categories when it harvests others (its coverage stays; the rest of the catalogue is untouched).
if [ -n "${ACADEMICHUB_RSS:-}" ]; then
  current="$("$bin" sources list | awk '$1 == "arxiv" && $2 == "arxiv" { print $(NF-1), $NF }')"
  if [ "$current" != "rss $ACADEMICHUB_RSS" ]; then
    sets=()
    IFS='+' read -r -a categories <<<"$ACADEMICHUB_RSS"
    for c in "${categories[@]}"; do sets+=(--set "$c"); done
    "$bin" sources remove arxiv >/dev/null 2>&1
    "$bin" sources add arxiv --kind arxiv --title arXiv --at 05:30 --method rss "${sets[@]}" || exit 1
  fi
fi

"$bin" stats 2>/dev/null && echo   # what the database holds already (nothing on a first run)
echo "AcademicHub: serving the page and harvesting the catalogue's sources (Ctrl-C stops)"
exec "$bin" serve --listen "$listen" --harvest
