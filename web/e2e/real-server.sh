#!/usr/bin/env bash
# Runs the end-to-end tests (npm run test:e2e) against the real server instead of the mock:
# imports tests/fixtures/arxiv and the mock's corpus (e2e/corpus-jsonl.mjs) into a fresh database,
# starts `academichub serve` on a free loopback port and points AH_E2E_BASE_URL at it.
# Not the harvest fixtures nor ../shared's bulk files: the tests expect Simeng Zhang's papers to
# fill exactly two batches and the whole feed to be used up within 50 batches.
# A second server, AH_E2E_MERGED_URL, serves the records of several sources that the store merges
# into one paper per work (e2e/merged.test.mjs): the Crossref, PubMed, OpenAlex, bioRxiv, journal
# feed and arXiv fixtures of tests/fixtures, and e2e/fixtures' arXiv preprint with its journal
# article (Crossref's has-preprint links them). e2e/briefing.test.mjs gets the binary and the
# first database (AH_E2E_BINARY, AH_E2E_DB) to start servers with and without an LLM.
# Usage: web/e2e/real-server.sh PATH/TO/academichub
# Exits 77 (CTest's "skipped") when Chromium, node or web/node_modules is missing, or when the
# binary was built without the page; with AH_REQUIRE_BROWSER=1 those are failures.
set -uo pipefail
binary="$(realpath "${1:?usage: real-server.sh PATH/TO/academichub}")"  # the tests run from web/
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
server_pids=""
cleanup() {
  for pid in $server_pids; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT

node "$here/corpus-jsonl.mjs" > "$work/mock-corpus.jsonl" || exit 1
"$binary" --db "$work/e2e.db" import "$repo/tests/fixtures/arxiv" "$work/mock-corpus.jsonl" > "$work/import.log" 2>&1
# (Exit 2 only says that a file of tests/fixtures/arxiv is not a record file.)
grep -q "mock-corpus.jsonl: jsonl: 60 new" "$work/import.log" || { cat "$work/import.log"; exit 1; }

# Starts `academichub serve` on database $1, logging to $work/$2.*; sets $url and appends the pid
# to $server_pids.
serve() {
  "$binary" --db "$1" --log-level warn serve --listen 127.0.0.1:0 > "$work/$2.out" 2> "$work/$2.err" &
  local pid=$!
  server_pids="$server_pids $pid"
  url=""
  for _ in $(seq 100); do
    url="$(sed -n '1s|.*serving \(http://[^ ]*\)/ .*|\1|p' "$work/$2.out")"
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/$2.err"; exit 1; }
    sleep 0.1
  done
  [ -n "$url" ] || { echo "the server did not say its address"; cat "$work/$2.err"; exit 1; }
}

fixtures="$repo/tests/fixtures"
# Files that hold no records (error answers, search id lists) are left out: import rejects them.
"$binary" --db "$work/merged.db" import \
  "$fixtures/arxiv/rss_cs_CL_cs_AI.xml" \
  "$fixtures/crossref/posted_content_preprint.json" \
  "$fixtures/crossref/work_updated_by_retraction_watch.json" \
  "$fixtures/crossref/retraction_notice_update_to.json" \
  "$fixtures/pubmed/retracted_article.xml" \
  "$fixtures/pubmed/retraction_notice.xml" \
  "$fixtures/openalex/work_arxiv_and_journal.json" \
  "$fixtures/openalex/work_retracted.json" \
  "$fixtures/biorxiv/details_published_preprint.json" \
  "$fixtures/feeds/atom_toc.xml" \
  "$fixtures/s2/batch_with_null.json" \
  "$here/fixtures/arxiv_preprint.jsonl" \
  "$here/fixtures/crossref_published_version.json" > "$work/merged-import.log" 2>&1 ||
  { cat "$work/merged-import.log"; exit 1; }

serve "$work/e2e.db" serve
status="$(node -e "fetch('$url/').then(r => console.log(r.status), () => console.log(0))")"
[ "$status" = 200 ] || skip "the server answers / with $status: the binary was built without web/dist"
main_url="$url"
serve "$work/merged.db" merged
merged_url="$url"

echo "e2e against $main_url (merged records: $merged_url)"
# e2e/briefing.test.mjs starts servers of its own over copies of the database (one with its [llm]
# pointing at a fake in the test, one with none).
cd "$web" && AH_E2E_BASE_URL="$main_url" AH_E2E_MERGED_URL="$merged_url" AH_E2E_BINARY="$binary" \
  AH_E2E_DB="$work/e2e.db" npm run --silent test:e2e
