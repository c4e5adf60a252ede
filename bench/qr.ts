// QR benchmark: wasm Householder QR (qr_f64, f64x2 row updates) vs a plain-JS Householder
// on the same row-major layout and ml-matrix's QrDecomposition, measured in the same run.
// FLOPs of Householder QR without forming Q: 2 m n^2 - 2 n^3 / 3 (Golub & Van Loan 5.2.2).
// `npm run bench -- qr`. Speed is never asserted in tests; ratios in one run are what count.
import { Matrix, QrDecomposition } from "ml-matrix";
import { core } from "../src/wasm/module.js";

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** Plain-JS Householder QR, row-major, the same row-oriented update as the kernel (no pivoting). */
function jsQr(a: Float64Array, m: number, n: number, tau: Float64Array, w: Float64Array): void {
  for (let k = 0; k < Math.min(m, n); k++) {
    let xn = 0;
    for (let i = k + 1; i < m; i++) xn += a[i * n + k] * a[i * n + k];
    const alpha = a[k * n + k];
    if (xn === 0) {
      tau[k] = 0;
      continue;
    }
    const h = Math.sqrt(alpha * alpha + xn);
    const beta = alpha >= 0 ? -h : h;
    const t = (beta - alpha) / beta;
    const s = 1 / (alpha - beta);
    for (let i = k + 1; i < m; i++) a[i * n + k] *= s;
    a[k * n + k] = beta;
    tau[k] = t;
    for (let j = k + 1; j < n; j++) w[j] = a[k * n + j];
    for (let i = k + 1; i < m; i++) {
      const vi = a[i * n + k];
      const o = i * n;
      for (let j = k + 1; j < n; j++) w[j] += vi * a[o + j];
    }
    for (let j = k + 1; j < n; j++) a[k * n + j] -= t * w[j];
    for (let i = k + 1; i < m; i++) {
      const c = t * a[i * n + k];
      const o = i * n;
      for (let j = k + 1; j < n; j++) a[o + j] -= c * w[j];
    }
  }
}

/** Best-of time in ms: repeats until ~minMs spent (at least 2 runs). */
function time(fn: () => void, minMs = 400): number {
  fn();
  let best = Infinity;
  let spent = 0;
  let runs = 0;
  while (spent < minMs || runs < 2) {
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    best = Math.min(best, dt);
    spent += dt;
    runs++;
  }
  return best;
}

const { exports: w, arena } = core();
const shapes: [number, number][] = [
  [1000, 50],
  [2000, 200],
  [500, 500],
];
const rows: string[] = [];
rows.push("| m x n | wasm QR (no pivot) GFLOP/s | wasm QR (pivoted) GFLOP/s | plain JS GFLOP/s | ml-matrix GFLOP/s | wasm / JS | wasm / ml-matrix |");
rows.push("|---|---|---|---|---|---|---|");
for (const [m, n] of shapes) {
  const rand = seeded(m * 31 + n);
  const src = new Float64Array(m * n);
  for (let i = 0; i < src.length; i++) src[i] = rand();
  const flops = 2 * m * n * n - (2 * n * n * n) / 3;

  const mark = arena.mark();
  const pa = arena.allocF64(m * n);
  const tau = arena.allocF64(n);
  const jp = arena.allocBytes(4 * n);
  const work = arena.allocF64(3 * n);
  const runWasm = (pivot: number) => () => {
    arena.f64.set(src, pa >>> 3);
    w.qr_f64(pa, n, m, n, tau, jp, work, pivot);
  };
  const tw = time(runWasm(0));
  const twp = time(runWasm(1));
  arena.release(mark);

  const a = new Float64Array(m * n);
  const jt = new Float64Array(n);
  const jw = new Float64Array(n);
  const tj = time(() => {
    a.set(src);
    jsQr(a, m, n, jt, jw);
  });

  const rowsArr: number[][] = [];
  for (let i = 0; i < m; i++) rowsArr.push(Array.from(src.subarray(i * n, (i + 1) * n)));
  const tm = time(() => {
    new QrDecomposition(new Matrix(rowsArr));
  });

  const g = (t: number) => (flops / (t * 1e6)).toFixed(2);
  rows.push(`| ${m} x ${n} | ${g(tw)} | ${g(twp)} | ${g(tj)} | ${g(tm)} | ${(tj / tw).toFixed(1)}x | ${(tm / tw).toFixed(1)}x |`);
}
console.log("## QR (Householder, f64)\n");
console.log(rows.join("\n"));
export {};
