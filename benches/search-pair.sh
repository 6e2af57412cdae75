#!/usr/bin/env bash
# A whole site with its search index, archive against Hugo + Pagefind (issue 16):
#
#   bash benches/search-pair.sh ARCHIVE CORPUS HUGO_SITE WORK [RUNS] [SETTLE]
#
# `ARCHIVE --root CORPUS build` (pages, data files and the Pagefind index, in one process) against
# `hugo` building HUGO_SITE (the same reports, benches/hugo's layouts) followed by Pagefind's own
# CLI on Hugo's output (`pagefind_extended --site OUT --force-language zh`), alternating, RUNS
# times each (3 by default), the outputs removed and the disk settled (benches/settle.sh), then
# SETTLE seconds more (5 by default), before each pair. Prints one line: medians of whole-process wall time (Hugo's and Pagefind's
# added), CPU time, the largest peak memory, and the ratio.
#
# Needs GNU time at /usr/bin/time, `hugo` (Debian: apt-get install hugo) and Pagefind's extended
# CLI, `pagefind_extended`, on PATH or named by $PAGEFIND. npm ships it:
#   npm install pagefind@1.6          (in any folder; then, on x86-64 Linux)
#   export PAGEFIND=$PWD/node_modules/@pagefind/linux-x64/bin/pagefind_extended
set -euo pipefail
shopt -s inherit_errexit

if [ $# -lt 4 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
archive=$1 corpus=$2 hugo_site=$3 work=$4 runs=${5:-3} settle=${6:-5}
repo=$(cd "$(dirname "$0")/.." && pwd)
pagefind=${PAGEFIND:-$(command -v pagefind_extended || true)}
missing=()
command -v hugo >/dev/null 2>&1 || missing+=("hugo (apt-get install hugo)")
[ -n "$pagefind" ] && [ -x "$pagefind" ] || missing+=("pagefind_extended (npm install pagefind@1.6; see this script's header)")
/usr/bin/time -f %M true >/dev/null 2>&1 || missing+=("GNU time (apt-get install time)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "search pair left out: missing ${missing[*]}"
  exit 0
fi
mkdir -p "$work"
out_archive="$work/pair-archive" out_hugo="$work/pair-hugo"

elapsed() { awk -v s="$1" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.3f", e - s }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
largest() { sort -g | tail -1; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

# Runs a command under GNU time, setting $seconds, $cpu and $rss (KiB); stops on failure.
measure_once() {
  local start status=0 user system
  start=$EPOCHREALTIME
  /usr/bin/time -f "%M %U %S" -o "$work/pair-time" "$@" >"$work/pair-run.log" 2>&1 || status=$?
  if [ "$status" != 0 ]; then
    echo "failed (exit $status): $*" >&2
    tail -20 "$work/pair-run.log" >&2
    exit 1
  fi
  seconds=$(elapsed "$start")
  read -r rss user system < <(tail -1 "$work/pair-time")
  cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
}

fresh() {
  rm -rf "$out_archive" "$work/.pair-archive.staging" "$work/.pair-archive.lock" "$work/.archive-cache" "$out_hugo"
  bash "$repo/benches/settle.sh" "$settle" "$corpus" "$hugo_site" "$archive" "$(command -v hugo)" "$pagefind"
}

a_times=() a_cpu=() a_rss=() p_times=() p_cpu=() p_rss=() h_only=()
for ((run = 1; run <= runs; run++)); do
  fresh
  measure_once "$archive" --root "$corpus" build --output "$out_archive"
  a_times+=("$seconds") a_cpu+=("$cpu") a_rss+=("$rss")
  measure_once hugo --source "$hugo_site" --themesDir "$repo/benches" --theme hugo \
    --destination "$out_hugo" --quiet
  hugo_seconds=$seconds hugo_cpu=$cpu hugo_rss=$rss
  measure_once "$pagefind" --site "$out_hugo" --force-language zh
  p_times+=("$(awk -v a="$hugo_seconds" -v b="$seconds" 'BEGIN { printf "%.3f", a + b }')")
  p_cpu+=("$(awk -v a="$hugo_cpu" -v b="$cpu" 'BEGIN { printf "%.2f", a + b }')")
  p_rss+=("$((hugo_rss > rss ? hugo_rss : rss))")
  h_only+=("$hugo_seconds+$seconds")
done
rm -rf "$out_archive" "$out_hugo" "$work/pair-time" "$work/pair-run.log"

a=$(printf '%s\n' "${a_times[@]}" | median)
p=$(printf '%s\n' "${p_times[@]}" | median)
echo "with the search index: archive build $a s (cpu $(printf '%s\n' "${a_cpu[@]}" | median) s, peak $(mib "$(printf '%s\n' "${a_rss[@]}" | largest)") MiB) against hugo + pagefind_extended $p s (cpu $(printf '%s\n' "${p_cpu[@]}" | median) s, peak $(mib "$(printf '%s\n' "${p_rss[@]}" | largest)") MiB): $(awk -v a="$a" -v p="$p" 'BEGIN { printf "%.2f", a / p }') (archive runs: ${a_times[*]} s; hugo+pagefind runs: ${h_only[*]} s; $("$pagefind" --version 2>/dev/null | head -1), $(hugo version | cut -d' ' -f1-2))"
