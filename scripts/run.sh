#!/usr/bin/env bash
# Installs what is missing, builds AcademicHub (Release, with its web page), harvests today's arXiv
# announcements for the configured categories into the embedded SQLite database, then serves the
# page and the API (`academichub serve`, its address printed first) while harvesting again in the
# background every few hours. Ctrl-C stops both. Without network the harvest says which host it
# could not reach, and the server still shows what the database holds (or import a snapshot with
# `academichub import`).
# Environment: ACADEMICHUB_CONTACT_EMAIL (sent to arXiv), ACADEMICHUB_RSS (default cs.CL+cs.AI),
# ACADEMICHUB_LISTEN (default 127.0.0.1:8080), ACADEMICHUB_HARVEST_EVERY (seconds between
# harvests, default 21600 = 6 h), and every ACADEMICHUB_* setting (`academichub config` lists them).
set -uo pipefail
cd "$(dirname "$0")/.."
build="${AH_BUILD_DIR:-build-release}"
AH_BUILD_DIR="$build" bash scripts/build.sh Release --target academichub || exit 1
bin="$build/src/cli/academichub"
if [ -z "${ACADEMICHUB_CONTACT_EMAIL:-}" ]; then
  export ACADEMICHUB_CONTACT_EMAIL="$(id -un)@$(hostname)"
  echo "note: ACADEMICHUB_CONTACT_EMAIL is not set; using $ACADEMICHUB_CONTACT_EMAIL in the User-Agent." >&2
  echo "      arXiv asks harvesters for a real address: export ACADEMICHUB_CONTACT_EMAIL=you@example.org" >&2
fi
categories="${ACADEMICHUB_RSS:-cs.CL+cs.AI}"
every="${ACADEMICHUB_HARVEST_EVERY:-21600}"
listen="${ACADEMICHUB_LISTEN:-127.0.0.1:8080}"

"$bin" harvest arxiv --rss "$categories"
echo
"$bin" stats
echo

# The periodic harvest: a harvest that fails (no network) is retried at the next turn; each one
# resumes from the state the last one committed.
harvest_loop() {
  local sleeper=""
  trap '[ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null; exit 0' TERM INT
  while :; do
    sleep "$every" &
    sleeper=$!
    wait "$sleeper"
    "$bin" harvest arxiv --rss "$categories" || echo "harvest failed; next try in ${every}s" >&2
  done
}
harvest_loop &
loop=$!
trap 'kill "$loop" 2>/dev/null; wait "$loop" 2>/dev/null' EXIT

echo "AcademicHub: harvesting $categories every ${every}s; serving the page (Ctrl-C stops)"
"$bin" serve --listen "$listen"
