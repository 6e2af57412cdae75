#!/usr/bin/env bash
# The archive-scale benchmarks (issue 8), run on demand — not part of `cargo test` or CI.
#
#   bash benches/run.sh              1,000, 10,000 and 100,000 reports (about an hour on 2 cores)
#   bash benches/run.sh --quick      200 and 1,000 reports (a few minutes)
#   bash benches/run.sh --sizes 1000,10000 --runs 5
#
# Each figure is whole-process wall time, CPU time (user + system) and peak memory (maximum
# resident set size, from GNU time) of the release binary on a synthetic corpus written by
# examples/gen-corpus: the median of --runs runs (3 by default), with the output folder removed
# (and settled, see --settle) before each run, sources warm in the page cache. Where `hugo` is installed (Debian's package), the same reports are built as a Hugo
# site (layouts in benches/hugo/) in the same run, alternating with the archive's runs, and the
# ratio is printed. Results are also written to WORK/results-<time>.txt.
#
# The full builds are `archive build --no-search`, the pages and data files that the Hugo site
# also has; the search index (Pagefind, which Hugo's site lacks) is measured on its own, as a
# whole `archive build` at --search-sizes, and its cost is the difference. At those sizes the whole
# `archive build` is also run against Hugo followed by Pagefind's own CLI on Hugo's pages
# (benches/search-pair.sh), alternating, when both are installed: pagefind_extended comes with
# `npm install pagefind@1.6`; put it on PATH or name it in $PAGEFIND (see that script).
#
# Options:
#   --sizes LIST      full builds at these report counts (default 1000,10000,100000)
#   --runs N          runs per figure, median reported (default 3)
#   --check-sizes L   `archive check` at these sizes (default 10000,100000; 1000 with --quick).
#                     1000000 works: its corpus takes about 13 GB of disk (no Hugo copy is
#                     made for a check size) and a minute or two to generate, each check about
#                     2 minutes of CPU and 1.5 GiB; delete target/bench/corpus-1000000 after.
#                     Only the checks: --sizes "" --search-sizes "" --serve-first ""
#                     --serve-size 0 --incremental-size 0 --import-size 0 --check-sizes 1000000
#   --serve-size N    one-report edit in `archive serve` at this size (same defaults; 0 to
#                     leave out)
#   --serve-first L   `archive serve`'s first page and peak memory at these sizes (default
#                     10000,100000; 1000 with --quick)
#   --search-sizes L  whole builds with the search index at these sizes (default 1000,10000;
#                     200 with --quick), each also against Hugo + Pagefind's CLI
#   --hugo-max N      let Hugo build sizes up to N only (default 10000: Hugo needs many minutes
#                     and gigabytes at 100,000; pass --hugo-max 100000 to include it)
#   --settle S        after removing the previous output, sync and wait S seconds before the next
#                     run (default 60; 0 with --quick): ext4 skips recently freed inodes, which
#                     makes creating files just after deleting thousands of them much slower
#   --incremental-size N
#                     incremental `archive build` at this size (default 100000; 1000 with
#                     --quick; 0 to leave out): a first build with the search index, a build with
#                     nothing changed, then --runs one-report edits of each kind, each followed by
#                     `archive build` — a table cell (no indexed text changes) and a narrative
#                     (one part of the index is built again). The corpus is hard-linked into a
#                     copy (sed -i and >> replace files, never the corpus's own), its search parts
#                     of --part-size reports (default 1000: a part of 5,000 takes some 5.5 GB).
#   --part-size N     search_part_size of the incremental benchmark's copy (default 1000)
#   --import-size N   a folder import of N published report files from agencies the archive
#                     does not know (benches/import-folder.sh; default 1000, 0 to leave out)
#   --no-hugo         leave Hugo out
#   --work DIR        corpora and outputs (default target/bench)
#
# Needs: a Rust toolchain, GNU time at /usr/bin/time (Debian: apt-get install time), curl for the
# serve figure, and optionally hugo (apt-get install hugo) and pagefind_extended (above).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
repo=$(pwd)

sizes="1000,10000,100000"
runs=3
check_sizes="10000,100000"
serve_size=10000
serve_first_sizes="10000,100000"
search_sizes=1000,10000
hugo_max=10000
settle=60
use_hugo=1
import_size=1000
incremental_size=100000
part_size=1000
work="$repo/target/bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) sizes="200,1000"; check_sizes=1000; serve_size=1000; serve_first_sizes=1000; search_sizes=200; settle=0; incremental_size=1000 ;;
    --sizes) sizes="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --check-sizes) check_sizes="$2"; shift ;;
    --serve-size) serve_size="$2"; shift ;;
    --serve-first) serve_first_sizes="$2"; shift ;;
    --search-sizes) search_sizes="$2"; shift ;;
    --hugo-max) hugo_max="$2"; shift ;;
    --settle) settle="$2"; shift ;;
    --import-size) import_size="$2"; shift ;;
    --incremental-size) incremental_size="$2"; shift ;;
    --part-size) part_size="$2"; shift ;;
    --no-hugo) use_hugo=0 ;;
    --work) work="$2"; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
  echo "GNU time is needed at /usr/bin/time for peak memory: apt-get install time" >&2
  exit 2
fi
if [ "$use_hugo" = 1 ] && ! command -v hugo >/dev/null 2>&1; then
  echo "note: hugo is not installed (apt-get install hugo); building the archive only" >&2
  use_hugo=0
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)

echo "building the release binary and the corpus generator"
cargo build --quiet --release --bin archive --example gen-corpus
target_dir=$(cargo metadata --format-version 1 --no-deps \
  | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
archive="$target_dir/release/archive"
gen_corpus="$target_dir/release/examples/gen-corpus"

results="$work/results-$(date +%Y%m%d-%H%M%S).txt"
say() { echo "$@" | tee -a "$results"; }

say "archive benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
say "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
say "machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/^Mem:/ {print $2}') GiB memory, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
[ "$use_hugo" = 1 ] && say "hugo:    $(hugo version | cut -d' ' -f1-2)"
say "runs:    median of $runs, whole-process wall and CPU (user + system) time; peak RSS is the largest of the runs; outputs removed and settled ${settle} s before each pair of runs"
say ""

# A corpus of N reports in $corpus_dir, made once and kept while the generator is unchanged; its
# Hugo copy beside it only when the second argument is `hugo` (the full builds'): a corpus made
# for `archive check` alone has none, which halves its disk at 1,000,000 reports.
corpus() {
  corpus_dir="$work/corpus-$1"
  local stamp hugo_args=()
  stamp="$(sha256sum "$gen_corpus" | cut -c1-16) $1"
  local made
  made="$(cat "$corpus_dir/.stamp" 2>/dev/null || true)"
  if [ "${2:-}" = hugo ]; then
    stamp="$stamp hugo"
    hugo_args=(--hugo "$corpus_dir-hugo")
  elif [ "$made" = "$stamp hugo" ]; then
    return
  fi
  if [ "$made" != "$stamp" ]; then
    echo "generating $1 reports in $corpus_dir"
    local start=$EPOCHREALTIME
    rm -rf "$corpus_dir-hugo"
    "$gen_corpus" --reports "$1" --out "$corpus_dir" "${hugo_args[@]}" --force
    echo "  ($(elapsed "$start") s)"
    echo "$stamp" > "$corpus_dir/.stamp"
  fi
}

elapsed() { awk -v s="$1" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.3f", e - s }'; }

# Removes the outputs and lets the file system settle (see --settle).
fresh_outputs() {
  rm -rf "$work/out-archive" "$work/.out-archive.staging" "$work/out-hugo" "$work/.archive-cache"
  sync
  if [ "$settle" -gt 0 ]; then sleep "$settle"; fi
}

# Runs a command once under GNU time, setting $seconds, $cpu and $rss (peak KiB); stops the whole
# benchmark if the command fails (exit 1 is allowed when $findings_ok is set: `archive check`
# reports the corpus's injected findings).
measure_once() {
  local log="$work/last-run.log" start status=0
  start=$EPOCHREALTIME
  /usr/bin/time -f "%M %U %S" -o "$work/last-rss" "$@" >"$log" 2>&1 || status=$?
  if [ "$status" != 0 ] && ! { [ -n "${findings_ok:-}" ] && [ "$status" = 1 ]; }; then
    echo "failed (exit $status): $*" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  seconds=$(elapsed "$start")
  read -r rss user system < <(tail -1 "$work/last-rss")
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
largest() { sort -g | tail -1; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# The full-build table.
printf -v header "%-8s %10s %10s %8s %9s   %9s %8s %9s   %12s" \
  "reports" "archive s" "ms/report" "cpu s" "peak MiB" "hugo s" "cpu s" "peak MiB" "archive/hugo"
say "full build"
say "$header"
IFS=, read -r -a size_list <<< "$sizes"
for size in "${size_list[@]}"; do
  hugo_this=$use_hugo
  if [ -n "$hugo_max" ] && [ "$size" -gt "$hugo_max" ]; then hugo_this=0; fi
  if [ "$hugo_this" = 1 ]; then corpus "$size" hugo; else corpus "$size"; fi
  dir=$corpus_dir
  archive_times=() archive_cpu=() archive_rss=() hugo_times=() hugo_cpu=() hugo_rss=()
  for ((run = 1; run <= runs; run++)); do
    fresh_outputs
    measure_once "$archive" --root "$dir" build --no-search --output "$work/out-archive"
    archive_times+=("$seconds") archive_cpu+=("$cpu") archive_rss+=("$rss")
    if [ "$hugo_this" = 1 ]; then
      measure_once hugo --source "$dir-hugo" --themesDir "$repo/benches" \
        --theme hugo --destination "$work/out-hugo" --quiet
      hugo_times+=("$seconds") hugo_cpu+=("$cpu") hugo_rss+=("$rss")
    fi
  done
  a_time=$(printf '%s\n' "${archive_times[@]}" | median)
  a_cpu=$(printf '%s\n' "${archive_cpu[@]}" | median)
  a_rss=$(printf '%s\n' "${archive_rss[@]}" | largest)
  per_report=$(awk -v t="$a_time" -v n="$size" 'BEGIN { printf "%.3f", t * 1000 / n }')
  if [ "$hugo_this" = 1 ]; then
    h_time=$(printf '%s\n' "${hugo_times[@]}" | median)
    h_cpu=$(printf '%s\n' "${hugo_cpu[@]}" | median)
    h_rss=$(mib "$(printf '%s\n' "${hugo_rss[@]}" | largest)")
    ratio=$(awk -v a="$a_time" -v h="$h_time" 'BEGIN { printf "%.2f", a / h }')
  else
    h_time="-" h_cpu="-" h_rss="-" ratio="-"
  fi
  printf -v line "%-8s %10s %10s %8s %9s   %9s %8s %9s   %12s" \
    "$size" "$a_time" "$per_report" "$a_cpu" "$(mib "$a_rss")" "$h_time" "$h_cpu" "$h_rss" "$ratio"
  say "$line"
  echo "  archive runs: ${archive_times[*]} s; hugo runs: ${hugo_times[*]:-none} s" >> "$results"
done
rm -rf "$work/out-archive" "$work/out-hugo"
say "(ms/report: archive wall time per report, which stays flat when the build grows linearly)"
say ""

# The search index, on its own: a whole build with it, against the pages alone above.
IFS=, read -r -a search_list <<< "$search_sizes"
for search_size in "${search_list[@]}"; do
  corpus "$search_size"
  dir=$corpus_dir
  search_times=() search_rss=()
  for ((run = 1; run <= runs; run++)); do
    fresh_outputs
    measure_once "$archive" --root "$dir" build --output "$work/out-archive"
    search_times+=("$seconds") search_rss+=("$rss")
  done
  say "archive build with the search index at $search_size reports: $(printf '%s\n' "${search_times[@]}" | median) s, peak $(mib "$(printf '%s\n' "${search_rss[@]}" | largest)") MiB (runs: ${search_times[*]} s)"
  # Against Hugo followed by Pagefind's CLI, alternating (benches/search-pair.sh says what it needs).
  if [ "$use_hugo" = 1 ] && [ "$search_size" -le "$hugo_max" ]; then
    say "  at $search_size reports, $(bash "$repo/benches/search-pair.sh" "$archive" "$dir" "$dir-hugo" "$work" "$runs" "$settle")"
  fi
done
rm -rf "$work/out-archive"

# archive check.
IFS=, read -r -a check_list <<< "$check_sizes"
for check_size in "${check_list[@]}"; do
  corpus "$check_size"
  dir=$corpus_dir
  check_times=() check_cpu=() check_rss=()
  for ((run = 1; run <= runs; run++)); do
    findings_ok=1 measure_once "$archive" --root "$dir" check
    check_times+=("$seconds") check_cpu+=("$cpu") check_rss+=("$rss")
  done
  say "archive check at $check_size reports: $(printf '%s\n' "${check_times[@]}" | median) s (cpu $(printf '%s\n' "${check_cpu[@]}" | median) s), peak $(mib "$(printf '%s\n' "${check_rss[@]}" | largest)") MiB (runs: ${check_times[*]} s)"
done

# serve at archive scale: the first page and the peak memory, pages drawn when asked.
IFS=, read -r -a serve_first_list <<< "$serve_first_sizes"
for serve_first_size in "${serve_first_list[@]}"; do
  corpus "$serve_first_size"
  say "$(bash "$repo/benches/serve-first-page.sh" "$archive" "$corpus_dir")"
done

# One-report edit in serve: its own script, so that it can follow the serve work.
if [ "$serve_size" -gt 0 ]; then
  corpus "$serve_size"
  dir=$corpus_dir
  say "$(bash "$repo/benches/serve-edit.sh" "$archive" "$dir" "$runs")"
  say ""
fi

# Incremental builds: its own script, on a hard-linked copy of the corpus.
if [ "$incremental_size" -gt 0 ]; then
  corpus "$incremental_size"
  say "$(bash "$repo/benches/incremental.sh" "$archive" "$corpus_dir" "$work" "$runs" "$part_size")"
  say ""
fi

# A folder import: its own script, which makes the published files from the import fixtures.
if [ "$import_size" -gt 0 ]; then
  say "$(bash "$repo/benches/import-folder.sh" --files "$import_size" --archive "$archive" --work "$work" | tail -1)"
  say ""
fi
say "results written to $results"
