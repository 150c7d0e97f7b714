// Names each asset in the bundle after its content and compresses it ahead of time
// (docs/architecture.md, Performance). Because a name changes whenever its content does, the
// server lets browsers keep these files for a year without asking again.
//
// The WASM arrives split (build-site.sh): the main piece with its script `portico.js`, the
// loader `__wasm_split.js` that fetches the other pieces, one piece per area of pages
// (`split_<area>.wasm`, app/src/lazy_pages.rs) and the pieces areas share (`chunk_<n>.wasm`).
// - An area's piece becomes `<area>.<hash>.wasm`, a shared one `shared.<hash>.wasm`; the
//   loader is told the new names.
// - The script and the loader name each other, so neither can be named by its own content
//   alone: both, and the main piece, are named by one hash of the three together.
// - `hash.txt` lists the names in the format Leptos reads (`js:`, `wasm:`, `split:`), plus
//   `css:`, which the page shell reads for its stylesheet.
// - `__wasm_split_manifest.json` tells the server which pieces each area needs, so that it
//   asks the browser to fetch them all at once (`<link rel="preload">`) rather than one by one.
// Usage: node scripts/finish-assets.js <pkg directory> dev|release (dev compresses faster, less)
const fs = require("fs"), path = require("path"), crypto = require("crypto"), zlib = require("zlib");

const [pkg, mode] = process.argv.slice(2);
const quality = mode === "dev" ? 5 : zlib.constants.BROTLI_MAX_QUALITY;
const file = (name) => path.join(pkg, name);
const hashOf = (...contents) => {
  const hash = crypto.createHash("sha256");
  contents.forEach((content) => hash.update(content));
  return hash.digest("hex").slice(0, 20);
};
const compress = (name) => {
  const data = fs.readFileSync(file(name));
  const brotli = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  fs.writeFileSync(file(`${name}.br`), brotli);
  fs.writeFileSync(file(`${name}.gz`), zlib.gzipSync(data, { level: 9 }));
};

// The loader's entries: `const __chunk_<n> = makeLoad(...)` for a shared piece and
// `export const __wasm_split_load_<area> = wrapAsyncCb(makeLoad(...))` for an area's, each
// with the piece's file and the shared pieces it needs: `makeLoad(() => { ... }, [deps])`.
// The area's key is the piece's name in `lazy_pages!`, which the server notes as it renders.
let loader = fs.readFileSync(file("__wasm_split.js"), "utf8");
const pieces = new Map(); // loader name -> { stem, area, deps }
for (const block of loader.split(/\n(?=(?:export )?const )/)) {
  const name = /^(?:export )?const (__chunk_\d+|__wasm_split_load_(\w+)) = /.exec(block);
  if (!name) continue;
  const files = [...block.matchAll(/new URL\("\.\/([\w.]+)\.wasm", import\.meta\.url\)/g)];
  const deps = /\n, \[([^\]]*)\]\)/.exec(block);
  // An entry of another shape (an area with no code of its own, a new splitter) would
  // otherwise pair files and areas wrongly without a word.
  if (files.length !== 1 || !deps) throw new Error(`finish-assets: cannot read ${name[1]} in __wasm_split.js`);
  pieces.set(name[1], {
    stem: files[0][1],
    area: name[2],
    deps: deps[1].split(",").map((dep) => dep.trim()).filter(Boolean),
  });
}
const urls = (loader.match(/new URL\(/g) ?? []).length;
if (pieces.size === 0 || urls !== pieces.size) {
  throw new Error(`finish-assets: read ${pieces.size} pieces of the ${urls} that __wasm_split.js fetches`);
}
/** `text` with `from` replaced, which must be there. */
const replaced = (text, from, to) => {
  if (!text.includes(from)) throw new Error(`finish-assets: expected ${from}`);
  return text.replaceAll(from, to);
};

// Name each piece by its content; an area's piece also by its area.
const renamed = new Map(); // old stem -> new stem
for (const piece of pieces.values()) {
  const content = fs.readFileSync(file(`${piece.stem}.wasm`));
  const label = piece.area ?? "shared";
  const stem = `${label}.${hashOf(content)}`;
  fs.renameSync(file(`${piece.stem}.wasm`), file(`${stem}.wasm`));
  compress(`${stem}.wasm`);
  loader = replaced(loader, `"./${piece.stem}.wasm"`, `"./${stem}.wasm"`);
  renamed.set(piece.stem, stem);
}

// Each area: its own piece and every shared piece it needs, directly or through another.
const manifest = {};
for (const piece of pieces.values()) {
  if (!piece.area) continue;
  const needed = new Set();
  const visit = (name) => {
    if (needed.has(name)) return;
    needed.add(name);
    pieces.get(name).deps.forEach(visit);
  };
  piece.deps.forEach(visit);
  manifest[piece.area] = [renamed.get(piece.stem), ...[...needed].map((name) => renamed.get(pieces.get(name).stem))];
}
fs.writeFileSync(file("__wasm_split_manifest.json"), JSON.stringify(manifest, null, 1));

// The script, the main piece and the loader, under one name.
let script = fs.readFileSync(file("portico.js"), "utf8");
const main = fs.readFileSync(file("portico_bg.wasm"));
const bundle = hashOf(script, main, loader);
script = replaced(script, 'from "./__wasm_split.js"', `from "./__wasm_split.${bundle}.js"`);
loader = replaced(loader, 'from "./portico.js"', `from "./portico.${bundle}.js"`);
fs.writeFileSync(file(`portico.${bundle}.js`), script);
fs.writeFileSync(file(`__wasm_split.${bundle}.js`), loader);
fs.renameSync(file("portico_bg.wasm"), file(`portico.${bundle}.wasm`));
fs.rmSync(file("portico.js"));
fs.rmSync(file("__wasm_split.js"));

const css = fs.readFileSync(file("portico.css"));
const cssHash = hashOf(css);
fs.renameSync(file("portico.css"), file(`portico.${cssHash}.css`));
for (const name of [`portico.${bundle}.js`, `portico.${bundle}.wasm`, `__wasm_split.${bundle}.js`, `portico.${cssHash}.css`, "favicon.svg"]) {
  compress(name);
}
fs.writeFileSync(file("hash.txt"), `js: ${bundle}\nwasm: ${bundle}\nsplit: ${bundle}\ncss: ${cssHash}\n`);
