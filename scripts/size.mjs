// Prints the size budget (README figures): wasm <= 40 KB raw, JS entry <= 40 KB gzipped,
// plus what a bundler ships for typical imports (tree-shaken from dist/ and minified
// like dist). `--strict` exits non-zero when a budget is exceeded (`npm run build:dist`
// passes it, so `npm test` enforces the budget).
//
// The two budgets are read as two separate lines: the wasm module (raw bytes) and the
// JavaScript of an entry (gzipped). The JavaScript is measured on the slim and workerd
// builds, which are the same code without the wasm bytes; the default entries, which
// carry the wasm inlined as hex (~8.5 KB gzipped), are reported beside them, unbudgeted.
//
// An entry's size is what a user downloads for that import: the entry file plus the
// chunk(s) it imports (dist/core*.js, shared by `lsqkit` and `lsqkit/nn`), each gzipped
// -9 on its own (separate files, separate responses), summed. "nn adds" is the nn entry
// file alone: its cost on top of `lsqkit` (the shared chunk is already loaded).
// `--modules` adds what each source module and folder costs in the default entry:
// each module's rendered code minified alone ("min"), gzipped alone ("gz alone"), and
// its marginal cost: gzip of all modules minus gzip of all but this one ("gz marginal",
// the figure to use when deciding what to cut; gzip is not additive).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const KB = 1024;
const BUDGET = { wasm: 40 * KB, jsGzip: 40 * KB };
const strict = process.argv.includes("--strict");
const perModule = process.argv.includes("--modules");
const MINIFY = { compress: true, mangle: { toplevel: true, keepNames: { function: false, class: true } } }; // as rollup.config.mjs
const rows = [];
let over = false;
const gz = (b) => gzipSync(b, { level: 9 }).length;

function row(name, what, bytes, gzBytes, budgetKey) {
  const measured = budgetKey === "wasm" ? bytes : gzBytes;
  const budget = budgetKey ? BUDGET[budgetKey] : null;
  const ok = budget == null || measured <= budget;
  if (!ok) over = true;
  rows.push([name, what, bytes, gzBytes, budget == null ? "" : `${(measured / KB).toFixed(1)} KB of ${budget / KB} KB ${ok ? "ok" : "OVER"}`]);
}

/** The file and the relative .js/.cjs files it imports (transitively), dist-relative. */
function withChunks(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(join(root, "dist", file), "utf8");
  const deps = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*)["'](\.{1,2}\/[^"']+\.c?js)["']/g)].map((m) =>
    relative(join(root, "dist"), join(root, "dist", dirname(file), m[1])),
  );
  return [file, ...deps.flatMap((d) => withChunks(d, seen))];
}

/** Measures `file` with the chunks it imports (or alone); skipped when the file is missing. */
function measure(file, budgetKey, what, { alone = false } = {}) {
  if (!existsSync(join(root, "dist", file))) return;
  const files = alone ? [file] : withChunks(file);
  const sizes = files.map((f) => readFileSync(join(root, "dist", f)));
  const name = files.length > 1 ? `${file} + ${files.slice(1).join(" + ")}` : file;
  row(name, what, sizes.reduce((s, b) => s + b.length, 0), sizes.reduce((s, b) => s + gz(b), 0), budgetKey);
}

measure("lsqkit.wasm", "wasm", "raw wasm module");
measure("index.js", null, "lsqkit, ESM, wasm inlined");
measure("nn/index.js", null, "lsqkit/nn, ESM, wasm inlined");
measure("nn/index.js", null, "  nn adds (entry alone)", { alone: true });
measure("index.cjs", null, "lsqkit, CJS, wasm inlined");
measure("nn/index.cjs", null, "lsqkit/nn, CJS, wasm inlined");
measure("slim.js", "jsGzip", "lsqkit/slim, ESM, no wasm");
measure("nn/slim.js", "jsGzip", "lsqkit/slim/nn, ESM, no wasm");
measure("slim.cjs", "jsGzip", "lsqkit/slim, CJS, no wasm");
measure("nn/slim.cjs", "jsGzip", "lsqkit/slim/nn, CJS, no wasm");
measure("workerd.js", "jsGzip", "lsqkit, workerd (+ .wasm)");
measure("nn/workerd.js", "jsGzip", "lsqkit/nn, workerd (+ .wasm)");
measure("cli.js", null, "CLI (Node, not minified)");

// Tree-shaken: what `import { name } from "lsqkit"` costs in a user's bundle.
// (skipped while dist/ is being rebuilt by a concurrent build)
if (existsSync(join(root, "dist/index.js"))) try {
  const { rollup } = await import("rollup");
  const { minifySync } = await import("rolldown/utils");
  for (const [names, from] of [[["lstsq"], "index.js"], [["curveFit"], "index.js"], [["mlp"], "nn/index.js"]]) {
    const entry = `export { ${names.join(", ")} } from ${JSON.stringify(join(root, "dist", from))};`;
    const bundle = await rollup({
      input: "entry",
      onwarn: () => {},
      plugins: [{ name: "entry", resolveId: (id) => (id === "entry" ? id : null), load: (id) => (id === "entry" ? entry : null) }],
    });
    const { output } = await bundle.generate({ format: "es" });
    const code = minifySync("entry.js", output[0].code, { module: true, ...MINIFY }).code;
    row(`{ ${names.join(", ")} }`, "tree-shaken import, wasm inlined", Buffer.byteLength(code), gz(code), null);
  }
} catch (e) {
  console.warn(`(tree-shaken sizes skipped: ${e.message})`);
}

/** Per-module / per-folder contribution to the default entry (from build/lib, as rollup.config.mjs bundles it). */
async function moduleBreakdown() {
  const { rollup } = await import("rollup");
  const { minifySync } = await import("rolldown/utils");
  const lib = join(root, "build/lib");
  const bundle = await rollup({ input: join(lib, "index.js"), onwarn: () => {} });
  const { output } = await bundle.generate({ format: "es" });
  // fragments are minified without dropping "unused" code: their bindings live in other fragments
  const min = (code) => minifySync("m.js", code, { module: true, compress: { unused: false }, mangle: { toplevel: false } }).code;
  const mods = Object.entries(output[0].modules)
    .filter(([, m]) => m.code)
    .map(([id, m]) => ({ id: id.slice(lib.length + 1), min: min(m.code) }));
  const total = gz(mods.map((m) => m.min).join("\n"));
  const folder = (id) => (id.startsWith("models/expression/") ? "models/expression" : id.split("/")[0]);
  const measureGroup = (name, inside) => {
    const ins = mods.filter(inside);
    const text = ins.map((m) => m.min).join("\n");
    const rest = mods.filter((m) => !inside(m)).map((m) => m.min).join("\n");
    return [name, text.length, gz(text), total - gz(rest)];
  };
  const print = (title, list) => {
    list.sort((a, b) => b[3] - a[3]);
    console.log(`\n${title.padEnd(32)} ${"min".padStart(7)} ${"gz alone".padStart(9)} ${"gz marginal".padStart(12)}`);
    for (const r of list) console.log(`${r[0].padEnd(32)} ${String(r[1]).padStart(7)} ${String(r[2]).padStart(9)} ${String(r[3]).padStart(12)}`);
  };
  console.log(`\nlsqkit entry (src/index.ts, incl. what it shares with lsqkit/nn) by source module (sum of fragments gzipped: ${total} bytes)`);
  print("module", mods.map((m) => measureGroup(m.id, (x) => x === m)));
  print("folder", [...new Set(mods.map((m) => folder(m.id)))].map((f) => measureGroup(f, (x) => folder(x.id) === f)));
}

const w = [Math.max(16, ...rows.map((r) => r[0].length)), 30, 9, 9];
const line = (r) => r.map((c, i) => (i < 2 ? String(c).padEnd(w[i]) : i < 4 ? String(c).padStart(w[i]) : String(c))).join("  ");
console.log(line(["file", "what", "bytes", "gzip -9", "budget"]));
for (const r of rows) console.log(line(r));
if (perModule) await moduleBreakdown();
if (over) {
  console.error(`size budget exceeded${strict ? "" : " (reported; `node scripts/size.mjs --strict` fails on it)"}`);
  if (strict) process.exit(1);
}
