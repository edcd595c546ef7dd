#!/usr/bin/env bash
# Builds pkg/: release wasm → wasm-bindgen --target web → wasm-opt (from npm binaryen).
set -euo pipefail
cd "$(dirname "$0")/.."
# Size over speed for the download: opt-level "z" came out smallest when measured (the native
# build keeps opt-level 3 for the benchmarks).
CARGO_PROFILE_RELEASE_OPT_LEVEL=z cargo build --release --lib --target wasm32-unknown-unknown --quiet
wasm-bindgen --target web --out-dir pkg --out-name medcheck \
  target/wasm32-unknown-unknown/release/medcheck.wasm
node_modules/.bin/wasm-opt -Oz --converge --strip-producers pkg/medcheck_bg.wasm -o pkg/medcheck_bg.wasm
printf 'pkg: %s bytes wasm\n' "$(wc -c < pkg/medcheck_bg.wasm)"
