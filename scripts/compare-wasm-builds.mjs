// Compares two (or more) builds of lsqkit.wasm on the hot kernels in the same run,
// round-robin with the best time of each, so load on a shared host hits all builds alike.
// Used to check release flags (asconfig.json) for speed before changing them:
//   node node_modules/assemblyscript/bin/asc.js assembly/index.ts --target release \
//     --shrinkLevel 0 --outFile /tmp/a.wasm --textFile /tmp/a.wat
//   node scripts/compare-wasm-builds.mjs /tmp/a.wasm build/lsqkit.wasm
// Prints GFLOP/s per build (element-wise kernels: elements/ns) and the ratio build 2 / build 1.
import { readFileSync } from "node:fs";
const files = process.argv.slice(2);
const inst = files.map((f) => new WebAssembly.Instance(new WebAssembly.Module(readFileSync(f)), {}).exports);
function rnd(seed) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
function setup(k, nF64) { const base = (k.heap_base() + 15) & ~15; const need = base + nF64 * 8 + 64; const pages = Math.ceil(need / 65536) - k.memory.buffer.byteLength / 65536; if (pages > 0) k.memory.grow(pages); return base; }
function cases() {
  const out = [];
  for (const [P, N] of [[10, 100000], [50, 100000], [200, 100000], [1000, 20000]]) {
    const r = rnd(P); const J = new Float64Array(N * P).map(() => 2 * r() - 1);
    out.push({ name: `JtJ P=${P} N=${N}`, flops: N * P * (P + 1), rounds: P >= 1000 ? 3 : 6, prep: (k) => { const b = setup(k, N * P + P * P + 8); const pJ = b, pH = b + N * P * 8; new Float64Array(k.memory.buffer).set(J, pJ >>> 3); return () => { new Float64Array(k.memory.buffer).fill(0, pH >>> 3, (pH >>> 3) + P * P); k.normal_accumulate_f64(pH, P, 0, pJ, P, 0, 0, N, P); }; } });
  }
  for (const P of [50, 200, 1000]) {
    const r = rnd(100 + P); const B = new Float64Array(P * P).map(() => 2 * r() - 1); const A = new Float64Array(P * P);
    for (let i = 0; i < P; i++) for (let j = 0; j <= i; j++) { let s = 0; for (let q = 0; q < P; q++) s += B[i * P + q] * B[j * P + q]; s /= P; if (i === j) s += 1; A[i * P + j] = s; A[j * P + i] = s; }
    out.push({ name: `Cholesky P=${P}`, flops: P * P * P / 3, rounds: P >= 1000 ? 5 : P >= 200 ? 20 : 200, prep: (k) => { const pA = setup(k, P * P); return () => { new Float64Array(k.memory.buffer).set(A, pA >>> 3); if (k.cholesky_f64(pA, P, P) !== 0) throw new Error("chol"); }; } });
  }
  { const n = 256; const r = rnd(7); const A = new Float64Array(n * n).map(() => 2 * r() - 1);
    out.push({ name: `gemm NN n=${n}`, flops: 2 * n ** 3, rounds: 5, prep: (k) => { const b = setup(k, 3 * n * n); const f = new Float64Array(k.memory.buffer); f.set(A, b >>> 3); f.set(A, (b >>> 3) + n * n); const pC = b + 2 * n * n * 8; return () => k.gemm_nn_f64(pC, n, b, n, b + n * n * 8, n, n, n, n, 1, 0); } }); }
  { const m = 2000, n = 200; const r = rnd(11); const A = new Float64Array(m * n).map(() => 2 * r() - 1);
    out.push({ name: `QR pivoted ${m}x${n}`, flops: 2 * m * n * n - (2 / 3) * n ** 3, rounds: 5, prep: (k) => { const b = setup(k, m * n + n + n + 3 * n + 16); const pTau = b + m * n * 8, pJ = pTau + n * 8, pW = pJ + n * 8; return () => { new Float64Array(k.memory.buffer).set(A, b >>> 3); if (k.qr_f64(b, n, m, n, pTau, pJ, pW, 1) !== 0) throw new Error("qr"); }; } }); }
  for (const [kind, nm] of [[1, "tanh"], [5, "gelu"]]) { const rows = 2000, n = 256; const r = rnd(13); const Z = new Float64Array(rows * n).map(() => 4 * r() - 2);
    out.push({ name: `nn ${nm} ${rows}x${n}`, flops: rows * n, rounds: 20, prep: (k) => { const b = setup(k, 2 * rows * n); new Float64Array(k.memory.buffer).set(Z, b >>> 3); return () => k.nn_activation_f64(b + rows * n * 8, n, b, n, rows, n, kind, 0); } }); }
  return out;
}
console.log(["case".padEnd(22), ...files.map((f) => f.split("/").pop().padStart(14)), "ratio 2/1".padStart(10)].join(" "));
for (const c of cases()) {
  const fns = inst.map((k) => c.prep(k)); fns.forEach((f) => f());
  const best = fns.map(() => Infinity);
  for (let r = 0; r < c.rounds; r++) fns.forEach((f, i) => { const t = performance.now(); f(); best[i] = Math.min(best[i], performance.now() - t); });
  const g = best.map((ms) => c.flops / (ms * 1e6));
  console.log([c.name.padEnd(22), ...g.map((x) => (x.toFixed(2) + " GF/s").padStart(14)), (g[1] / g[0]).toFixed(3).padStart(10)].join(" "));
}
