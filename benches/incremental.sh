#!/usr/bin/env bash
# Incremental `archive build` on a corpus (run by benches/run.sh, or alone):
#
#   bash benches/incremental.sh ARCHIVE_BINARY CORPUS_DIR WORK_DIR [RUNS] [PART_SIZE]
#
# Works on a hard-linked copy of the corpus in WORK_DIR/incremental (edits replace files, so the
# corpus itself never changes), with search_part_size = PART_SIZE (default: the site's). Measures,
# whole-process wall time: the first build (everything, search index included: also its peak
# memory, under GNU time, the index's own time and the output's bytes a report), a build with
# nothing changed, and RUNS (default 3) edits of each kind to one report, each followed by
# `archive build` (each after a `sync`): a table cell (no indexed text changes: the search index
# is kept) and a sentence added to the narrative (the index part holding the report is built
# again). Prints one line, and leaves the figures as shell assignments in
# WORK_DIR/incremental.figures (for benches/run.sh's table of targets); the copy and its output
# are removed at the end.
set -euo pipefail
archive=$1 corpus=$2 work=$3 runs=${4:-3} part_size=${5:-}
# The lines read below are the English ones (the terminal speaks Chinese by default).
export ARCHIVE_LANG=en
copy="$work/incremental"
rm -rf "$copy"
cp -al "$corpus" "$copy"
trap 'rm -rf "$copy"' EXIT
# Replaced, not written through (sed -i writes a new file): the corpus keeps its own site.toml.
# The key goes first, above any [table].
if [ -n "$part_size" ]; then
  sed -i -e "/^search_part_size/d" -e "1i search_part_size = $part_size" "$copy/site.toml"
fi
# One agency's 2023 report (sed, not head: head would stop sort early, failing the pipe).
report=$(find "$copy/content" -name 2023.md | sort | sed -n 1p)

elapsed() { awk -v s="$1" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.3f", e - s }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Builds and prints the wall time; stops on a failed build. The last build's writes go out to the
# disk first (`sync`, untimed): after the first build's 6 GB, the write-back would otherwise
# share the two cores with the build that follows, as it would not for an editor who edits a
# report minutes later. The page cache is kept: the previous output is this build's input.
timed_build() {
  sync
  local start=$EPOCHREALTIME
  if ! "$archive" --root "$copy" build >"$work/incremental.log" 2>&1; then
    tail -20 "$work/incremental.log" >&2
    exit 1
  fi
  elapsed "$start"
}

# The first build under GNU time: its peak memory and CPU too.
start=$EPOCHREALTIME
if ! /usr/bin/time -f "%M %U %S" -o "$work/incremental.time" \
  "$archive" --root "$copy" build >"$work/incremental.log" 2>&1; then
  tail -20 "$work/incremental.log" >&2
  exit 1
fi
first=$(elapsed "$start")
read -r first_kib first_user first_system < <(tail -1 "$work/incremental.time")
reports=$(find "$copy/content" -name '[0-9][0-9][0-9][0-9].md' | wc -l)
index_seconds=$(sed -n 's/^search index: .*(\([0-9.]*\) s.*/\1/p' "$work/incremental.log" | tail -1)
output=$(sed -n 's/^output_dir *= *"\(.*\)"/\1/p' "$copy/site.toml" | head -1)
output_bytes=$(find "$copy/${output:-public}" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s }')
unchanged=$(timed_build)
cells=() narratives=()
for ((run = 1; run <= runs; run++)); do
  # A digit added to the first value of 许可 (licensing): a cell, no indexed text.
  sed -i -E '0,/^( *licensing: *\[)([0-9]+)/s//\1\21/' "$report"
  cells+=("$(timed_build)")
  grep -q "parts unchanged and kept" "$work/incremental.log" \
    || { echo "the search index was rebuilt after a cell edit" >&2; cat "$work/incremental.log" >&2; exit 1; }
  drawn=$(sed -n 's/.*incremental build: \([0-9]*\) of \([0-9]*\).*/\1 of \2/p' "$work/incremental.log")
  # A sentence added to the narrative's end: indexed text. Written aside and renamed over the
  # report, never through it (it may still be a link to the corpus's file).
  { cat "$report"; printf '\n本年度补充说明第%s条。\n' "$run"; } > "$report.new"
  mv "$report.new" "$report"
  narratives+=("$(timed_build)")
done
parts=${part_size:-the site\'s size}
cell=$(printf '%s\n' "${cells[@]}" | median)
narrative=$(printf '%s\n' "${narratives[@]}" | median)
first_peak_mib=$(awk -v k="$first_kib" 'BEGIN { printf "%.0f", k / 1024 }')
index_ms=$(awk -v s="$index_seconds" -v n="$reports" 'BEGIN { printf "%.2f", s * 1000 / n }')
output_kb=$(awk -v b="$output_bytes" -v n="$reports" 'BEGIN { printf "%.1f", b / n / 1000 }')
cat > "$work/incremental.figures" <<FIGURES
first_seconds=$first
first_peak_mib=$first_peak_mib
index_ms=$index_ms
output_kb=$output_kb
unchanged_seconds=$unchanged
cell_seconds=$cell
narrative_seconds=$narrative
FIGURES
echo "incremental build at $reports reports (search parts of $parts): first build $first s (cpu $first_user + $first_system s, peak $first_peak_mib MiB; the index $index_ms ms a report; output $output_kb KB a report in files); nothing changed $unchanged s; one cell $cell s ($drawn files drawn; runs: ${cells[*]} s); one narrative $narrative s (runs: ${narratives[*]} s)"
