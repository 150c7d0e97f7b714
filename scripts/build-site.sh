#!/usr/bin/env bash
# Builds what the browser loads: cargo (wasm32) + wasm-bindgen (+ wasm-opt for release) + the
# stylesheet, into $PORTICO_SITE_ROOT. The server binary is built by its callers.
# Usage: build-site.sh dev|release
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

mode=${1:-release}
site="$PORTICO_SITE_ROOT"
pkg="$site/pkg"

wasm_profile=$([ "$mode" = release ] && echo wasm-release || echo dev)
wasm_dir=$([ "$wasm_profile" = dev ] && echo debug || echo "$wasm_profile")

echo "==> building the browser bundle ($wasm_profile)"
# The linker keeps its relocations, which wasm-split needs to cut the WASM into pieces.
cargo rustc --locked -p frontend --lib --target wasm32-unknown-unknown --profile "$wasm_profile" \
  -- -C link-arg=--emit-relocs
rm -rf "$pkg.tmp" && mkdir -p "$pkg.tmp/split"
echo "==> splitting it: the shell, one piece per area of pages, the pieces areas share"
wasm-split-cli --target web --out-name portico \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/frontend.wasm" "$pkg.tmp/split"
# The pieces reach into the main one by its linker's names, so wasm-bindgen keeps them.
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle --out-name portico \
  --out-dir "$pkg.tmp" "$pkg.tmp/split/portico.wasm"
rm "$pkg.tmp/split/portico.wasm"
mv "$pkg.tmp/split/"* "$pkg.tmp/" && rmdir "$pkg.tmp/split"
if [ "$mode" = release ]; then
  echo "==> optimising the WASM pieces (wasm-opt -Oz)"
  find "$pkg.tmp" -name '*.wasm' -print0 | xargs -0 -P "$(nproc)" -I{} \
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int -o {} {}
fi
# The design system's layers, in cascade order (docs/design.md): one stylesheet, one request.
cat style/tokens.css style/base.css style/components.css style/layout.css > "$pkg.tmp/portico.css"
cp style/favicon.svg "$pkg.tmp/favicon.svg"
echo "==> naming the assets by content and compressing them (brotli, gzip)"
node scripts/finish-assets.js "$pkg.tmp" "$mode"
rm -rf "$pkg" && mkdir -p "$site" && mv "$pkg.tmp" "$pkg"
