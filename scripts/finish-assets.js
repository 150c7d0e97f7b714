// Names each asset in the bundle after its content and compresses it ahead of time
// (docs/architecture.md, Performance): `portico.js` becomes `portico.<hash>.js`, beside
// `portico.<hash>.js.br` and `.gz`. Because a name changes whenever its content does, the
// server lets browsers keep these files for a year without asking again. The hashes go to
// `hash.txt` beside them, in the format Leptos reads (`js: <hash>`), plus `css: <hash>`, which
// the page shell reads for its stylesheet.
// Usage: node scripts/finish-assets.js <pkg directory> dev|release (dev compresses faster, less)
const fs = require("fs"), path = require("path"), crypto = require("crypto"), zlib = require("zlib");

const [pkg, mode] = process.argv.slice(2);
const quality = mode === "dev" ? 5 : zlib.constants.BROTLI_MAX_QUALITY;
const hashed = { js: "portico.js", wasm: "portico_bg.wasm", css: "portico.css" };
const lines = [];
const compress = (file) => {
  const data = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  fs.writeFileSync(`${file}.br`, brotli);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
};
for (const [kind, name] of Object.entries(hashed)) {
  const file = path.join(pkg, name);
  const hash = crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 20);
  const renamed = path.join(pkg, `portico.${hash}.${kind}`);
  fs.renameSync(file, renamed);
  compress(renamed);
  lines.push(`${kind}: ${hash}`);
}
compress(path.join(pkg, "favicon.svg"));
fs.writeFileSync(path.join(pkg, "hash.txt"), lines.join("\n") + "\n");
