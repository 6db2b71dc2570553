#!/usr/bin/env bash
# Builds AcademicHub and runs every test (unit, integration). Usage: scripts/test.sh [ctest args...]
# e.g. scripts/test.sh -L unit   (the fast set)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh RelWithDebInfo
dir="${AH_BUILD_DIR:-build}"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)" --timeout 300 "$@"
