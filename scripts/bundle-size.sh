#!/usr/bin/env bash
# Prints the size of the browser bundle as built (raw, gzip -9, brotli q11).
# Run after `make run` (release) or scripts/build-site.sh release.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
node - "$PORTICO_SITE_ROOT/pkg" <<'JS'
const fs = require("fs"), zlib = require("zlib"), path = require("path");
const dir = process.argv[2];
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KiB";
console.log("file".padEnd(22), "raw".padStart(12), "gzip -9".padStart(12), "brotli".padStart(12));
for (const name of ["portico_bg.wasm", "portico.js", "portico.css"]) {
  const data = fs.readFileSync(path.join(dir, name));
  const gz = zlib.gzipSync(data, { level: 9 }).length;
  const br = zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(name.padEnd(22), kb(data.length), kb(gz), kb(br));
}
JS
