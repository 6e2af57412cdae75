#!/usr/bin/env bash
# `archive serve` at archive scale: the time from starting it to its first page (the home page
# answered), and its peak memory after that page and a walk over PAGES report pages (each drawn
# when asked, since serve draws pages on request). Called by benches/run.sh; on its own:
#
#   bash benches/serve-first-page.sh ARCHIVE_BINARY CORPUS_DIR [PAGES] [TIMEOUT_SECONDS]
#
# Prints one line: the figures, or why there are none. Needs GNU time at /usr/bin/time and curl.
set -euo pipefail
# The lines read below ("serving http://…") are the English ones: the terminal speaks Chinese by
# default.
export ARCHIVE_LANG=en

archive=$1
corpus=$2
pages=${3:-200}
timeout=${4:-600}

if ! command -v curl >/dev/null 2>&1; then
  echo "serve first page: not measured (curl is not installed)"
  exit 0
fi
log=$(mktemp)
rss=$(mktemp)
timer=""
cleanup() {
  if [ -n "$timer" ]; then
    # GNU time passes no signal on: stop the serve it runs (its only child), then wait for it.
    local child
    child=$(pgrep -P "$timer" || true)
    [ -n "$child" ] && kill -INT "$child" 2>/dev/null || true
    wait "$timer" 2>/dev/null || true
  fi
  rm -f "$log" "$rss"
}
trap cleanup EXIT

start=$EPOCHREALTIME
/usr/bin/time -f %M -o "$rss" "$archive" --root "$corpus" serve --port $((20000 + RANDOM % 20000)) >"$log" 2>&1 &
timer=$!
address=""
first=""
while awk -v s="$start" -v e="$EPOCHREALTIME" -v t="$timeout" 'BEGIN { exit !(e - s < t) }'; do
  if [ -z "$address" ]; then
    address=$(sed -n 's|^serving \(http://[^ ]*\).*|\1|p' "$log" | head -1)
  fi
  if [ -n "$address" ] && curl -fsS --max-time 5 -o /dev/null "$address"; then
    first=$(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.2f", e - s }')
    break
  fi
  if ! kill -0 "$timer" 2>/dev/null; then
    echo "serve first page: not measured (serve stopped: $(tail -3 "$log" | tr '\n' ' '))"
    exit 0
  fi
  sleep 0.05
done
if [ -z "$first" ]; then
  echo "serve first page: none within ${timeout} s"
  exit 0
fi

# Report pages spread over the archive, each asked for once.
mapfile -t sources < <(find "$corpus/content" -mindepth 2 -maxdepth 2 -name '[0-9][0-9][0-9][0-9].md' | sort)
step=$(( ${#sources[@]} / pages > 0 ? ${#sources[@]} / pages : 1 ))
walk_start=$EPOCHREALTIME
asked=0
for ((i = 0; i < ${#sources[@]} && asked < pages; i += step)); do
  source=${sources[$i]}
  agency=$(basename "$(dirname "$source")")
  curl -fsS --max-time 60 -o /dev/null "${address%/}/agencies/$agency/$(basename "$source" .md)/"
  asked=$((asked + 1))
done
walk=$(awk -v s="$walk_start" -v e="$EPOCHREALTIME" -v n="$asked" 'BEGIN { printf "%.1f", (e - s) * 1000 / n }')
cleanup_child=$(pgrep -P "$timer" || true)
[ -n "$cleanup_child" ] && kill -INT "$cleanup_child"
wait "$timer" || true
timer=""
peak=$(awk '{ printf "%.0f", $1 / 1024 }' "$rss")
echo "serve at ${#sources[@]} reports: first page after ${first} s; ${asked} report pages then asked for, ${walk} ms each; peak ${peak} MiB"
