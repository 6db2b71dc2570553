#!/usr/bin/env bash
# Builds AcademicHub in Release (build-release/), generates the benchmark corpora into bench/data/
# when missing, runs parse_bench, store_bench (when that target exists) and the end-to-end import
# of the 1M-record snapshot, then prints a summary table. See bench/README.md.
#
#   bench/run_benchmarks.sh [--quick] [--jobs N] [--runs N] [--skip LIST] [--store-timeout S]
#     --quick            100k records only (no 1M corpus; the import uses the 100k snapshot)
#     --jobs N           parallel compile jobs (default 2: the machines are small and shared)
#     --runs N           end-to-end import runs, each on a fresh database (default 3)
#     --skip LIST        comma-separated parts to leave out: parse, store, import
#     --store-timeout S  stop store_bench after S seconds (default 1800)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-release"
data="$root/bench/data"
results="$build/bench-results"
quick=0
jobs=2
runs=3
skip=","
store_timeout=1800

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --jobs) jobs="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --skip) skip=",$2,"; shift ;;
    --store-timeout) store_timeout="$2"; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run_benchmarks: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$data" "$results"
summary=()  # rows "what|result|target"
row() { summary+=("$1|$2|$3"); }
skipped() { [[ "$skip" == *",$1,"* ]]; }
step() { printf '\n== %s\n' "$*"; }

# Medians from a Google Benchmark JSON file: "name MB/s items/s real_ms" per median aggregate.
medians() {
  awk -F': ' '
    /"name":/             { name = $2; gsub(/[",]/, "", name) }
    /"aggregate_name":/   { agg = $2; gsub(/[",]/, "", agg) }
    /"real_time":/        { t = $2; gsub(/,/, "", t) }
    /"time_unit":/        { unit = $2; gsub(/[",]/, "", unit) }
    /"bytes_per_second":/ { b = $2; gsub(/,/, "", b) }
    /"items_per_second":/ { it = $2; gsub(/,/, "", it) }
    /^    }/ {
      if (agg == "median") {
        ms = unit == "ns" ? t / 1e6 : unit == "us" ? t / 1e3 : unit == "s" ? t * 1e3 : t
        printf "%s %.1f %.0f %.1f\n", name, b / 1e6, it, ms
      }
      name = agg = t = unit = b = it = ""
    }' "$1"
}

# ---------------------------------------------------------------------------------------------
step "configure and build (Release) in $build"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
if ! cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DAH_BUILD_TESTS=OFF -DAH_BUILD_BENCH=ON >"$results/cmake.log" 2>&1; then
  cat "$results/cmake.log" >&2
  exit 1
fi
target_list="$(cmake --build "$build" --target help 2>/dev/null || true)"
has_target() { grep -Eq "^(\.\.\. )?$1(:| |\$)" <<<"$target_list"; }
cmake --build "$build" --target gen_corpus -j "$jobs"
targets=(gen_corpus)
# The other targets are optional: one that is not defined yet, or does not build, is skipped.
for t in parse_bench store_bench academichub; do
  if ! has_target "$t"; then
    echo "(target $t is not defined yet: skipped)"
  elif cmake --build "$build" --target "$t" -j "$jobs"; then
    targets+=("$t")
  else
    echo "(target $t failed to build: skipped)" >&2
  fi
done
find_binary() { find "$build" -type f -name "$1" -perm -u+x -print -quit 2>/dev/null || true; }

# ---------------------------------------------------------------------------------------------
step "corpora in $data"
gen_corpus="$build/bench/gen_corpus"
# generate NAME RECORDS FORMAT: writes to a temporary name first, so an interrupted run is redone.
generate() {
  local out="$data/$1"
  if [ -e "$out" ]; then
    echo "have $out"
    return
  fi
  rm -rf "$out.tmp"
  "$gen_corpus" --records "$2" --format "$3" --out "$out.tmp" --seed 42 2>"$results/gen-$1.log"
  cat "$results/gen-$1.log"
  mv "$out.tmp" "$out"
  local rate
  rate=$(sed -n 's/.*(\([0-9]* MB\/s\), \([0-9]*\) records\/s).*/\1, \2 records\/s/p' \
    "$results/gen-$1.log")
  local seconds
  seconds=$(sed -n 's/.* in \([0-9.]*\) s .*/\1/p' "$results/gen-$1.log")
  row "gen_corpus $1" "$seconds s ($rate)" "$([ "$2" -ge 1000000 ] && echo "well under 60 s")"
}
generate snapshot-100k.jsonl 100000 snapshot
generate oai-100k 100000 oai
if [ "$quick" -eq 0 ]; then generate snapshot-1m.jsonl 1000000 snapshot; fi

# ---------------------------------------------------------------------------------------------
if skipped parse; then
  row "parse" "skipped (--skip)" ">= 300 MB/s"
elif [[ " ${targets[*]} " == *" parse_bench "* ]]; then
  step "parse_bench (median of 5 repetitions)"
  "$build/bench/parse_bench" --records=20000 --snapshot="$data/snapshot-100k.jsonl" \
    --oai-dir="$data/oai-100k" --benchmark_out="$results/parse.json" \
    --benchmark_out_format=json
  while read -r name mbs items ms; do
    name="${name%_median}"
    name="${name%/real_time}"
    name="${name%/iterations:1}"
    target=">= 300 MB/s"
    [[ "$name" == *Baseline* ]] && target="(floor: getline only)"
    row "parse: ${name#BM_}" "$mbs MB/s, $items records/s" "$target"
  done < <(medians "$results/parse.json" | grep -v GenerateSnapshot)
else
  row "parse" "skipped (ah_sources_arxiv not built)" ">= 300 MB/s"
fi

# ---------------------------------------------------------------------------------------------
store_bench=""
[[ " ${targets[*]} " == *" store_bench "* ]] && store_bench="$(find_binary store_bench)"
if skipped store; then
  row "store_bench" "skipped (--skip)" "search p99 <= 50 ms at 1M"
elif [ -n "$store_bench" ]; then
  # store_bench (src/store's) is a plain program: 1M papers into a fresh database, then search
  # latencies at its checkpoints. Its summary lines are picked up for the table.
  step "store_bench (at most $store_timeout s)"
  # With pipefail the pipeline fails when store_bench does (or times out).
  if timeout "$store_timeout" "$store_bench" | tee "$results/store.txt"; then
    rate=$(sed -n 's/.*import including optimize: \([0-9]*\) records\/s.*/\1/p' \
      "$results/store.txt" | tail -n 1)
    row "store: import incl. optimize" "${rate:-?} records/s" ">= 15,000 records/s"
    pattern='s/^search at \([0-9]*\) (\([a-z]*\) optimize):.* p50 \([0-9.]*\) ms,'
    pattern+=' p99 \([0-9.]*\) ms.*/'
    while read -r n when p50 p99; do
      row "store: search at $n ($when optimize)" "p50 $p50 ms, p99 $p99 ms" "p99 <= 50 ms at 1M"
    done < <(sed -n "${pattern}\\1 \\2 \\3 \\4/p" "$results/store.txt")
  else
    row "store_bench" "FAILED or timed out (see its output above)" "search p99 <= 50 ms at 1M"
  fi
else
  row "store_bench" "skipped (target not built)" "search p99 <= 50 ms at 1M"
fi

# ---------------------------------------------------------------------------------------------
cli="$build/src/cli/academichub"
if [ "$quick" -eq 1 ]; then corpus="snapshot-100k.jsonl"; records=100000
else corpus="snapshot-1m.jsonl"; records=1000000; fi
if skipped import; then
  row "import $corpus" "skipped (--skip)" ">= 15,000 records/s"
elif [[ " ${targets[*]} " == *" academichub "* ]] && [ -x "$cli" ]; then
  step "end-to-end import of $corpus ($runs runs on fresh databases)"
  if [ ! -x /usr/bin/time ] && [ "$(id -u)" -eq 0 ]; then
    bash "$root/scripts/install-deps.sh" || true
  fi
  rates=()
  peak_kb=0
  failed=0
  for i in $(seq 1 "$runs"); do
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/ah-bench.XXXXXX")"
    start=$(date +%s.%N)
    timer=()
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -v -o "$tmp/time.txt")
    if XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" "${timer[@]}" \
        "$cli" --db "$tmp/bench.db" import "$data/$corpus" >"$results/import-$i.log" 2>&1; then
      end=$(date +%s.%N)
      rate=$(awk -v n="$records" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
      rates+=("$rate")
      kb=0
      [ -f "$tmp/time.txt" ] &&
        kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
      [ "${kb:-0}" -gt "$peak_kb" ] && peak_kb=$kb
      db_mb=$(du -sm "$tmp" | cut -f1)
      echo "run $i: $rate records/s, peak RSS $((kb / 1024)) MiB, database folder $db_mb MB"
    else
      echo "run $i FAILED; last lines of $results/import-$i.log:" >&2
      tail -n 5 "$results/import-$i.log" >&2
      failed=$((failed + 1))
    fi
    rm -rf "$tmp"
  done
  if [ "${#rates[@]}" -gt 0 ]; then
    median=$(printf '%s\n' "${rates[@]}" | sort -n |
      awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    rss="peak RSS $((peak_kb / 1024)) MiB"
    [ "$peak_kb" -eq 0 ] && rss="peak RSS unknown (/usr/bin/time missing)"
    row "import $corpus" "$median records/s median of ${#rates[@]}, $rss" ">= 15,000 records/s"
  fi
  [ "$failed" -gt 0 ] && row "import $corpus" "$failed of $runs runs FAILED" ">= 15,000 records/s"
else
  echo "(academichub is not built yet: end-to-end import skipped)"
  row "import $corpus" "skipped (academichub not built)" ">= 15,000 records/s"
fi

# ---------------------------------------------------------------------------------------------
step "summary"
{
  printf 'what|result|target\n'
  printf '%s\n' "${summary[@]}"
} | awk -F'|' '
  { for (i = 1; i <= 3; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
  END {
    for (r = 1; r <= NR; r++) {
      printf "%-*s  %-*s  %s\n", w[1], cell[r, 1], w[2], cell[r, 2], cell[r, 3]
      if (r == 1) {
        line = ""
        for (k = 0; k < w[1] + w[2] + w[3] + 4; k++) line = line "-"
        print line
      }
    }
  }'
echo
echo "raw results: $results"
