#!/usr/bin/env bash
# The whole test suite (called by `make test` and CI). Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "rustfmt"
cargo fmt --all -- --check

step "clippy (native, all targets)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

step "native unit, integration and doc tests"
cargo test --workspace

step "fuzz the HTML path for ${FUZZ_SECONDS:-45} s (libFuzzer on stable Rust, seeds tests/fixtures/html/)"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}/fuzz" fuzz/run.sh "${FUZZ_SECONDS:-45}"

step "release wasm build → pkg/ (make wasm)"
make --no-print-directory wasm

step "wasm-bindgen tests (Node and headless Chromium)"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" \
  cargo test --target wasm32-unknown-unknown --test wasm_node --test wasm_browser

step "JS API tests (Node, embed/annotator.js)"
node --test tests/js/

step "end-to-end tests of the page (Playwright, headless Chromium)"
node --test tests/e2e/

echo "all test steps passed" >&2
