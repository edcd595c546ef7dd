#!/usr/bin/env bash
# Installs everything medcheck needs on a fresh machine; each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null

# wasm-bindgen-cli must match the wasm-bindgen crate exactly: read the version from Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "setup: installing wasm-bindgen-cli $want (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "=$want" --locked \
    || cargo install wasm-bindgen-cli --version "=$want"
fi

# Debian's Chromium for the browser tests (never Debian's binaryen: its wasm-opt is broken).
if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
  echo "setup: installing chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ package-lock.json -nt node_modules/.package-lock.json ] || ! [ -d node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
