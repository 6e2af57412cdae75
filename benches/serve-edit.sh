#!/usr/bin/env bash
# One-report edit in `archive serve`: the time from saving a source to the server answering with
# the updated page, polled over HTTP. Called by benches/run.sh; on its own:
#
#   bash benches/serve-edit.sh ARCHIVE_BINARY CORPUS_DIR [RUNS] [TIMEOUT_SECONDS]
#
# Prints one line: the median over RUNS edits (3 by default), or why there is no figure. A serve
# that does not rebuild on save never shows the edit: each edit then gives up after TIMEOUT
# seconds (10 by default) and the figure is reported as pending. The edited source is restored
# and the server stopped on exit.
set -euo pipefail
# The lines read below ("serving http://…") are the English ones: the terminal speaks Chinese by
# default.
export ARCHIVE_LANG=en

archive=$1
corpus=$2
runs=${3:-3}
timeout=${4:-10}

if ! command -v curl >/dev/null 2>&1; then
  echo "serve edit: not measured (curl is not installed)"
  exit 0
fi

# The newest report of the first agency.
source=$(find "$corpus/content" -mindepth 2 -maxdepth 2 -name '[0-9][0-9][0-9][0-9].md' | sort | tail -1)
agency=$(basename "$(dirname "$source")")
year=$(basename "$source" .md)
original=$(mktemp)
cp "$source" "$original"
log=$(mktemp)
server=""
cleanup() {
  cp "$original" "$source"
  rm -f "$original"
  if [ -n "$server" ]; then
    kill -INT "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT

# Port 0 is not accepted by every serve; start from a port unlikely to be taken.
"$archive" --root "$corpus" serve --port $((20000 + RANDOM % 20000)) >"$log" 2>&1 &
server=$!
address=""
for _ in $(seq 1 1200); do
  address=$(sed -n 's|^serving \(http://[^ ]*\).*|\1|p' "$log" | head -1)
  [ -n "$address" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "serve edit: not measured (serve stopped: $(tail -3 "$log" | tr '\n' ' '))"
    exit 0
  fi
  sleep 0.25
done
if [ -z "$address" ]; then
  echo "serve edit: not measured (serve did not start within 300 s)"
  exit 0
fi
page="${address%/}/agencies/$agency/$year/"

times=()
for ((run = 1; run <= runs; run++)); do
  marker="bench-edit-$run-$$-$RANDOM"
  cp "$original" "$source"
  sleep 0.5 # let a watcher settle after the restore
  start=$EPOCHREALTIME
  printf '\n%s\n' "$marker" >> "$source"
  seen=""
  while awk -v s="$start" -v e="$EPOCHREALTIME" -v t="$timeout" 'BEGIN { exit !(e - s < t) }'; do
    if curl -fsS --max-time 2 "$page" 2>/dev/null | grep -q "$marker"; then
      seen=$(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (e - s) * 1000 }')
      break
    fi
  done
  if [ -z "$seen" ]; then
    echo "serve edit: pending — the page did not change within ${timeout} s of saving $agency/$year.md (this serve does not rebuild on save)"
    exit 0
  fi
  times+=("$seen")
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
echo "serve edit at $(find "$corpus/content" -name '[0-9][0-9][0-9][0-9].md' | wc -l) reports: ${median} ms from save to updated page (runs: ${times[*]} ms; polling with curl, about 5 ms a poll)"
