#!/usr/bin/env bash
# Configures and builds AcademicHub into build/ (or $AH_BUILD_DIR) after installing what is missing.
# Usage: scripts/build.sh [Release|RelWithDebInfo|Debug] [cmake --build args...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
type="${1:-RelWithDebInfo}"
shift || true
dir="${AH_BUILD_DIR:-build}"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" >/dev/null
cmake --build "$dir" -j "$(nproc)" "$@"
