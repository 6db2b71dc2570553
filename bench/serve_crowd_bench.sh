#!/usr/bin/env bash
# Benchmarks `academichub serve` beside a crowd of idle and slow connections (bench/crowd_load:
# 1,000 kept-alive idle ones and 200 slow-header ones, a normal client's feed latency, the server's
# CPU at rest) and under wrk (-c64 -t2 -d10s --latency on feeds), for this build and, with --old,
# another binary side by side in the same run. See bench/README.md.
#
#   bench/serve_crowd_bench.sh [--records N] [--duration S] [--old BINARY] [--runs N]
#     --records N    papers in the store (default 100000)
#     --duration S   seconds per wrk run (default 10)
#     --old BINARY   also measure this binary (e.g. main's build/src/cli/academichub)
#     --runs N       rounds, each measuring every binary once, alternating (default 1)
# Uses the build in $AH_BUILD_DIR (default build/; it builds academichub, gen_corpus and
# crowd_load there). Targets: with the crowd, feed p99 <= 20 ms and the server <= 2% of a core at
# rest; under wrk, a feed at >= 5,000 requests/s with p99 <= 20 ms. Loopback only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${AH_BUILD_DIR:-$root/build}"
data="$root/bench/data"
results="$build/bench-results"
records=100000
duration=10
old=""
runs=1
usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --old) old="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "serve_crowd_bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
command -v wrk >/dev/null || { echo "serve_crowd_bench: wrk is missing (scripts/install-deps.sh)" >&2; exit 1; }
[ -z "$old" ] || [ -x "$old" ] || { echo "serve_crowd_bench: $old is not an executable" >&2; exit 2; }
mkdir -p "$data" "$results"
step() { printf '\n== %s\n' "$*"; }
label="$((records / 1000))k"
[ "$records" -ge 1000000 ] && label="$((records / 1000000))m"

step "build academichub, gen_corpus, crowd_load in $build"
cmake --build "$build" --target academichub gen_corpus crowd_load -j2 >/dev/null
new="$build/src/cli/academichub"

corpus="$data/snapshot-$label.jsonl"
db="$data/serve-$label.db"
if [ ! -s "$corpus" ]; then
  step "generate $corpus"
  "$build/bench/gen_corpus" --records "$records" --format snapshot --out "$corpus"
fi
if [ ! -s "$db" ]; then
  step "import into $db"
  "$new" --db "$db.tmp" import "$corpus" | tail -1
  mv "$db.tmp" "$db"
  rm -f "$db.tmp-wal" "$db.tmp-shm"
fi

server=""
stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
trap stop_server EXIT
start_server() {  # binary extra-flags...
  local bin="$1"
  shift
  # Removed first: the shell may truncate it only after the loop below has read the last one's.
  rm -f "$results/crowd-serve.out"
  "$bin" --db "$db" --log-level warn serve --listen 127.0.0.1:0 "$@" > "$results/crowd-serve.out" 2> "$results/crowd-serve.err" &
  server=$!
  port=""
  for _ in $(seq 300); do
    port="$(sed -n '1s|.*serving http://127.0.0.1:\([0-9]*\)/ .*|\1|p' "$results/crowd-serve.out" 2>/dev/null)"
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "serve_crowd_bench: $bin did not start" >&2; cat "$results/crowd-serve.err" >&2; exit 1; }
  curl -s -o /dev/null "http://127.0.0.1:$port/api/v1/feed?limit=10"  # warm
}

declare -a rows
crowd() {  # name binary
  local name="$1" bin="$2" out="$results/crowd-$1.txt"
  # Idle connections stay open for the whole run (60 s); the slow ones meet the server's own
  # head deadline (10 s by default) and are opened again.
  start_server "$bin" --keep-alive 60
  "$build/bench/crowd_load" --port "$port" --pid "$server" --idle 1000 --slow 200 --requests 500 \
    --cpu-seconds 10 --budget-seconds 60 > "$out"
  stop_server
  sed -n '1,4p' "$out"
  local s p50 p99 max failed cpu served open rss
  s="$(sed -n 's/^summary|//p' "$out")"
  IFS='|' read -r p50 p99 max failed cpu served open rss <<< "$s"
  rows+=("$name|crowd: feed, 1,000 idle + 200 slow connections|$p50 ms|$p99 ms (max $max, $failed failed)|server CPU ${cpu}% of a core at rest, $served/1000 idle answered, RSS $rss")
}
run_wrk() {  # name binary path
  local name="$1" bin="$2" path="$3" out="$results/wrk-crowd-$1-$(basename "$3" | tr -c 'a-zA-Z0-9' _).txt"
  start_server "$bin"
  local before after
  before="$(cut -d' ' -f1 /proc/loadavg)"
  wrk -c64 -t2 -d"${duration}s" --latency "http://127.0.0.1:$port$path" > "$out" 2>&1
  after="$(cut -d' ' -f1 /proc/loadavg)"
  stop_server
  local rps p50 p99 errors
  rps="$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(grep -E 'Non-2xx|Socket errors' "$out" | tr '\n' ' ' || true)"
  rows+=("$name|wrk \`$path\`|$rps req/s|p50 $p50, p99 $p99|load $before -> $after $errors")
  printf '%-4s %-40s %8s req/s  p50 %-8s p99 %-8s load %s -> %s %s\n' "$name" "$path" "$rps" "$p50" "$p99" "$before" "$after" "$errors"
}

binaries=("new|$new")
[ -n "$old" ] && binaries+=("old|$old")
for round in $(seq "$runs"); do
  for entry in "${binaries[@]}"; do
    name="${entry%%|*}"
    bin="${entry#*|}"
    step "round $round: $name ($bin): crowd"
    crowd "$name" "$bin"
    step "round $round: $name: wrk -c64 -t2 -d${duration}s --latency"
    run_wrk "$name" "$bin" "/api/v1/feed?category=cs.CL&limit=10"
    run_wrk "$name" "$bin" "/api/v1/feed?limit=10"
  done
done

step "summary ($(nproc) cores, $label papers; the load tools share the cores with the server)"
printf '| %s | %s | %s | %s | %s |\n' server what rate latency notes
printf '| --- | --- | --- | --- | --- |\n'
for r in "${rows[@]}"; do IFS='|' read -r a b c d e <<< "$r"; printf '| %s | %s | %s | %s | %s |\n' "$a" "$b" "$c" "$d" "$e"; done
