// Real-runtime tests (`npm run test:runtimes`, after `npm run build`).
//
// The same script (fits.mjs) runs against the built dist/ in Node ESM, Node CJS,
// Deno, headless Chromium and workerd; every runtime's Float64 results must equal
// Node ESM's bit for bit. Plus: package checks (exports map, self-contained bundles,
// packed file list) and smoke runs of examples/. A runtime that cannot start is a
// FAILURE, never a skip. Last line: "N passed, N failed".
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { runBrowserFits } from "./browser.mjs";
import { runWorkerdFits, withWorkerd } from "./workerd.mjs";
import { parseSync } from "rolldown/utils";
import { checkExamples } from "./examples.mjs";
import { denoBinary, runCommand } from "./process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const here = (f) => join(root, "test/runtimes", f);

// Parts of fits.mjs that must exist (their APIs exported from lsqkit / lsqkit/nn).
const REQUIRED_PARTS = ["linear", "nonlinear", "mlp"];

let passed = 0;
let failed = 0;
const t0 = Date.now();

async function test(name, fn) {
  const start = Date.now();
  try {
    const detail = await fn();
    passed++;
    console.log(`ok   ${name}${detail ? ` — ${detail}` : ""} (${Date.now() - start} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name} (${Date.now() - start} ms)\n     ${String((e && e.stack) || e).replace(/\n/g, "\n     ")}`);
  }
}

const lastJson = (out) => JSON.parse(out.trim().split("\n").pop());

/** Paths where a and b differ (first few). */
function differences(a, b, path = "", out = [], limit = 8) {
  if (out.length >= limit) return out;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    out.push(`${path || "."}: ${JSON.stringify(a)?.slice(0, 80)} vs ${JSON.stringify(b)?.slice(0, 80)}`);
  } else if (a && typeof a === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences(a[k], b[k], `${path}.${k}`, out, limit);
  } else if (a !== b) {
    const show = (v) => (typeof v === "string" && /^[0-9a-f]{16}$/.test(v) ? `${v} (${hexToF64(v)})` : JSON.stringify(v));
    out.push(`${path}: ${show(a)} vs ${show(b)}`);
  }
  return out;
}

function hexToF64(h) {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, BigInt(`0x${h}`));
  return dv.getFloat64(0);
}

function countFloats(v) {
  if (typeof v === "string") return /^[0-9a-f]{16}$/.test(v) ? 1 : 0;
  if (v && typeof v === "object") return Object.values(v).reduce((s, x) => s + countFloats(x), 0);
  return 0;
}

function lre(estimate, certified) {
  let worst = Infinity;
  for (let i = 0; i < certified.length; i++) {
    const rel = Math.abs(estimate[i] - certified[i]) / Math.abs(certified[i]);
    worst = Math.min(worst, rel === 0 ? 15 : -Math.log10(rel));
  }
  return worst;
}

let reference = null;

/** Information, not a test: how often this engine's own Math.* differs from Node's. */
function engineMathDifferences(result) {
  const differing = [];
  let total = 0;
  let count = 0;
  for (const [f, values] of Object.entries(reference.engineMath ?? {})) {
    const other = result.engineMath?.[f] ?? [];
    const n = values.filter((v, i) => v !== other[i]).length;
    total += values.length;
    count += n;
    if (n) differing.push(`${f} ${n}`);
  }
  return `engine Math.* differs from Node's in ${count}/${total} probes${differing.length ? ` (${differing.join(", ")})` : ""}`;
}

function compareWithReference(result) {
  if (!reference) throw new Error("no Node ESM reference result (its test failed)");
  if (JSON.stringify(result.exports) !== JSON.stringify(reference.exports)) {
    throw new Error(`exports differ from Node ESM: ${result.exports} vs ${reference.exports}`);
  }
  const diffs = differences(reference.parts, result.parts);
  const engine = engineMathDifferences(result);
  if (diffs.length) {
    const summary = Object.keys({ ...reference.parts, ...result.parts })
      .map((part) => [part, differences(reference.parts[part], result.parts[part], "", [], Infinity).length])
      .filter(([, n]) => n > 0)
      .map(([part, n]) => `${part}: ${n} values differ`);
    throw new Error(`${result.runtime}: results differ from Node ESM (${summary.join("; ")}); first differences (Node first):\n${diffs.join("\n")}\n(${engine})`);
  }
  return `${result.runtime}: ${Object.keys(result.parts).join(", ") || "no parts"} bit-identical to Node ESM (${countFloats(result.parts)} floats); ${engine}`;
}

if (!existsSync(join(root, "dist/index.js")) || !existsSync(join(root, "dist/lsqkit.wasm"))) {
  console.log("FAIL dist/ is missing: run `npm run build` first");
  console.log("0 passed, 1 failed");
  process.exit(1);
}

await test("node esm (reference)", async () => {
  const r = lastJson(await runCommand(process.execPath, [here("node-esm.mjs")]));
  const missing = REQUIRED_PARTS.filter((p) => r.missing.includes(p));
  reference = r;
  for (const [part, v] of Object.entries(r.parts)) if (v.threw) throw new Error(`${part} threw: ${r.errors[part]}`);
  if (missing.length) throw new Error(`parts missing (API not exported from lsqkit / lsqkit/nn): ${missing.join(", ")}`);
  // one wasm core for both entries (other runtimes must agree: compared with this reference)
  const split = Object.entries(r.parts.sharedCore ?? {}).filter(([, same]) => same !== true).map(([k]) => k);
  if (!r.parts.sharedCore || split.length) throw new Error(`lsqkit and lsqkit/nn do not share one core (${split.join(", ") || "no sharedCore part"} differ)`);
  // The reference must itself be right, or agreeing with it proves little.
  const notes = [];
  if (r.parts.linear) {
    const d = lre(r.parts.linear.check.estimate, r.parts.linear.check.certified);
    if (!(d >= 7)) throw new Error(`Longley LRE ${d.toFixed(1)} < 7`);
    notes.push(`Longley LRE ${d.toFixed(1)}`);
  }
  if (r.parts.nonlinear) {
    const d = lre(r.parts.nonlinear.check.estimate, r.parts.nonlinear.check.certified);
    if (!(d >= 6)) throw new Error(`Misra1a LRE ${d.toFixed(1)} < 6`);
    notes.push(`Misra1a LRE ${d.toFixed(1)}`);
  }
  if (r.parts.mlp) {
    const { firstLoss, lastLoss } = r.parts.mlp.check ?? {};
    if (!(lastLoss < firstLoss)) throw new Error(`mlp did not train: loss ${firstLoss} -> ${lastLoss}`);
    notes.push(`mlp loss ${firstLoss?.toPrecision(3)} -> ${lastLoss?.toPrecision(3)}`);
  }
  if (!r.parts.portableMath) throw new Error("portable math probe missing");
  return `${r.runtime}; ${notes.join(", ")}`;
});

await test("node cjs (require)", async () => compareWithReference(lastJson(await runCommand(process.execPath, [here("node-cjs.cjs")]))));

await test("deno", async () =>
  compareWithReference(lastJson(await runCommand(denoBinary, ["run", "--allow-read", here("deno.mjs")], { env: { ...process.env, NO_COLOR: "1" } }))),
);

await test("chromium (headless, ESM bundle over http)", async () => compareWithReference(await runBrowserFits()));

await test("workerd (worker build, .wasm as a module, fit on a localhost request)", async () => {
  const r = await runWorkerdFits();
  if (!r.bytesCompile?.blocked) throw new Error("workerd compiled wasm from bytes: the test no longer exercises the module path");
  return compareWithReference(r);
});

await test("workerd: explicit pattern (lsqkit/slim + lsqkit/slim/nn + lsqkit/lsqkit.wasm + init({ module }) from lsqkit/slim only)", async () =>
  withWorkerd(
    [
      { name: "worker.mjs", kind: "esModule", file: here("workerd-slim-worker.mjs") },
      { name: "lsqkit/slim", kind: "esModule", file: join(root, "dist/slim.js") },
      { name: "lsqkit/slim/nn", kind: "esModule", file: join(root, "dist/nn/slim.js") },
      // "./core-slim.js" from "lsqkit/slim" and "../core-slim.js" from "lsqkit/slim/nn"
      { name: "lsqkit/core-slim.js", kind: "esModule", file: join(root, "dist/core-slim.js") },
      { name: "lsqkit/lsqkit.wasm", kind: "wasm", file: join(root, "dist/lsqkit.wasm") },
    ],
    async (base, log) => {
      const r = await fetch(`${base}/`);
      const body = await r.text();
      if (r.status !== 200) throw new Error(`worker answered ${r.status}: ${body}\n${log()}`);
      const { coefficients, nnLoss, sameInit } = JSON.parse(body);
      // closed form: normal equations [[2,1],[1,2]] c = [4,5] -> c = [1, 2]
      if (Math.abs(coefficients[0] - 1) > 1e-12 || Math.abs(coefficients[1] - 2) > 1e-12) throw new Error(`coefficients ${coefficients}`);
      // slim ships no wasm and workerd refuses to compile bytes: the nn fit ran on the
      // instance that init({ module }) from "lsqkit/slim" created (one shared core)
      if (!sameInit) throw new Error("lsqkit/slim/nn has its own init: two cores");
      if (!(nnLoss.length === 5 && nnLoss.at(-1) < nnLoss[0])) throw new Error(`nn loss ${nnLoss}`);
      return `lstsq answered [1, 2]; lsqkit/slim/nn trained on the core initialised from lsqkit/slim (loss ${nnLoss[0].toPrecision(3)} -> ${nnLoss.at(-1).toPrecision(3)})`;
    },
  ),
);

await test("package: exports resolve to dist, types present", async () => {
  const require = createRequire(join(root, "package.json"));
  const checks = {
    "lsqkit (require)": [require.resolve("lsqkit"), "dist/index.cjs"],
    "lsqkit/slim (require)": [require.resolve("lsqkit/slim"), "dist/slim.cjs"],
    "lsqkit (import)": [fileURLToPath(import.meta.resolve("lsqkit")), "dist/index.js"],
    "lsqkit/nn (require)": [require.resolve("lsqkit/nn"), "dist/nn/index.cjs"],
    "lsqkit/nn (import)": [fileURLToPath(import.meta.resolve("lsqkit/nn")), "dist/nn/index.js"],
    "lsqkit/slim/nn (require)": [require.resolve("lsqkit/slim/nn"), "dist/nn/slim.cjs"],
    "lsqkit/slim/nn (import)": [fileURLToPath(import.meta.resolve("lsqkit/slim/nn")), "dist/nn/slim.js"],
    "lsqkit/lsqkit.wasm": [fileURLToPath(import.meta.resolve("lsqkit/lsqkit.wasm")), "dist/lsqkit.wasm"],
  };
  for (const [what, [got, want]] of Object.entries(checks)) {
    if (got !== join(root, want)) throw new Error(`${what} -> ${got}, expected ${want}`);
  }
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const targets = JSON.stringify(pkg.exports).match(/\.\/dist\/[^"]+/g);
  for (const t of new Set(targets)) if (!existsSync(join(root, t))) throw new Error(`exports target ${t} missing`);
  if (pkg.sideEffects !== false) throw new Error("sideEffects must be false");
  // "./nn" offers every condition "." offers, in the same order
  const conditions = (e) => JSON.stringify(Object.keys(e));
  if (conditions(pkg.exports["./nn"]) !== conditions(pkg.exports["."])) throw new Error(`./nn conditions ${conditions(pkg.exports["./nn"])} differ from . ${conditions(pkg.exports["."])}`);
  return `${new Set(targets).size} targets exist`;
});

// Each flavour: its two entries and the one chunk both import (rollup.config.mjs).
const FLAVOURS = [
  { entries: ["index.js", "nn/index.js"], chunk: "core.js", inlined: true },
  { entries: ["index.cjs", "nn/index.cjs"], chunk: "core.cjs", inlined: true },
  { entries: ["slim.js", "nn/slim.js"], chunk: "core-slim.js", inlined: false },
  { entries: ["slim.cjs", "nn/slim.cjs"], chunk: "core-slim.cjs", inlined: false },
  { entries: ["workerd.js", "nn/workerd.js"], chunk: "core-workerd.js", inlined: false, wasmImport: true },
];

/** Static imports / require("...") of a bundle; any other require()/import() is reported as such. */
function bundleImports(f, text) {
  const { program } = parseSync(f, text, { sourceType: f.endsWith(".cjs") ? "script" : "module" });
  const imports = program.body.filter((n) => n.source && typeof n.source.value === "string").map((n) => n.source.value);
  const literal = [...text.matchAll(/\brequire\s*\(\s*"([^"]*)"\s*\)/g)].map((m) => m[1]);
  imports.push(...literal);
  const calls = text.replace(/`[^`]*`|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""').match(/\brequire\s*\(|\bimport\s*\(/g) ?? [];
  if (calls.length > literal.length) imports.push("require()/import() of a computed name");
  return imports;
}

await test("package: portable bundles import only their shared chunk; the wasm is inlined in core.js/core.cjs only", async () => {
  let checked = 0;
  for (const { entries, chunk, inlined, wasmImport } of FLAVOURS) {
    for (const f of [...entries, chunk]) {
      const text = readFileSync(join(root, "dist", f), "utf8");
      const allowed = f === chunk ? (wasmImport ? ["./lsqkit.wasm"] : []) : [relative(dirname(join(root, "dist", f)), join(root, "dist", chunk)).replace(/^(?!\.)/, "./")];
      const imports = bundleImports(f, text);
      const bad = imports.filter((i) => !allowed.includes(i));
      if (bad.length) throw new Error(`dist/${f} imports ${bad.join(", ")} (allowed: ${allowed.join(", ") || "nothing"})`);
      if (f !== chunk && !imports.length) throw new Error(`dist/${f} does not import its shared chunk ${chunk}`);
      const hasWasm = /["'`]0061736d/.test(text); // hex of "\0asm" (src/wasm/bytes.ts)
      if (hasWasm !== (inlined && f === chunk)) throw new Error(`dist/${f}: inlined wasm ${hasWasm ? "present" : "absent"}`);
      checked++;
    }
  }
  // slim really refuses to guess where the wasm is, with a clear message
  const slim = await import(pathToFileURL(join(root, "dist/slim.js")).href);
  try {
    slim.initSync();
    throw new Error("slim initSync() without module/bytes did not throw");
  } catch (e) {
    if (e.code !== "NOT_INITIALIZED") throw e;
  }
  slim.initSync({ bytes: readFileSync(join(root, "dist/lsqkit.wasm")) });
  // ... and lsqkit/slim/nn runs on that core (it has no wasm of its own to fall back on)
  const slimNn = await import(pathToFileURL(join(root, "dist/nn/slim.js")).href);
  const tinyFit = (nn) => nn.mlp([1, 2, 1], { seed: 1 }).fit([[0], [0.5], [1]], [[0], [0.25], [1]], { optimizer: "levenbergMarquardt", epochs: 2, seed: 1 }).loss.length;
  if (tinyFit(slimNn) !== 2) throw new Error("lsqkit/slim/nn did not train");
  // the same for CJS: require("lsqkit/slim") initialised, require("lsqkit/slim/nn") trains
  const require = createRequire(join(root, "package.json"));
  const slimCjs = require("lsqkit/slim");
  slimCjs.initSync({ bytes: readFileSync(join(root, "dist/lsqkit.wasm")) });
  if (tinyFit(require("lsqkit/slim/nn")) !== 2) throw new Error("lsqkit/slim/nn (CJS) did not train");
  return `${checked} bundles checked; slim loads from init({ bytes }); slim/nn (ESM and CJS) trains on the core initialised from slim`;
});

await test("package: TypeScript consumers (nodenext, ESM .mts and CJS .cts) type-check against dist", async () => {
  await runCommand(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", here("types/tsconfig.json")]);
  return "esm.mts + cjs.cts ok";
});

await test("package: npm pack file list", async () => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const files = JSON.parse(out)[0].files.map((f) => f.path);
  // (npm adds README/LICENSE files of any folder it walks, e.g. data/README.md)
  // data/ml: only diabetes.csv (the `lsqkit train --help` example) with its description and licence
  const bad = files.filter((f) => !/^(dist\/|data\/nist\/|data\/ml\/(diabetes\.csv|descr\/diabetes\.rst|descr\/debian-copyright-python3-sklearn\.txt)$|(.*\/)?README\.md$|LICENSE$|package\.json$)/.test(f));
  if (bad.length) throw new Error(`unexpected files packed: ${bad.join(", ")}`);
  for (const need of ["dist/index.js", "dist/index.cjs", "dist/nn/index.js", "dist/nn/index.cjs", "dist/core.js", "dist/core.cjs", "dist/lsqkit.wasm", "dist/types/index.d.ts", "dist/types/index.d.cts", "dist/types/nn.d.ts", "dist/types/nn.d.cts", "data/ml/diabetes.csv", "data/ml/README.md", "data/README.md"]) {
    if (!files.includes(need)) throw new Error(`${need} not packed`);
  }
  return `${files.length} files`;
});

await test("package: an uncaught LsqError from dist prints a short, readable report (scripts/check-throw-output.mjs)", async () => {
  // the script exits non-zero (runCommand rejects with its per-case lines) when any case fails
  const out = await runCommand(process.execPath, [join(root, "scripts/check-throw-output.mjs")]);
  return `${out.split("\n").filter((l) => l.startsWith("ok ")).length} cases (ESM and CJS) ok`;
});

for (const [name, fn] of checkExamples()) await test(name, fn);

console.log(`\nruntime tests took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
