#!/usr/bin/env bash
# The archive-scale benchmarks (issues 8 and 16), run on demand — not part of `cargo test` or CI.
#
#   bash benches/run.sh              every case of issue 16's targets: full builds at 1,000,
#                                    10,000, 100,000 and 300,000 reports (Hugo beside up to
#                                    10,000), the search index and the Hugo + Pagefind pair,
#                                    `archive check` up to 1,000,000, serve, the incremental
#                                    builds at 100,000 and a folder import; about 90 minutes and
#                                    some 45 GB of disk at its largest on 2 cores, ending with a
#                                    table of the targets, each met or missed
#   bash benches/run.sh --quick      200 and 1,000 reports (a few minutes)
#   bash benches/run.sh --sizes 1000,10000 --runs 5
#
# Each figure is whole-process wall time, CPU time (user + system) and peak memory (maximum
# resident set size, from GNU time) of the release binary on a synthetic corpus written by
# examples/gen-corpus: the median of --runs runs (3 by default; --runs-large at more than
# 100,000 reports), with the output folder removed before each run and the disk settled
# (benches/settle.sh: sync; as root, the kernel's caches dropped and the run's inputs read back in,
# so that every run starts alike, its sources warm in the page cache; see --settle). Where `hugo` is installed (Debian's package), the same reports
# are built as a Hugo site (layouts in benches/hugo/) in the same run, alternating with the
# archive's runs, and the ratio is printed. Results are also written to WORK/results-<time>.txt.
#
# The full builds are `archive build --no-search`, the pages and data files that the Hugo site
# also has; the output's size per report is measured after the last run of each size (the bytes
# of its files, what a sync uploads, and `du -sb`, which adds the folders). The search index
# (Pagefind, which Hugo's site lacks) is measured on its own, as a whole `archive build` at
# --search-sizes, and at the incremental size by the incremental benchmark's first build. At the
# search sizes the whole `archive build` is also run against Hugo followed by Pagefind's own CLI
# on Hugo's pages (benches/search-pair.sh), alternating, when both are installed:
# pagefind_extended comes with `npm install pagefind@1.6`; put it on PATH or name it in $PAGEFIND
# (see that script).
#
# Options:
#   --sizes LIST      full builds at these report counts (default 1000,10000,100000,300000)
#   --runs N          runs per figure, median reported (default 3)
#   --runs-large N    runs per figure at more than 100,000 reports (default 1)
#   --check-sizes L   `archive check` at these sizes (default 10000,100000,1000000; 1000 with
#                     --quick). The 1,000,000 corpus takes about 13 GB of disk (no Hugo copy is
#                     made for a check size) and a minute or two to generate.
#   --serve-size N    one-report edit in `archive serve` at this size (default 10000; 0 to
#                     leave out)
#   --serve-first L   `archive serve`'s first page and peak memory at these sizes (default
#                     10000,100000; 1000 with --quick)
#   --search-sizes L  whole builds with the search index at these sizes (default 1000,10000;
#                     200 with --quick), each also against Hugo + Pagefind's CLI
#   --hugo-max N      let Hugo build sizes up to N only (default 10000: Hugo needs many minutes
#                     and gigabytes at 100,000; pass --hugo-max 100000 to include it)
#   --settle S        after settling the disk (benches/settle.sh), wait S more seconds before
#                     the next run (default 5; 0 with --quick). Run as root where you can: on ext4
#                     without a journal, files created just after thousands were deleted cost
#                     many times their system time until the kernel's caches are dropped
#   --incremental-size N
#                     incremental `archive build` at this size (default 100000; 1000 with
#                     --quick; 0 to leave out): a first build with the search index (its time,
#                     peak and output size are the full build with the index), a build with
#                     nothing changed, then --runs one-report edits of each kind, each followed by
#                     `archive build` — a table cell (no indexed text changes) and a narrative
#                     (one part of the index is built again). The corpus is hard-linked into a
#                     copy (sed -i and >> replace files, never the corpus's own).
#   --part-size N     search_part_size of the incremental benchmark's copy (default: the site's,
#                     1,000)
#   --import-size N   a folder import of N published report files from agencies the archive
#                     does not know (benches/import-folder.sh; default 1000, 0 to leave out)
#   --keep-corpora    keep the corpora of more than 100,000 reports (by default each is deleted
#                     once its last case has run, for the disk)
#   --no-hugo         leave Hugo out
#   --work DIR        corpora and outputs (default target/bench)
#
# Needs: a Rust toolchain, GNU time at /usr/bin/time (Debian: apt-get install time), curl for the
# serve figures, and optionally hugo (apt-get install hugo) and pagefind_extended (above).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
repo=$(pwd)
# The lines read below (the search index's time) are the English ones: the terminal speaks
# Chinese by default.
export ARCHIVE_LANG=en

sizes="1000,10000,100000,300000"
runs=3
runs_large=1
check_sizes="10000,100000,1000000"
serve_size=10000
serve_first_sizes="10000,100000"
search_sizes=1000,10000
hugo_max=10000
settle=5
use_hugo=1
import_size=1000
incremental_size=100000
part_size=""
keep_corpora=0
work="$repo/target/bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) sizes="200,1000"; check_sizes=1000; serve_size=1000; serve_first_sizes=1000; search_sizes=200; settle=0; incremental_size=1000 ;;
    --sizes) sizes="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --runs-large) runs_large="$2"; shift ;;
    --check-sizes) check_sizes="$2"; shift ;;
    --serve-size) serve_size="$2"; shift ;;
    --serve-first) serve_first_sizes="$2"; shift ;;
    --search-sizes) search_sizes="$2"; shift ;;
    --hugo-max) hugo_max="$2"; shift ;;
    --settle) settle="$2"; shift ;;
    --import-size) import_size="$2"; shift ;;
    --incremental-size) incremental_size="$2"; shift ;;
    --part-size) part_size="$2"; shift ;;
    --keep-corpora) keep_corpora=1 ;;
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
say "runs:    median of $runs ($runs_large at more than 100,000 reports), whole-process wall and CPU (user + system) time; peak RSS is the largest of the runs; outputs removed and the disk settled, then ${settle} s more, before each pair of runs"
say "$(bash "$repo/benches/settle.sh" --describe "$work")"
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
    # Written out before any timed run: otherwise the first run shares the disk with the
    # corpus's write-back (13 GB at 1,000,000 reports).
    sync
    echo "  ($(elapsed "$start") s)"
    echo "$stamp" > "$corpus_dir/.stamp"
  fi
}

elapsed() { awk -v s="$1" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.3f", e - s }'; }

# Settles the disk and the page cache for a run whose inputs are the given folders
# (benches/settle.sh), the binaries always among them.
settle_for() {
  bash "$repo/benches/settle.sh" "$settle" "$@" "$archive" "$(command -v hugo || true)"
}

# Removes the outputs, then settles for a run on the corpus in $dir.
fresh_outputs() {
  rm -rf "$work/out-archive" "$work/.out-archive.staging" "$work/out-hugo" "$work/.archive-cache"
  settle_for "$dir" "$dir-hugo"
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
# Runs per figure at a size: fewer at the largest, where one run takes minutes.
runs_at() { if [ "$1" -gt 100000 ]; then echo "$runs_large"; else echo "$runs"; fi; }

# Issue 16's targets, each recorded as its figure comes and printed as one table at the end:
#   target DESCRIPTION FIGURE OPERATOR LIMIT UNIT   (OPERATOR <= or <; nothing when FIGURE is empty)
targets=()
target() {
  [ -n "$2" ] || return 0
  local verdict
  verdict=$(awk -v f="$2" -v op="$3" -v l="$4" \
    'BEGIN { met = (op == "<") ? (f + 0 < l + 0) : (f + 0 <= l + 0); print met ? "met" : "missed" }')
  printf -v line "%-62s %12s %12s  %s" "$1" "$2 $5" "$3 $4 $5" "$verdict"
  targets+=("$line")
}

# A built output's size a report, in KB (1,000 bytes): the bytes of its files (what a sync to a
# static host or object storage moves) and `du -sb` (which adds the folders' own blocks).
output_size() {
  local dir=$1 reports=$2 files du
  files=$(find "$dir" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
  du=$(du -sb "$dir" | cut -f1)
  file_kb=$(awk -v b="$files" -v n="$reports" 'BEGIN { printf "%.1f", b / n / 1000 }')
  du_kb=$(awk -v b="$du" -v n="$reports" 'BEGIN { printf "%.1f", b / n / 1000 }')
}

# Deletes the corpus of SIZE reports, if it has more than 100,000, unless a later case (the
# comma lists after it) uses it (see --keep-corpora).
drop_corpus() {
  local size=$1 list
  shift
  if [ "$keep_corpora" = 1 ] || [ "$size" -le 100000 ]; then return; fi
  for list in "$@"; do
    case ",$list," in *",$size,"*) return ;; esac
  done
  rm -rf "$work/corpus-$size" "$work/corpus-$size-hugo"
}

# The full-build table.
printf -v header "%-8s %10s %10s %8s %9s %9s   %9s %8s %9s   %12s" \
  "reports" "archive s" "ms/report" "cpu s" "peak MiB" "KB/report" "hugo s" "cpu s" "peak MiB" "archive/hugo"
say "full build"
say "$header"
IFS=, read -r -a size_list <<< "$sizes"
for size in "${size_list[@]}"; do
  hugo_this=$use_hugo
  if [ -n "$hugo_max" ] && [ "$size" -gt "$hugo_max" ]; then hugo_this=0; fi
  if [ "$hugo_this" = 1 ]; then corpus "$size" hugo; else corpus "$size"; fi
  dir=$corpus_dir
  archive_times=() archive_cpu=() archive_rss=() hugo_times=() hugo_cpu=() hugo_rss=()
  for ((run = 1; run <= $(runs_at "$size"); run++)); do
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
  output_size "$work/out-archive" "$size"
  per_report=$(awk -v t="$a_time" -v n="$size" 'BEGIN { printf "%.3f", t * 1000 / n }')
  if [ "$hugo_this" = 1 ]; then
    h_time=$(printf '%s\n' "${hugo_times[@]}" | median)
    h_cpu=$(printf '%s\n' "${hugo_cpu[@]}" | median)
    h_rss=$(mib "$(printf '%s\n' "${hugo_rss[@]}" | largest)")
    ratio=$(awk -v a="$a_time" -v h="$h_time" 'BEGIN { printf "%.2f", a / h }')
  else
    h_time="-" h_cpu="-" h_rss="-" ratio="-"
  fi
  printf -v line "%-8s %10s %10s %8s %9s %9s   %9s %8s %9s   %12s" \
    "$size" "$a_time" "$per_report" "$a_cpu" "$(mib "$a_rss")" "$file_kb" "$h_time" "$h_cpu" "$h_rss" "$ratio"
  say "$line"
  echo "  archive runs: ${archive_times[*]} s; hugo runs: ${hugo_times[*]:-none} s; output $file_kb KB a report in files, $du_kb KB by du -sb" >> "$results"
  case $size in
    10000) [ "$ratio" = - ] || target "10,000 reports, --no-search, archive / Hugo" "$ratio" "<=" 0.25 "" ;;
    100000)
      target "100,000 reports, full build, --no-search" "$a_time" "<=" 60 s
      target "100,000 reports, full build, --no-search, peak" "$(mib "$a_rss")" "<" 2048 MiB ;;
    300000) target "300,000 reports, full build, --no-search, peak" "$(mib "$a_rss")" "<" 4096 MiB ;;
  esac
  rm -rf "$work/out-archive"
  drop_corpus "$size" "$search_sizes" "$check_sizes" "$serve_first_sizes" "$serve_size" "$incremental_size"
done
rm -rf "$work/out-archive" "$work/out-hugo"
say "(ms/report: archive wall time per report, which stays flat when the build grows linearly)"
say ""

# The search index, on its own: a whole build with it, against the pages alone above.
IFS=, read -r -a search_list <<< "$search_sizes"
for search_size in "${search_list[@]}"; do
  corpus "$search_size"
  dir=$corpus_dir
  search_times=() search_rss=() index_times=()
  for ((run = 1; run <= $(runs_at "$search_size"); run++)); do
    fresh_outputs
    measure_once "$archive" --root "$dir" build --output "$work/out-archive"
    search_times+=("$seconds") search_rss+=("$rss")
    # The index's own time, as the build prints it: "search index: … (12.34 s".
    index_times+=("$(sed -n 's/^search index: .*(\([0-9.]*\) s.*/\1/p' "$work/last-run.log" | tail -1)")
  done
  index_ms=$(printf '%s\n' "${index_times[@]}" | median | awk -v n="$search_size" '{ printf "%.2f", $1 * 1000 / n }')
  say "archive build with the search index at $search_size reports: $(printf '%s\n' "${search_times[@]}" | median) s, peak $(mib "$(printf '%s\n' "${search_rss[@]}" | largest)") MiB, the index $index_ms ms a report (runs: ${search_times[*]} s)"
  # Against Hugo followed by Pagefind's CLI, alternating (benches/search-pair.sh says what it needs).
  if [ "$use_hugo" = 1 ] && [ "$search_size" -le "$hugo_max" ]; then
    pair=$(bash "$repo/benches/search-pair.sh" "$archive" "$dir" "$dir-hugo" "$work" "$runs" "$settle")
    say "  at $search_size reports, $pair"
    if [ "$search_size" = 10000 ]; then
      target "10,000 reports, with the index, archive / (Hugo + Pagefind)" \
        "$(sed -n 's/.* MiB): \([0-9.]*\) (archive runs.*/\1/p' <<< "$pair")" "<=" 0.25 ""
    fi
  fi
  drop_corpus "$search_size" "$check_sizes" "$serve_first_sizes" "$serve_size" "$incremental_size"
done
rm -rf "$work/out-archive"

# archive check.
IFS=, read -r -a check_list <<< "$check_sizes"
for check_size in "${check_list[@]}"; do
  corpus "$check_size"
  dir=$corpus_dir
  check_times=() check_cpu=() check_rss=()
  for ((run = 1; run <= $(runs_at "$check_size"); run++)); do
    settle_for "$dir"
    findings_ok=1 measure_once "$archive" --root "$dir" check
    check_times+=("$seconds") check_cpu+=("$cpu") check_rss+=("$rss")
  done
  c_time=$(printf '%s\n' "${check_times[@]}" | median)
  c_rss=$(mib "$(printf '%s\n' "${check_rss[@]}" | largest)")
  say "archive check at $check_size reports: $c_time s (cpu $(printf '%s\n' "${check_cpu[@]}" | median) s), peak $c_rss MiB (runs: ${check_times[*]} s)"
  if [ "$check_size" = 1000000 ]; then
    target "1,000,000 reports, archive check" "$c_time" "<=" 120 s
    target "1,000,000 reports, archive check, peak" "$c_rss" "<=" 8192 MiB
  fi
  drop_corpus "$check_size" "$serve_first_sizes" "$serve_size" "$incremental_size"
done

# serve at archive scale: the first page and the peak memory, pages drawn when asked.
IFS=, read -r -a serve_first_list <<< "$serve_first_sizes"
for serve_first_size in "${serve_first_list[@]}"; do
  corpus "$serve_first_size"
  settle_for "$corpus_dir"
  served=$(bash "$repo/benches/serve-first-page.sh" "$archive" "$corpus_dir")
  say "$served"
  # Again with nothing in the page cache, as after a reboot: the sources read from the disk.
  cold=""
  if [ -w /proc/sys/vm/drop_caches ]; then
    bash "$repo/benches/settle.sh" "$settle"
    cold=$(bash "$repo/benches/serve-first-page.sh" "$archive" "$corpus_dir")
    say "  from a cold page cache: $cold"
  fi
  if [ "$serve_first_size" = 100000 ]; then
    target "100,000 reports, serve's first page (no build before)" \
      "$(sed -n 's/.*first page after \([0-9.]*\) s.*/\1/p' <<< "$served")" "<=" 15 s
    target "100,000 reports, serve's first page, cold page cache" \
      "$(sed -n 's/.*first page after \([0-9.]*\) s.*/\1/p' <<< "$cold")" "<=" 15 s
    target "100,000 reports, serve's peak" "$(sed -n 's/.*peak \([0-9]*\) MiB.*/\1/p' <<< "$served")" "<" 2048 MiB
  fi
done

# One-report edit in serve: its own script, so that it can follow the serve work.
if [ "$serve_size" -gt 0 ]; then
  corpus "$serve_size"
  dir=$corpus_dir
  edited=$(bash "$repo/benches/serve-edit.sh" "$archive" "$dir" "$runs")
  say "$edited"
  say ""
  if [ "$serve_size" = 10000 ]; then
    target "10,000 reports, serve, one-report edit to page" \
      "$(sed -n 's/.*: \([0-9]*\) ms from save.*/\1/p' <<< "$edited")" "<" 100 ms
  fi
fi

# Incremental builds: its own script, on a hard-linked copy of the corpus.
if [ "$incremental_size" -gt 0 ]; then
  corpus "$incremental_size"
  settle_for "$corpus_dir"
  say "$(bash "$repo/benches/incremental.sh" "$archive" "$corpus_dir" "$work" "$runs" "$part_size")"
  say ""
  if [ "$incremental_size" = 100000 ]; then
    # The figures incremental.sh leaves in WORK/incremental.figures (shell assignments).
    # shellcheck source=/dev/null
    source "$work/incremental.figures"
    target "100,000 reports, full build with the index" "$first_seconds" "<=" 300 s
    target "100,000 reports, full build with the index, peak" "$first_peak_mib" "<" 2048 MiB
    target "100,000 reports, the index a report" "$index_ms" "<=" 2 ms
    target "100,000 reports, output a report (files, with the index)" "$output_kb" "<=" 60 KB
    target "100,000 reports, one-cell edit then build" "$cell_seconds" "<=" 5 s
    target "100,000 reports, one-narrative edit then build" "$narrative_seconds" "<=" 15 s
  fi
fi

# A folder import: its own script, which makes the published files from the import fixtures.
if [ "$import_size" -gt 0 ]; then
  say "$(bash "$repo/benches/import-folder.sh" --files "$import_size" --archive "$archive" --work "$work" | tail -1)"
  say ""
fi
if [ ${#targets[@]} -gt 0 ]; then
  say "issue 16's targets on this run"
  printf -v line "%-62s %12s %12s  %s" "target" "figure" "target" ""
  say "$line"
  for line in "${targets[@]}"; do say "$line"; done
  say ""
fi
say "results written to $results"
