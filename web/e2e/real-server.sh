#!/usr/bin/env bash
# Runs the end-to-end tests (npm run test:e2e) against the real server instead of the mock:
# imports tests/fixtures/arxiv and the mock's corpus (e2e/corpus-jsonl.mjs) into a fresh database,
# starts `academichub serve` on a free loopback port and points AH_E2E_BASE_URL at it.
# Not the harvest fixtures nor ../shared's bulk files: the tests expect Simeng Zhang's papers to
# fill exactly two batches and the whole feed to be used up within 50 batches.
# Usage: web/e2e/real-server.sh PATH/TO/academichub
# Exits 77 (CTest's "skipped") when Chromium, node or web/node_modules is missing, or when the
# binary was built without the page; with AH_REQUIRE_BROWSER=1 those are failures.
set -uo pipefail
binary="${1:?usage: real-server.sh PATH/TO/academichub}"
here="$(cd "$(dirname "$0")" && pwd)"
web="$(dirname "$here")"
repo="$(dirname "$web")"
chromium="${AH_E2E_CHROMIUM:-/usr/bin/chromium}"

# AH_REQUIRE_BROWSER=1 (CI) turns a skip into a failure.
skip() {
  echo "skipped: $*"
  [ "${AH_REQUIRE_BROWSER:-0}" = 1 ] && exit 1
  exit 77
}
[ -x "$chromium" ] || skip "no Chromium at $chromium (scripts/install-deps.sh installs Debian's chromium)"
command -v node >/dev/null || skip "node is not installed"
[ -d "$web/node_modules/playwright-core" ] || skip "web/node_modules is missing (cd web && npm ci)"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT

node "$here/corpus-jsonl.mjs" > "$work/mock-corpus.jsonl" || exit 1
"$binary" --db "$work/e2e.db" import "$repo/tests/fixtures/arxiv" "$work/mock-corpus.jsonl" > "$work/import.log" 2>&1
# (Exit 2 only says that a file of tests/fixtures/arxiv is not a record file.)
grep -q "mock-corpus.jsonl: jsonl: 60 new" "$work/import.log" || { cat "$work/import.log"; exit 1; }

"$binary" --db "$work/e2e.db" --log-level warn serve --listen 127.0.0.1:0 > "$work/serve.out" 2> "$work/serve.err" &
server_pid=$!
url=""
for _ in $(seq 100); do
  url="$(sed -n '1s|.*serving \(http://[^ ]*\)/ .*|\1|p' "$work/serve.out")"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the server did not say its address"; cat "$work/serve.err"; exit 1; }
status="$(node -e "fetch('$url/').then(r => console.log(r.status), () => console.log(0))")"
[ "$status" = 200 ] || skip "the server answers / with $status: the binary was built without web/dist"

echo "e2e against $url"
cd "$web" && AH_E2E_BASE_URL="$url" npm run --silent test:e2e
