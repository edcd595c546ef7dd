#!/usr/bin/env bash
# Builds pkg/ (English) and pkg/es/ (Spanish, the `es` feature): release wasm → wasm-bindgen
# --target web → wasm-opt (from npm binaryen).
set -euo pipefail
cd "$(dirname "$0")/.."
build() { # $1: output folder, $2…: cargo feature flags
  local out=$1
  shift
  # Size over speed for the download: opt-level "z" came out smallest when measured (the native
  # build keeps opt-level 3 for the benchmarks).
  CARGO_PROFILE_RELEASE_OPT_LEVEL=z cargo build --release --lib --target wasm32-unknown-unknown --quiet "$@"
  wasm-bindgen --target web --out-dir "$out" --out-name medcheck \
    target/wasm32-unknown-unknown/release/medcheck.wasm
  node_modules/.bin/wasm-opt -Oz --converge --strip-producers "$out/medcheck_bg.wasm" -o "$out/medcheck_bg.wasm"
  printf '%s: %s bytes wasm\n' "$out" "$(wc -c < "$out/medcheck_bg.wasm")"
}
build pkg
build pkg/es --features es
