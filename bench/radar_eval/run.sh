#!/usr/bin/env bash
# The radar's quality table (bench/README.md, "Radar quality"): builds radar_eval, unpacks the
# peer's Python (setup_peer.sh), then on the same exported papers and queries runs this tool's
# radar, id order, BM25 of the seed titles, the radar without each signal, and arxiv-sanity-lite's
# method (peer.py), once on the data as they are and once content only, and prints the tables.
# Only the REPORT days are scored unless --split says otherwise; tuning uses --split dev.
#
# Usage: bench/radar_eval/run.sh [--split report|dev|all] [--data DIR] [--build DIR]
#                                [--out DIR] [--no-peer] [--no-ablation] [-- radar_eval args]
#   --data   the daily crawl files (default ../shared/fixtures/arxiv-bulk beside the checkout)
#   --build  a configured build tree (default build/; configured RelWithDebInfo when absent)
#   --out    where exports, rankings and tables go (default bench/data/radar-eval-<split>)
# Everything after -- goes to radar_eval (e.g. --set w.taste=2 to try a setting on dev days).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
split=report
data=""
build="$repo/build"
out=""
peer=1
ablation=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --split) split="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-peer) peer=0; shift ;;
    --no-ablation) ablation=0; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "run.sh: unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
case "$split" in report|dev|all) ;; *) echo "run.sh: --split is report, dev or all" >&2; exit 2 ;; esac
if [ -z "$data" ]; then
  [ -d "$repo/../shared/fixtures/arxiv-bulk" ] && data="$repo/../shared/fixtures/arxiv-bulk"
fi
[ -n "$data" ] && [ -d "$data" ] || { echo "run.sh: no arxiv-bulk fixtures (--data DIR)" >&2; exit 1; }
out="${out:-$repo/bench/data/radar-eval-$split}"

# 1. Build radar_eval.
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    ${CCACHE_DIR:+-DCMAKE_CXX_COMPILER_LAUNCHER=ccache} >/dev/null
fi
ninja -C "$build" radar_eval >/dev/null
eval_bin="$build/bench/radar_eval"

# 2. The peer's Python.
[ "$peer" = 1 ] && "$here/setup_peer.sh"

# 3. Rank, both ways.
methods="radar,id,bm25_titles"
[ "$ablation" = 1 ] && methods="$methods,ablation"
signals=(taste semantic bm25 authors priors recency)
started=$(date -u +%FT%TZ)
# The two modes run side by side (one process each: the machine has 2 cores).
run_mode() {
  local mode="$1" dir="$out/$1" flag=()
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$mode" = content-only ] && flag=(--content-only)
  echo "run.sh: $mode: radar_eval on the $split days" >&2
  "$eval_bin" --data "$data" --split "$split" "${flag[@]}" --methods "$methods" \
    --export "$dir/export" --out "$dir" "${extra[@]}" >"$dir/radar_eval.json" 2>"$dir/radar_eval.log"
  if [ "$peer" = 1 ]; then
    echo "run.sh: $mode: the peer (arxiv-sanity-lite's method) on the same export" >&2
    "$here/setup_peer.sh" -- "$dir/export" "$dir/peer.tsv" --split "$split" 2>"$dir/peer.log"
  fi
}
run_mode as-is &
pid_asis=$!
run_mode content-only &
pid_content=$!
wait "$pid_asis"
wait "$pid_content"

# 4. The tables, every method scored by report.py.
report=(/usr/bin/python3 "$here/report.py")
for mode in as-is content-only; do
  dir="$out/$mode"
  args=()
  [ "$peer" = 1 ] && args+=("peer=$dir/peer.tsv")
  args+=("radar=$dir/radar.tsv" "id order=$dir/id.tsv" "bm25 of seed titles=$dir/bm25_titles.tsv")
  "${report[@]}" --export "$dir/export" --split "$split" --json "$dir/table.json" \
    --title "$mode ($split days)" "${args[@]}"
done
if [ "$ablation" = 1 ]; then
  for mode in as-is content-only; do
    dir="$out/$mode"
    args=("radar=$dir/radar.tsv")
    for s in "${signals[@]}"; do args+=("without_$s=$dir/without_$s.tsv"); done
    "${report[@]}" --export "$dir/export" --split "$split" --ablation \
      --json "$dir/ablation.json" --title "ablation, $mode ($split days)" "${args[@]}"
  done
fi
echo "started $started, finished $(date -u +%FT%TZ); load: $(cut -d' ' -f1-3 /proc/loadavg);" \
  "radar settings: ${extra[*]:-defaults}"
