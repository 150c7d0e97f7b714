#!/usr/bin/env bash
# Prints the size of the browser bundle as built, raw and as sent (the brotli files the build
# wrote beside each asset): the shell every hydrated page loads, then per area of pages
# (app/src/lazy_pages.rs) its own piece and everything a page of it loads on a cold cache
# (shell, stylesheet, the area's piece, the shared pieces it needs).
# Run after `make run` (release) or scripts/build-site.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
node - "$PORTICO_SITE_ROOT/pkg" <<'JS'
const fs = require("fs"), path = require("path");
const dir = process.argv[2];
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KiB";
const raw = (name) => fs.statSync(path.join(dir, name)).size;
const sent = (name) => raw(`${name}.br`);
const hashes = Object.fromEntries(
  fs.readFileSync(path.join(dir, "hash.txt"), "utf8").trim().split("\n")
    .map((line) => line.split(":").map((part) => part.trim())),
);
const shell = [`portico.${hashes.js}.js`, `portico.${hashes.wasm}.wasm`, `__wasm_split.${hashes.split}.js`];
const stylesheet = `portico.${hashes.css}.css`;
const sum = (names, size) => names.reduce((total, name) => total + size(name), 0);

console.log("file".padEnd(44), "raw".padStart(12), "brotli".padStart(12));
for (const name of [...shell, stylesheet]) console.log(name.padEnd(44), kb(raw(name)), kb(sent(name)));
const pieces = fs.readdirSync(dir).filter((name) => name.endsWith(".wasm") && !shell.includes(name));
console.log(`${pieces.length} pieces`.padEnd(44), kb(sum(pieces, raw)), kb(sum(pieces, sent)));

const manifest = JSON.parse(fs.readFileSync(path.join(dir, "__wasm_split_manifest.json"), "utf8"));
console.log("\narea (brotli)".padEnd(24), "own piece".padStart(12), "shared".padStart(12), "pieces".padStart(7), "cold, with shell and CSS".padStart(26));
for (const [area, [own, ...shared]] of Object.entries(manifest).sort()) {
  const wasm = (stems) => stems.map((stem) => `${stem}.wasm`);
  const cold = sum([...shell, stylesheet], sent) + sum(wasm([own, ...shared]), sent);
  console.log(area.padEnd(24), kb(sum(wasm([own]), sent)), kb(sum(wasm(shared), sent)), String(shared.length + 1).padStart(7), kb(cold).padStart(26));
}
JS
