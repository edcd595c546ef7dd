#!/usr/bin/env bash
# Builds the page's three wasm modules: release wasm → wasm-bindgen --target web → wasm-opt (from
# npm binaryen).
#   pkg/      English, patient texts (the default page)
#   pkg/es/   Spanish, patient texts
#   pkg/pro/  English with the clinical texts, loaded by pharmacist mode
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
build pkg --no-default-features
build pkg/es --no-default-features --features es
build pkg/pro
