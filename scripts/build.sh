#!/usr/bin/env bash
# Configures and builds AcademicHub into build/ (or $AH_BUILD_DIR) after installing what is missing.
# The web page (web/) is built first, so that the binary embeds it: `npm ci` only when
# web/node_modules is missing or package-lock.json changed since the last install, then
# `npm run build`. Without npm, or when that fails, the binary is built without the page (its "/"
# then says so) unless AH_REQUIRE_UI=1 (CI), which makes it an error.
# Usage: scripts/build.sh [Release|RelWithDebInfo|Debug] [cmake --build args...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

build_ui() {
  command -v npm >/dev/null || { echo "npm is not installed"; return 1; }
  node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
    { echo "web/ needs node >= 20, not $(node --version)"; return 1; }
  local lock_hash stamp=web/node_modules/.academichub-lock-sha256
  lock_hash="$(sha256sum web/package-lock.json | cut -d' ' -f1)"
  if [ ! -d web/node_modules ] || { [ -f "$stamp" ] && [ "$(cat "$stamp")" != "$lock_hash" ]; }; then
    (cd web && npm ci --no-audit --no-fund) || return 1
  fi
  echo "$lock_hash" > "$stamp"
  (cd web && npm run --silent build) || return 1
}
if ! build_ui; then
  if [ "${AH_REQUIRE_UI:-0}" = 1 ]; then
    echo "build: the web page (web/) did not build" >&2
    exit 1
  fi
  echo "build: warning: the web page (web/) did not build; the binary will serve the API only" >&2
fi

type="${1:-RelWithDebInfo}"
shift || true
dir="${AH_BUILD_DIR:-build}"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" >/dev/null
cmake --build "$dir" -j "$(nproc)" "$@"
