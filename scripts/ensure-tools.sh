#!/usr/bin/env bash
# Installs what building Portico needs and is missing: the wasm32 target, the wasm-bindgen CLI
# of exactly the version in Cargo.lock, wasm-split-cli, and (for release builds) wasm-opt from
# npm's binaryen.
# Everything goes outside the clone, so later runs find it. Usage: ensure-tools.sh dev|release
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
mode=${1:-release}

if ! command -v cargo >/dev/null; then
  echo "Portico needs Rust (rustup): https://rustup.rs" >&2; exit 1
fi
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "==> adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must match the wasm-bindgen crate in Cargo.lock exactly, or the bundle fails to load.
wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$wanted" ]; then
  echo "==> installing wasm-bindgen-cli $wanted (found: ${have:-none}; takes about 5 minutes once)"
  # Not --locked: its lock file pins a yanked webpki-roots (docs/building.md).
  cargo install wasm-bindgen-cli --version "$wanted" --force
fi

# wasm-split cuts the WASM into the pieces the lazy routes load (docs/building.md). Its
# command-line tool ships in the crate behind a feature.
split_version=0.2.4
if ! cargo install --list --root "$PORTICO_TOOLS" | grep -qx "wasm_split_cli_support v$split_version:"; then
  echo "==> installing wasm-split-cli $split_version (takes about 2 minutes once)"
  cargo install --locked wasm_split_cli_support --version "$split_version" --features build-binary \
    --root "$PORTICO_TOOLS" --force
fi

if [ "$mode" = release ] && ! command -v wasm-opt >/dev/null; then
  echo "==> installing wasm-opt (npm binaryen) into $PORTICO_TOOLS"
  # Debian's binaryen 108 produces WASM that fails to load; npm's is current.
  npm install --prefix "$PORTICO_TOOLS" --no-audit --no-fund --silent binaryen@132
fi
