// Prints the size budget (README figures): wasm <= 40 KB, JS entry <= 40 KB gzipped,
// plus what a bundler ships for typical imports (tree-shaken from dist/index.js and
// minified like dist). `--strict` exits non-zero when a budget is exceeded.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const KB = 1024;
const BUDGET = { wasm: 40 * KB, jsGzip: 40 * KB };
const strict = process.argv.includes("--strict");
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

function measure(file, budgetKey, what) {
  const path = join(root, "dist", file);
  if (!existsSync(path)) return;
  const bytes = readFileSync(path);
  row(file, what, bytes.length, gz(bytes), budgetKey);
}

measure("lsqkit.wasm", "wasm", "raw wasm module");
measure("index.js", "jsGzip", "ESM entry, wasm inlined");
measure("index.cjs", "jsGzip", "CJS entry, wasm inlined");
measure("slim.js", "jsGzip", "ESM, no wasm inside");
measure("workerd.js", "jsGzip", "workerd entry (+ .wasm)");
measure("cli.js", null, "CLI (Node, not minified)");

// Tree-shaken: what `import { name } from "lsqkit"` costs in a user's bundle.
try {
  const { rollup } = await import("rollup");
  const { minifySync } = await import("rolldown/utils");
  const index = join(root, "dist/index.js");
  for (const names of [["lstsq"], ["curveFit"], ["mlp"]]) {
    const entry = `export { ${names.join(", ")} } from ${JSON.stringify(index)};`;
    const bundle = await rollup({
      input: "entry",
      onwarn: () => {},
      plugins: [{ name: "entry", resolveId: (id) => (id === "entry" ? id : null), load: (id) => (id === "entry" ? entry : null) }],
    });
    const { output } = await bundle.generate({ format: "es" });
    const code = minifySync("entry.js", output[0].code, { module: true, compress: true, mangle: { toplevel: true, keepNames: { function: false, class: true } } }).code;
    row(`{ ${names.join(", ")} }`, "tree-shaken import, wasm inlined", Buffer.byteLength(code), gz(code), null);
  }
} catch (e) {
  console.warn(`(tree-shaken sizes skipped: ${e.message})`);
}

const w = [16, 34, 9, 9];
const line = (r) => r.map((c, i) => (i < 2 ? String(c).padEnd(w[i]) : i < 4 ? String(c).padStart(w[i]) : String(c))).join("  ");
console.log(line(["file", "what", "bytes", "gzip -9", "budget"]));
for (const r of rows) console.log(line(r));
if (over) {
  console.error(`size budget exceeded${strict ? "" : " (reported; `node scripts/size.mjs --strict` fails on it)"}`);
  if (strict) process.exit(1);
}
