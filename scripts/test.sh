#!/usr/bin/env bash
# Builds AcademicHub (and its web page) and runs every test: the page's unit tests (node), then
# CTest's unit, integration and browser labels (the browser tests drive Debian's Chromium against
# the real server). Usage: scripts/test.sh [ctest args...]
# e.g. scripts/test.sh -L unit   (the fast set)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh RelWithDebInfo
dir="${AH_BUILD_DIR:-build}"
if command -v node >/dev/null && [ -d web/node_modules ]; then
  (cd web && npm run --silent test:unit)
elif [ "${AH_REQUIRE_BROWSER:-0}" = 1 ]; then
  echo "test: node or web/node_modules is missing" >&2
  exit 1
else
  echo "skipped: the web page's unit tests (node or web/node_modules is missing)"
fi
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" --timeout 300 "$@"
