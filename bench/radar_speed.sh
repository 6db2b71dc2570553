#!/usr/bin/env bash
# The radar's speed beside arxiv-sanity-lite's (bench/README.md, "Radar speed"), in one run:
#  1. builds radar_bench and gen_corpus (Release, build-release/) and writes the synthetic
#     snapshot bench/data/snapshot-1m.jsonl when missing (gen_corpus, seed 42);
#  2. radar_bench on its first 100,000 and on all 1,000,000 records: rank a day (2,000), 30 days
#     (60,000) and everything, retrain after a vote, memory;
#  3. the peer (peer.py --time, Debian's sklearn via setup_peer.sh) on the same first 100,000 and
#     1,000,000 records: one recommendation = LinearSVC fit over all papers + scoring + sort;
#  4. prints the table with the ratio, and the load before each part.
# Usage: bench/radar_speed.sh [--sizes 100000,1000000] [--runs 100] [--peer-repeat 3]
#                             [--no-peer] [--jobs 2] [--build DIR]
#   --build  a build tree to use (default build-release/, configured Release when absent; an
#            existing RelWithDebInfo tree (-O2) also works, the table says which was used)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
build="$repo/build-release"
data="$repo/bench/data"
results="$build/bench-results"
sizes=100000,1000000
runs=100
peer_repeat=3
peer=1
jobs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --peer-repeat) peer_repeat="$2"; shift 2 ;;
    --no-peer) peer=0; shift ;;
    --jobs) jobs="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    *) echo "radar_speed.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAH_BUILD_TESTS=OFF \
    ${CCACHE_DIR:+-DCMAKE_CXX_COMPILER_LAUNCHER=ccache} >/dev/null
fi
ninja -C "$build" -j"$jobs" radar_bench gen_corpus >/dev/null
mkdir -p "$data" "$results"
snapshot="$data/snapshot-1m.jsonl"
if [ ! -s "$snapshot" ]; then
  echo "radar_speed: writing $snapshot (gen_corpus --records 1000000 --seed 42)" >&2
  "$build/bench/gen_corpus" --records 1000000 --format snapshot --out "$snapshot" >/dev/null
fi
[ "$peer" = 1 ] && "$here/radar_eval/setup_peer.sh"

IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
  echo "radar_speed: radar_bench --papers $n (load $(load))" >&2
  echo "$(load)" >"$results/radar-$n.load"
  /usr/bin/time -v "$build/bench/radar_bench" --papers "$n" --snapshot "$snapshot" \
    --runs "$runs" --json "$results/radar-$n.json" 2>"$results/radar-$n.time" |
    tee "$results/radar-$n.txt"
  if [ "$peer" = 1 ]; then
    echo "radar_speed: peer --time $n (load $(load))" >&2
    echo "$(load)" >"$results/peer-$n.load"
    "$here/radar_eval/setup_peer.sh" -- --time "$n" --snapshot "$snapshot" --cache "$data" \
      --repeat "$peer_repeat" >"$results/peer-$n.json" 2>"$results/peer-$n.log"
    cat "$results/peer-$n.json"
  fi
done

/usr/bin/python3 - "$results" "$sizes" "$peer" <<'EOF'
import json, os, sys
results, sizes, peer = sys.argv[1], sys.argv[2].split(','), sys.argv[3] == '1'
print('\n| papers in the index | rank a day (2,000) median / p99 | 30 days (60,000) | all papers '
      '| update after a vote | index build | radar / index memory | peer: one recommendation '
      '(median) | peer / radar (all papers, median) |')
print('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for n in sizes:
    r = json.load(open(f'{results}/radar-{n}.json'))
    def cell(k):
        x = r['rank'].get(str(min(int(k), r['papers'])))
        return f"{x['median_ms']:.2f} / {x['p99_ms']:.2f} ms" if x else '-'
    u = r['update']
    mem = f"{r['radar_bytes'] / 1024:.0f} KiB / {r['index_bytes'] / 2**20:.0f} MiB"
    p, ratio = '-', '-'
    if peer and os.path.exists(f'{results}/peer-{n}.json'):
        pj = json.load(open(f'{results}/peer-{n}.json'))
        p = f"{pj['median_s']:.2f} s"
        allp = r['rank'][str(r['papers'])]['median_ms'] / 1000
        ratio = f"{pj['median_s'] / allp:.0f}x"
    print(f"| {r['papers']:,} | {cell(2000)} | {cell(60000)} | {cell(r['papers'])} | "
          f"{u['median_ms']:.1f} / {u['p99_ms']:.1f} ms | {(str(round(r['index_build_s'])) + ' s') if 'index_build_s' in r else 'read from a file'} | {mem} | {p} | {ratio} |")
EOF
echo "build: $(grep -m1 CMAKE_BUILD_TYPE: "$build/CMakeCache.txt" | cut -d= -f2); finished $(date -u +%FT%TZ), load $(load)"
