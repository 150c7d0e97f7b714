#!/usr/bin/env bash
# Prints the size of the browser bundle as built: raw, and as sent (the brotli and gzip files
# the build wrote beside each asset). Run after `make run` (release) or scripts/build-site.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
node - "$PORTICO_SITE_ROOT/pkg" <<'JS'
const fs = require("fs"), path = require("path");
const dir = process.argv[2];
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KiB";
const size = (name) => fs.statSync(path.join(dir, name)).size;
console.log("file".padEnd(36), "raw".padStart(12), "brotli".padStart(12), "gzip".padStart(12));
for (const line of fs.readFileSync(path.join(dir, "hash.txt"), "utf8").trim().split("\n")) {
  const [kind, hash] = line.split(":").map((part) => part.trim());
  const name = `portico.${hash}.${kind}`;
  console.log(name.padEnd(36), kb(size(name)), kb(size(`${name}.br`)), kb(size(`${name}.gz`)));
}
JS
