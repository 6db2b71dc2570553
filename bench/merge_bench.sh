#!/usr/bin/env bash
# Merge throughput: `academichub import` of an input in which a share of the records are other
# records of papers already imported (later arXiv versions; Crossref works of arXiv papers by
# DOI, by has-preprint relation, by title alone), beside the same size of new papers only. Each
# mix is imported --runs times into a fresh database; then the last database is checked: its
# paper count is the number of distinct works, and a sample of the duplicated papers shows 2+
# records (or 2+ versions). See bench/README.md ("Merging while importing").
#
#   bench/merge_bench.sh [--records N] [--dup-share F] [--runs N] [--sample N] [--jobs N]
#                        [--build DIR] [--no-baseline]
#     --records N    records per input (default 1000000)
#     --dup-share F  share of duplicates in the merge mix (default 0.2)
#     --runs N       imports per mix, each on a fresh database (default 3); the median is quoted
#     --sample N     duplicated papers checked with `academichub show --json` (default 40)
#     --jobs N       parallel compile jobs (default 2)
#     --build DIR    build directory (default build-release/, configured Release if missing)
#     --no-baseline  skip the 0% duplicates mix
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-release"
data="$root/bench/data"
records=1000000
share=0.2
runs=3
sample=40
jobs=2
baseline=1

usage() { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records="$2"; shift ;;
    --dup-share) share="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --sample) sample="$2"; shift ;;
    --jobs) jobs="$2"; shift ;;
    --build) build="$(realpath -m "$2")"; shift ;;
    --no-baseline) baseline=0 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "merge_bench: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

step() { printf '\n== %s\n' "$*"; }
results="$build/bench-results"
mkdir -p "$data" "$results"

step "build ($build)"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAH_BUILD_BENCH=ON \
    -DAH_BUILD_TESTS=OFF
fi
grep -m1 '^CMAKE_BUILD_TYPE' "$build/CMakeCache.txt" || true
cmake --build "$build" -j "$jobs" --target academichub gen_merge_corpus
cli="$build/src/cli/academichub"
gen="$build/bench/gen_merge_corpus"

summary=()
run_mix() {  # share
  local mix_share="$1"
  local dir="$data/merge-$records-$mix_share"
  if [ ! -f "$dir/.manifest" ]; then
    step "generate $dir"
    rm -rf "$dir"
    "$gen" --records "$records" --dup-share "$mix_share" --out "$dir"
  fi
  local head papers
  head="$(head -n 1 "$dir/.manifest")"
  papers="$(awk '{ print $3 }' <<<"$head")"
  step "import $dir ($runs runs on fresh databases): $head"
  local rates=() cpu_rates=() loads=() peak_kb=0 keep=""
  for i in $(seq 1 "$runs"); do
    local tmp log="$results/merge-$mix_share-$i.log"
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/ah-merge.XXXXXX")"
    local timer=()
    [ -x /usr/bin/time ] && timer=(/usr/bin/time -v -o "$tmp/time.txt")
    local start end
    loads+=("$(cut -d' ' -f1 /proc/loadavg)")
    start=$(date +%s.%N)
    if ! XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" "${timer[@]}" \
        "$cli" --db "$tmp/bench.db" import "$dir" >"$log" 2>&1; then
      echo "run $i FAILED; last lines of $log:" >&2
      tail -n 5 "$log" >&2
      rm -rf "$tmp"
      exit 1
    fi
    end=$(date +%s.%N)
    local rate kb=0 cpu_rate=0
    rate=$(awk -v n="$records" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
    rates+=("$rate")
    if [ -f "$tmp/time.txt" ]; then
      kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/time.txt")
      # Records per second of CPU (user + system, all threads): less at the mercy of other
      # processes on a shared machine than the wall-clock rate.
      cpu_rate=$(awk -F': ' -v n="$records" '/(User|System) time/ { t += $2 }
        END { printf "%.0f", (t > 0 ? n / t : 0) }' "$tmp/time.txt")
    fi
    cpu_rates+=("$cpu_rate")
    [ "${kb:-0}" -gt "$peak_kb" ] && peak_kb=$kb
    echo "run $i: $rate records/s ($cpu_rate per CPU second, load ${loads[-1]} before)," \
      "peak RSS $((kb / 1024)) MiB; $(grep '^total:' "$log" || true)"
    [ -n "$keep" ] && rm -rf "$keep"
    keep="$tmp"
  done
  local median cpu_median
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  cpu_median=$(printf '%s\n' "${cpu_rates[@]}" | sort -n |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')

  step "check the last database"
  local env=(env XDG_CONFIG_HOME="$keep/config" XDG_DATA_HOME="$keep/data")
  local stored ok=1
  stored=$("${env[@]}" "$cli" --db "$keep/bench.db" stats --json | jq .papers)
  if [ "$stored" = "$papers" ]; then
    echo "papers: $stored = distinct works $papers"
  else
    echo "papers: $stored, but the input has $papers distinct works" >&2
    # Which records stayed apart: non-arXiv records alone in their paper (the title-only kind has
    # DOIs 10.99999/jsr.*, as has the relation kind).
    sqlite3 -cmd "CREATE TEMP VIEW apart AS SELECT min(source_id) AS key FROM records
      GROUP BY paper_uid HAVING sum(family = 'arxiv') = 0" "$keep/bench.db" "SELECT 'left apart: '
      || count(*) || ' papers of non-arXiv records only, e.g. ' || (SELECT group_concat(key, ' ')
      FROM (SELECT key FROM apart LIMIT 10)) FROM apart" >&2 || true
    ok=0
  fi
  local checked=0 bad=0
  if [ "$(wc -l <"$dir/.manifest")" -gt 1 ]; then
    # Every kind equally: sample/4 of each, spread over the whole input. Two passes over the
    # manifest (count each kind, then take every step-th line of it): gathering each kind's lines
    # into one string first took 2.5 minutes at 1M records.
    while read -r kind id; do
      local json n
      json=$("${env[@]}" "$cli" --db "$keep/bench.db" show --json "$id")
      if [ "$kind" = version ]; then
        n=$(jq '.versions | length' <<<"$json")
      else
        n=$(jq '.records | length' <<<"$json")
      fi
      checked=$((checked + 1))
      if [ "${n:-0}" -lt 2 ]; then
        echo "  $kind $id: $n (expected 2+)" >&2
        bad=$((bad + 1))
      fi
    done < <(awk -v per=$((sample / 4)) 'FNR == 1 { next } NR == FNR { count[$1]++; next }
      { i = ++seen[$1]; step = int(count[$1] / per); if (step < 1) step = 1
        if ((i - 1) % step == 0 && taken[$1]++ < per) print }' "$dir/.manifest" "$dir/.manifest")
    echo "sample: $checked duplicated papers, $bad without 2+ records (versions for arXiv versions)"
    [ "$bad" -eq 0 ] || ok=0
  fi
  rm -rf "$keep"
  summary+=("$(printf '%-5s  %s records/s median of %s (%s; load %s), %s per CPU second, peak RSS %s MiB, check %s' \
    "$mix_share" "$median" "$runs" "$(IFS=/; echo "${rates[*]}")" "$(IFS=/; echo "${loads[*]}")" \
    "$cpu_median" $((peak_kb / 1024)) "$([ "$ok" -eq 1 ] && echo ok || echo FAILED)")")
  [ "$ok" -eq 1 ]
}

status=0
run_mix "$share" || status=1
if [ "$baseline" -eq 1 ]; then run_mix 0 || status=1; fi

step "summary: academichub import, $records records, $(nproc) cores (dup share, result)"
printf '%s\n' "${summary[@]}"
exit "$status"
