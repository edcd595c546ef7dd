#!/usr/bin/env bash
# Builds pkg/: release wasm → wasm-bindgen --target web → wasm-opt (from npm binaryen).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --lib --target wasm32-unknown-unknown --quiet
wasm-bindgen --target web --out-dir pkg --out-name medcheck \
  target/wasm32-unknown-unknown/release/medcheck.wasm
node_modules/.bin/wasm-opt -Oz pkg/medcheck_bg.wasm -o pkg/medcheck_bg.wasm
printf 'pkg: %s bytes wasm\n' "$(wc -c < pkg/medcheck_bg.wasm)"
