// Prints the size budget (README figures): wasm <= 40 KB, JS entry <= 40 KB gzipped.
// Exits non-zero when a budget is exceeded, so `npm run build` catches it.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const KB = 1024;
const BUDGET = { wasm: 40 * KB, jsGzip: 40 * KB };
const rows = [];
let over = false;

function measure(file, budgetKey, what) {
  const path = join(root, "dist", file);
  if (!existsSync(path)) return;
  const bytes = readFileSync(path);
  const gz = gzipSync(bytes, { level: 9 }).length;
  const measured = budgetKey === "wasm" ? bytes.length : gz;
  const budget = budgetKey ? BUDGET[budgetKey] : null;
  const ok = budget == null || measured <= budget;
  if (!ok) over = true;
  rows.push([file, what, bytes.length, gz, budget == null ? "" : `${(measured / KB).toFixed(1)} KB of ${budget / KB} KB ${ok ? "ok" : "OVER"}`]);
}

measure("lsqkit.wasm", "wasm", "raw wasm module");
measure("index.js", "jsGzip", "ESM entry, wasm inlined");
measure("index.cjs", "jsGzip", "CJS entry, wasm inlined");
measure("slim.js", "jsGzip", "ESM, no wasm inside");
measure("workerd.js", "jsGzip", "workerd entry (+ lsqkit.wasm)");
measure("cli.js", null, "CLI (Node)");

const w = [12, 30, 10, 10];
const line = (r) => r.map((c, i) => (i < 2 ? String(c).padEnd(w[i]) : String(c).padStart(w[i] ?? 0))).join("  ");
console.log(line(["file", "what", "bytes", "gzip -9", "budget"]));
for (const r of rows) console.log(line(r));
if (over) {
  console.error("size budget exceeded");
  process.exit(1);
}
