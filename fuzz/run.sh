#!/usr/bin/env bash
# Short fuzzing run of the HTML target, for CI: `fuzz/run.sh [SECONDS]` (default 60).
# Uses `cargo fuzz` when installed; otherwise builds the same libFuzzer binary with
# nightly's coverage instrumentation directly (what cargo-fuzz does). Without a
# nightly toolchain it says so and exits 0: the property tests in tests/html_props.rs
# still cover the HTML path in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
seeds=../tests/fixtures/html
mkdir -p corpus/html
if cargo fuzz --version >/dev/null 2>&1; then
  exec cargo +nightly fuzz run html corpus/html "$seeds" "$seeds/nasty" -- -max_total_time="$secs" -max_len=65536
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz/run.sh: no nightly toolchain; skipping the fuzz run" >&2
  exit 0
fi
target_dir="${CARGO_TARGET_DIR:-target}"
triple="$(rustc -vV | sed -n 's/^host: //p')"
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo +nightly build --release --target "$triple" --bin html
"$target_dir/$triple/release/html" corpus/html "$seeds" "$seeds/nasty" \
  -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048
