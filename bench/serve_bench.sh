#!/usr/bin/env bash
# Benchmarks `academichub serve` on a store of 1M synthetic papers: wrk on loopback with 64
# kept-alive connections (-c64 -t2 -d15s --latency) against filtered feeds and searches, then the
# page's JS+CSS gzip weight (web/scripts/weight.mjs) and the time until the cards are painted
# (bench/page_paint.mjs in Chromium). See bench/README.md.
#
#   bench/serve_bench.sh [--records N] [--duration S] [--jobs N]
#     --records N    papers in the store (default 1000000)
#     --duration S   seconds per wrk run (default 15)
#     --jobs N       parallel compile jobs (default 2)
# Targets: a filtered feed at >= 5,000 requests/s with p99 <= 20 ms; JS+CSS <= 150 KB gzip.
# wrk runs on the same machine as the server: on a small shared machine both compete for the
# cores, and the load average before and after each run is printed so contention shows.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${AH_BUILD_DIR:-$root/build-release}"
data="$root/bench/data"
results="$build/bench-results"
records=1000000
duration=15
jobs=2
usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --jobs) jobs="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "serve_bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "serve_bench: wrk is missing (scripts/install-deps.sh)" >&2; exit 1; }
mkdir -p "$data" "$results"
step() { printf '\n== %s\n' "$*"; }
label="$((records / 1000))k"
[ "$records" -ge 1000000 ] && label="$((records / 1000000))m"

step "build (Release, with the page) in $build"
(cd "$root" && AH_BUILD_DIR="$build" bash scripts/build.sh Release --target academichub gen_corpus -j "$jobs" >/dev/null)
bin="$build/src/cli/academichub"

corpus="$data/snapshot-$label.jsonl"
db="$data/serve-$label.db"
if [ ! -s "$corpus" ]; then
  step "generate $corpus"
  "$build/bench/gen_corpus" --records "$records" --format snapshot --out "$corpus"
fi
if [ ! -s "$db" ]; then
  step "import into $db"
  "$bin" --db "$db.tmp" import "$corpus" | tail -1
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi

step "serve"
"$bin" --db "$db" --log-level warn serve --listen 127.0.0.1:0 > "$results/serve.out" 2> "$results/serve.err" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
url=""
for _ in $(seq 300); do
  url="$(sed -n '1s|.*serving \(http://[^ ]*\)/ .*|\1|p' "$results/serve.out")"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve_bench: the server did not start" >&2; cat "$results/serve.err" >&2; exit 1; }
echo "$url ($("$bin" --db "$db" stats | sed -n 's/^papers *//p') papers)"

# Two authors the corpus has: the first author of its newest cs.CL paper (most have a handful of
# papers: their feed scans the whole store within the search's time budget), and the name with
# the most papers among those sharing that author's last name.
json_get() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=eval("JSON.parse(s)"+process.argv[1]);console.log(v)})' "$1"; }
uri() { node -e 'console.log(encodeURIComponent(process.argv[1]))' "$1"; }
rare="$(curl -s "$url/api/v1/feed?limit=1&category=cs.CL" | json_get '.papers[0].authors[0].name')"
last="${rare##* }"
frequent="$(curl -s "$url/api/v1/suggest?kind=author&limit=1&prefix=$(uri "$last")" | json_get '.suggestions[0].value')"
echo "authors: '$rare' (rare), '$frequent' (frequent)"

declare -a rows
run_wrk() {  # name path [wrk script]
  local name="$1" path="$2" out="$results/wrk-$1.txt" script=()
  [ -n "${3:-}" ] && script=(-s "$3")
  curl -s -o /dev/null "$url$path"  # warm
  local before after
  before="$(cut -d' ' -f1 /proc/loadavg)"
  wrk -c64 -t2 -d"${duration}s" --latency "${script[@]}" "$url$path" > "$out" 2>&1
  after="$(cut -d' ' -f1 /proc/loadavg)"
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(grep -E 'Non-2xx|Socket errors' "$out" | tr '\n' ' ' || true)"
  rows+=("$name|$path|$rps|$p50|$p99|$before -> $after ${errors}")
  printf '%-24s %8s req/s  p50 %-8s p99 %-8s load %s -> %s %s\n' "$name" "$rps" "$p50" "$p99" "$before" "$after" "$errors"
}
step "wrk -c64 -t2 -d${duration}s --latency"
run_wrk feed-category "/api/v1/feed?category=cs.CL&limit=10"
run_wrk feed-author-frequent "/api/v1/feed?author=$(uri "$frequent")&limit=10"
run_wrk feed-author-rare "/api/v1/feed?author=$(uri "$rare")&limit=10"
run_wrk feed-newest "/api/v1/feed?limit=10"
# One query over and over: after the first, its ranking comes from the cache.
run_wrk search-word "/api/v1/search?q=model&limit=10"
run_wrk search-filtered "/api/v1/search?q=data&category=cs&limit=10"
# Searches for 2,000 different words of the corpus's titles in turn: more queries than the
# server's ranking cache holds (512), so these are ranked afresh, as a crowd of users' are.
words="$results/search-words.lua"
{
  printf 'local words = {'
  head -n 5000 "$corpus" | grep -o '"title":"[^"]*"' | cut -d'"' -f4 | tr 'A-Z' 'a-z' |
    grep -oE '[a-z]{4,}' | sort -u | shuf -n 2000 --random-source=<(yes) | sed 's/.*/"&",/' | tr -d '\n'
  printf '}\nlocal n = 0\n'
  printf 'request = function() n = n + 1; return wrk.format("GET", "/api/v1/search?limit=10&q=" .. words[(n %% #words) + 1]) end\n'
} > "$words"
run_wrk search-2000-words "/api/v1/search?limit=10&q=WORD" "$words"

step "page weight (web/scripts/weight.mjs)"
weight="$(cd "$root/web" && node scripts/weight.mjs | tail -1 || true)"
echo "$weight"
step "time until the cards are painted (bench/page_paint.mjs)"
paint="$(node "$root/bench/page_paint.mjs" "$url" 7 || echo "(not measured: Chromium or web/node_modules missing)")"
echo "$paint"

step "summary ($(nproc) cores; wrk shares them with the server)"
printf '| %s | %s | %s | %s | %s | %s |\n' what path "req/s" p50 p99 "load avg"
printf '| --- | --- | --- | --- | --- | --- |\n'
for r in "${rows[@]}"; do IFS='|' read -r a b c d e f <<< "$r"; printf '| %s | `%s` | %s | %s | %s | %s |\n' "$a" "$b" "$c" "$d" "$e" "$f"; done
echo "$weight"
echo "$paint"
