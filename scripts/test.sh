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

echo "all test steps passed" >&2
