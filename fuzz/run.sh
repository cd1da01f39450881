#!/usr/bin/env bash
# Coverage-guided fuzzing of the HTML target (fuzz_targets/html.rs) for a fixed time:
# `fuzz/run.sh [SECONDS]` (default 60). scripts/test.sh (so CI) runs it for $FUZZ_SECONDS
# (default 45) with CARGO_TARGET_DIR=<target>/fuzz. Exits non-zero when an input panics,
# times out (30 s) or runs out of memory (2 GB); the input is saved and its path printed.
#
# Stable Rust is enough: this builds the same libFuzzer binary cargo-fuzz builds, with
# SanitizerCoverage enabled by stable codegen options (-Cpasses=sancov-module,
# -Cllvm-args=-sanitizer-coverage-*) plus `--cfg fuzzing`; libfuzzer-sys compiles
# libFuzzer with the C++ compiler. Only AddressSanitizer (-Zsanitizer, nightly) is
# left out, which safe Rust does not need. FUZZ_CARGO_FUZZ=1 runs
# `cargo +nightly fuzz run html` instead, when cargo-fuzz and nightly are installed.
#
# Seeds (read-only): every file under tests/fixtures/html/ — the nasty corpus in nasty/,
# the charset fixtures, the pasted fragment and article page. New inputs go to
# $CARGO_TARGET_DIR/corpus/html (kept between local runs), crashes to
# $CARGO_TARGET_DIR/artifacts/html/. Reproduce one: run the binary printed below with
# the artifact as its only argument.
set -euo pipefail
secs="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
target_dir="$(realpath -m "${CARGO_TARGET_DIR:-$root/fuzz/target}")"
seeds="$root/tests/fixtures/html"
corpus="$target_dir/corpus/html"
artifacts="$target_dir/artifacts/html/"
mkdir -p "$corpus" "$artifacts"
flags=(-max_total_time="$secs" -max_len=16384 -timeout=30 -rss_limit_mb=2048
  -artifact_prefix="$artifacts" -print_final_stats=1)
cd "$root/fuzz"

if [ "${FUZZ_CARGO_FUZZ:-0}" = 1 ]; then
  exec cargo +nightly fuzz run html "$corpus" "$seeds" -- "${flags[@]}"
fi

triple="$(rustc -vV | sed -n 's/^host: //p')"
t0=$SECONDS
# --target keeps build scripts and proc macros uninstrumented, as cargo-fuzz does.
CARGO_TARGET_DIR="$target_dir" RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo build --release --target "$triple" --bin html
bin="$target_dir/$triple/release/html"
echo "fuzz/run.sh: built $bin in $((SECONDS - t0)) s; fuzzing for $secs s" >&2

t0=$SECONDS
status=0
"$bin" "$corpus" "$seeds" "${flags[@]}" 2>"$target_dir/fuzz-html.log" || status=$?
grep -E '^(INFO: Seed|INFO: seed corpus|#[0-9]+[[:space:]]+(INITED|DONE))|^stat::|^Done ' "$target_dir/fuzz-html.log" >&2 || true
if [ "$status" -ne 0 ]; then
  # libFuzzer's report: the panic message, the stack, and where the input was saved.
  tail -n 60 "$target_dir/fuzz-html.log" >&2
  echo "fuzz/run.sh: the HTML fuzz target FAILED (exit $status) after $((SECONDS - t0)) s." >&2
  echo "fuzz/run.sh: reproduce with: $bin $artifacts<file named above>" >&2
  exit 1
fi
echo "fuzz/run.sh: no crash in $((SECONDS - t0)) s ($(ls "$corpus" | wc -l) inputs in $corpus)" >&2
