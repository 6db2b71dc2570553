#!/usr/bin/env bash
# Installs what is missing, builds AcademicHub (Release) and runs it: harvests today's arXiv
# announcements for the configured categories into the embedded SQLite database, then says where the
# data is and what it holds. Without network the harvest says which host it could not reach, and
# the database still answers `academichub search` and `academichub import`.
# Environment: ACADEMICHUB_CONTACT_EMAIL (sent to arXiv), ACADEMICHUB_RSS (default cs.CL+cs.AI),
# and every ACADEMICHUB_* setting (`academichub config` lists them).
set -uo pipefail
cd "$(dirname "$0")/.."
AH_BUILD_DIR=build-release bash scripts/build.sh Release --target academichub || exit 1
bin=build-release/src/cli/academichub
if [ -z "${ACADEMICHUB_CONTACT_EMAIL:-}" ]; then
  export ACADEMICHUB_CONTACT_EMAIL="$(id -un)@$(hostname)"
  echo "note: ACADEMICHUB_CONTACT_EMAIL is not set; using $ACADEMICHUB_CONTACT_EMAIL in the User-Agent." >&2
  echo "      arXiv asks harvesters for a real address: export ACADEMICHUB_CONTACT_EMAIL=you@example.org" >&2
fi
"$bin" harvest arxiv --rss "${ACADEMICHUB_RSS:-cs.CL+cs.AI}"
status=$?
echo
"$bin" stats
echo
echo "AcademicHub binary: $bin  (try: $bin search 'sparse attention', $bin import FILE_OR_DIR)"
exit $status
