#!/usr/bin/env bash
# serve: save → updated page served, at 1,000 and 10,000 reports (release build).
# Method and figures: docs/benchmarks.md, section "serve: save to reload". Not part of `cargo test`.
#
#   benches/serve-latency.sh                      # 1,000 and 10,000 reports, 7 runs each
#   benches/serve-latency.sh --reports 500 --runs 3
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin archive --example serve_latency
target="${CARGO_TARGET_DIR:-target}"
if [ "$#" -eq 0 ]; then
  set -- --reports 1000 --reports 10000 --runs 7
fi
exec "$target/release/examples/serve_latency" --archive "$target/release/archive" "$@"
