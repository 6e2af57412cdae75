#!/usr/bin/env bash
# The output's size and the full build's time, two binaries side by side (issue 16):
#
#   bash benches/output-size.sh --before OLD_ARCHIVE --after NEW_ARCHIVE [--reports 10000] [--runs 2]
#                               [--corpus EXISTING_GEN_CORPUS_DIR] [--search]
#
# Writes the gen-corpus archive of --reports reports (release gen-corpus, seed 1), then builds it
# with each binary in turn (`archive build --no-search`, or with the search index under
# --search, into a folder that does not exist),
# alternating so both see the same machine, and prints each run's wall time, the ratio of the
# medians, and each output's bytes by kind of file per report (benches/output-size.py). Set
# GEN_CORPUS to a built gen-corpus binary to skip building it. Every
# folder it makes is under one temporary folder, removed at the end.
set -euo pipefail

reports=10000
runs=2
before=""
after=""
corpus=""
search="--no-search"
while [ $# -gt 0 ]; do
  case "$1" in
    --reports) reports="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --before) before="$2"; shift 2 ;;
    --after) after="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --search) search=""; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -z "$before" ] || [ -z "$after" ]; then
  echo "usage: $0 --before OLD_ARCHIVE --after NEW_ARCHIVE [--reports N] [--runs N]" >&2
  exit 2
fi

here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --corpus: a gen-corpus archive already written (of --reports reports); GEN_CORPUS: a gen-corpus
# binary already built (the corpus is the same from any build of it).
if [ -n "$corpus" ]; then
  ln -s "$(cd "$corpus" && pwd)" "$work/corpus"
elif [ -n "${GEN_CORPUS:-}" ]; then
  "$GEN_CORPUS" --reports "$reports" --out "$work/corpus" >/dev/null
else
  cargo run --quiet --release --example gen-corpus -- --reports "$reports" --out "$work/corpus" >/dev/null
fi

declare -A times sizes
for run in $(seq 1 "$runs"); do
  for which in before after; do
    binary="${!which}"
    out="$work/out-$which"
    rm -rf "$out"
    sync
    sleep 5
    start=$(date +%s.%N)
    (cd "$work/corpus" && "$binary" build $search --output "$out" >/dev/null)
    end=$(date +%s.%N)
    seconds=$(echo "$end - $start" | bc)
    times[$which]="${times[$which]:-} $seconds"
    echo "run $run $which: $seconds s"
    # Measured and removed at once: two outputs of 100,000 reports at a time would not fit a
    # shared disk (each is many gigabytes).
    sizes[$which]="$(python3 "$here/output-size.py" "$out" "$reports"; echo "du -sb: $(du -sb "$out" | cut -f1)")"
    rm -rf "$out"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
b=$(echo "${times[before]}" | median)
a=$(echo "${times[after]}" | median)
echo "median wall time: before $b s, after $a s, after/before $(echo "scale=2; $a / $b" | bc)"

for which in before after; do
  echo "== $which"
  echo "${sizes[$which]}"
done
