#!/usr/bin/env bash
# The report builder's downloads at scale (docs/data.md, "The report builder's data files"):
# writes a gen-corpus archive of N reports (default 100,000) into a temporary folder, removed at
# the end, and prints the builder's file sizes and what typical queries download.
#
# usage: bash benches/builder-sizes.sh [REPORTS]
# PROFILE=dev runs the debug builds (slower, no release build needed).
set -euo pipefail
reports="${1:-100000}"
profile=(--release)
[[ "${PROFILE:-release}" == dev ]] && profile=()
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cargo run --quiet "${profile[@]}" --example gen-corpus -- --reports "$reports" --out "$dir/corpus" >/dev/null
cargo run --quiet "${profile[@]}" --example builder_sizes -- "$dir/corpus" "$dir/builder"
gz() { gzip -9c "$1" | wc -c | awk '{printf "%.0f KB", $1 / 1024}'; }
largest="$(ls -S "$dir"/builder/*/*.json | head -1)"
echo "gzip -9: index.json $(gz "$dir/builder/index.json"), largest values file $(gz "$largest")"
