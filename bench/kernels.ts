/**
 * `npm run bench -- kernels`: GFLOP/s of the hot kernels beside peers measured in the same run.
 *
 * Flop conventions (useful work, the same credit for every implementation):
 *   J^T J accumulation (lower triangle incl. diagonal): N * P * (P + 1)   (one mul + one add per entry per row)
 *   Cholesky of a P x P matrix:                          P^3 / 3
 * Peers: plain-JS naive loops, plain-JS register-blocked loops (written here), and
 * ml-matrix (`new Matrix(J).transpose().mmul(J)`, `new CholeskyDecomposition(H)`).
 * Slow peers run on fewer rows (N shown per row of the table); GFLOP/s is per-row
 * work so the rates compare. Each case: one warm-up call of every implementation, then
 * round-robin rounds (best time each), so load spikes on a shared host hit all alike.
 */
import { Matrix, CholeskyDecomposition } from "ml-matrix";
import { core } from "../src/wasm/module.js";
import { mulberry32 } from "../test/helpers/reference.js";

const { exports: k, arena } = core();

interface Impl { impl: string; n: number; flops: number; fn: () => void }

/**
 * Times several implementations of one case round-robin (warm-up first, then `rounds`
 * rounds, best time each), so a load spike on the shared host hits all of them alike;
 * records the rows and the lsqkit / peer ratios (first impl = lsqkit).
 */
function compare(what: string, impls: Impl[], rounds: number): void {
  for (const x of impls) x.fn();
  const bestMs = impls.map(() => Infinity);
  for (let r = 0; r < rounds; r++)
    impls.forEach((x, i) => {
      const t0 = performance.now();
      x.fn();
      bestMs[i] = Math.min(bestMs[i], performance.now() - t0);
    });
  const g = impls.map((x, i) => record(what, x.impl, x.n, bestMs[i], x.flops));
  ratios.push({ what, vs: g.slice(1).map((v) => g[0] / v) });
}

function randomF64(n: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = 2 * r() - 1;
  return a;
}

// ---- plain-JS peers ---------------------------------------------------------

/** Naive: one rank-1 update of the lower triangle per row. */
function jtjNaive(H: Float64Array, J: Float64Array, N: number, P: number): void {
  for (let r = 0; r < N; r++) {
    const o = r * P;
    for (let i = 0; i < P; i++) {
      const a = J[o + i];
      const hi = i * P;
      for (let j = 0; j <= i; j++) H[hi + j] += a * J[o + j];
    }
  }
}

/** Blocked: row blocks of 256, 4 x 4 register tiles of H (16 scalar accumulators), lower tiles only. */
function jtjBlocked(H: Float64Array, J: Float64Array, N: number, P: number): void {
  const RB = 256;
  const P4 = P & ~3;
  for (let r0 = 0; r0 < N; r0 += RB) {
    const r1 = Math.min(N, r0 + RB);
    for (let i = 0; i < P4; i += 4) {
      for (let j = 0; j <= i; j += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (let r = r0; r < r1; r++) {
          const o = r * P;
          const a0 = J[o + i], a1 = J[o + i + 1], a2 = J[o + i + 2], a3 = J[o + i + 3];
          const b0 = J[o + j], b1 = J[o + j + 1], b2 = J[o + j + 2], b3 = J[o + j + 3];
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        // diagonal tiles also add the (unused) strict-upper entries: harmless scratch
        let h = i * P + j;
        H[h] += c00; H[h + 1] += c01; H[h + 2] += c02; H[h + 3] += c03; h += P;
        H[h] += c10; H[h + 1] += c11; H[h + 2] += c12; H[h + 3] += c13; h += P;
        H[h] += c20; H[h + 1] += c21; H[h + 2] += c22; H[h + 3] += c23; h += P;
        H[h] += c30; H[h + 1] += c31; H[h + 2] += c32; H[h + 3] += c33;
      }
    }
    for (let i = P4; i < P; i++)
      for (let r = r0; r < r1; r++) {
        const o = r * P;
        const a = J[o + i];
        for (let j = 0; j <= i; j++) H[i * P + j] += a * J[o + j];
      }
  }
}

/** Naive Cholesky-Banachiewicz (row-major, dot products along rows). */
function cholNaive(A: Float64Array, n: number): number {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j];
    for (let q = 0; q < j; q++) d -= A[j * n + q] * A[j * n + q];
    if (!(d > 0)) return j + 1;
    const l = Math.sqrt(d);
    A[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j];
      for (let q = 0; q < j; q++) s -= A[i * n + q] * A[j * n + q];
      A[i * n + j] = s / l;
    }
  }
  return 0;
}

/** Register-blocked Crout: the dot products of 4 rows against row j share each load of row j. */
function cholBlocked(A: Float64Array, n: number): number {
  for (let j = 0; j < n; j++) {
    const oj = j * n;
    let d = A[oj + j];
    for (let q = 0; q < j; q++) d -= A[oj + q] * A[oj + q];
    if (!(d > 0)) return j + 1;
    const l = Math.sqrt(d);
    A[oj + j] = l;
    const inv = 1 / l;
    let i = j + 1;
    for (; i + 4 <= n; i += 4) {
      const o0 = i * n, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
      let s0 = A[o0 + j], s1 = A[o1 + j], s2 = A[o2 + j], s3 = A[o3 + j];
      for (let q = 0; q < j; q++) {
        const b = A[oj + q];
        s0 -= A[o0 + q] * b; s1 -= A[o1 + q] * b; s2 -= A[o2 + q] * b; s3 -= A[o3 + q] * b;
      }
      A[o0 + j] = s0 * inv; A[o1 + j] = s1 * inv; A[o2 + j] = s2 * inv; A[o3 + j] = s3 * inv;
    }
    for (; i < n; i++) {
      let s = A[i * n + j];
      for (let q = 0; q < j; q++) s -= A[i * n + q] * A[oj + q];
      A[i * n + j] = s * inv;
    }
  }
  return 0;
}

// ---- table -------------------------------------------------------------------

interface Row { what: string; impl: string; n: number; ms: number; gflops: number }
const rows: Row[] = [];
function record(what: string, impl: string, n: number, ms: number, flops: number): number {
  const g = flops / (ms * 1e6);
  rows.push({ what, impl, n, ms, gflops: g });
  return g;
}

function jtjCase(P: number, N: number): void {
  const what = `J^T J  P=${P}`;
  const J = randomF64(N * P, P);
  const m = arena.mark();
  try {
    arena.reserve((N * P + P * P + 64) * 8);
    const pJ = arena.pushF64(J);
    const pH = arena.allocF64(P * P);
    const flopBudget = 2e8;
    const Nn = Math.max(64, Math.min(N, Math.floor(flopBudget / (P * (P + 1)))));
    const Nb = Math.max(64, Math.min(N, Math.floor((4 * flopBudget) / (P * (P + 1)))));
    const Nm = Math.max(64, Math.min(N, Math.floor(flopBudget / 2 / (P * P))));
    const H = new Float64Array(P * P);
    const rowsArr: number[][] = [];
    for (let r = 0; r < Nm; r++) rowsArr.push(Array.from(J.subarray(r * P, r * P + P)));
    const MJ = new Matrix(rowsArr);
    rowsArr.length = 0;
    const hOff = pH >>> 3;
    compare(what, [
      { impl: "lsqkit wasm", n: N, flops: N * P * (P + 1), fn: () => {
        arena.f64.fill(0, hOff, hOff + P * P);
        k.normal_accumulate_f64(pH, P, 0, pJ, P, 0, 0, N, P);
      } },
      { impl: "JS naive", n: Nn, flops: Nn * P * (P + 1), fn: () => jtjNaive(H, J, Nn, P) },
      { impl: "JS blocked 4x4", n: Nb, flops: Nb * P * (P + 1), fn: () => jtjBlocked(H, J, Nb, P) },
      { impl: "ml-matrix", n: Nm, flops: Nm * P * (P + 1), fn: () => MJ.transpose().mmul(MJ) },
    ], P >= 1000 ? 2 : 4);
  } finally {
    arena.release(m);
  }
}

function spd(P: number, seed: number): Float64Array {
  // A = B B^T / P + I: symmetric positive definite, well conditioned
  const B = randomF64(P * P, seed);
  const A = new Float64Array(P * P);
  for (let i = 0; i < P; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let q = 0; q < P; q++) s += B[i * P + q] * B[j * P + q];
      s /= P;
      if (i === j) s += 1;
      A[i * P + j] = s;
      A[j * P + i] = s;
    }
  return A;
}

function cholCase(P: number): void {
  const what = `Cholesky P=${P}`;
  const A = spd(P, 100 + P);
  const flops = (P * P * P) / 3;
  const m = arena.mark();
  try {
    const pA = arena.pushF64(A);
    const o = pA >>> 3;
    const W = new Float64Array(P * P);
    const MA = new Matrix(P, P);
    for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) MA.set(i, j, A[i * P + j]);
    // each timing includes restoring A (P^2 copy; small beside P^3 / 3)
    compare(what, [
      { impl: "lsqkit wasm", n: P, flops, fn: () => {
        arena.f64.set(A, o);
        if (k.cholesky_f64(pA, P, P) !== 0) throw new Error("bench: cholesky failed");
      } },
      { impl: "JS naive", n: P, flops, fn: () => { W.set(A); cholNaive(W, P); } },
      { impl: "JS blocked 4-row", n: P, flops, fn: () => { W.set(A); cholBlocked(W, P); } },
      { impl: "ml-matrix", n: P, flops, fn: () => new CholeskyDecomposition(MA) },
    ], P >= 1000 ? 3 : P >= 200 ? 20 : 200);
  } finally {
    arena.release(m);
  }
}

/** ikj loop order (row of B streamed): the usual "naive but cache-aware" JS gemm. */
function gemmNaive(C: Float64Array, A: Float64Array, B: Float64Array, n: number): void {
  C.fill(0);
  for (let i = 0; i < n; i++)
    for (let p = 0; p < n; p++) {
      const a = A[i * n + p];
      const ob = p * n;
      const oc = i * n;
      for (let j = 0; j < n; j++) C[oc + j] += a * B[ob + j];
    }
}

function gemmCase(n: number): void {
  const what = `gemm NN n=${n}`;
  const A = randomF64(n * n, 7);
  const B = randomF64(n * n, 8);
  const flops = 2 * n * n * n;
  const m = arena.mark();
  try {
    const pA = arena.pushF64(A);
    const pB = arena.pushF64(B);
    const pC = arena.allocF64(n * n);
    const C = new Float64Array(n * n);
    const MA = new Matrix(n, n);
    const MB = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { MA.set(i, j, A[i * n + j]); MB.set(i, j, B[i * n + j]); }
    compare(what, [
      { impl: "lsqkit wasm", n, flops, fn: () => k.gemm_nn_f64(pC, n, pA, n, pB, n, n, n, n, 1, 0) },
      { impl: "JS ikj loop", n, flops, fn: () => gemmNaive(C, A, B, n) },
      { impl: "ml-matrix", n, flops, fn: () => MA.mmul(MB) },
    ], 3);
  } finally {
    arena.release(m);
  }
  const last = ratios[ratios.length - 1];
  last.vs = [last.vs[0], NaN, last.vs[1]];
}

const ratios: { what: string; vs: number[] }[] = [];
const t0 = performance.now();
for (const P of [10, 50, 200]) jtjCase(P, 100_000);
jtjCase(1000, 20_000); // P = 1000 on N = 20 000 rows to keep the run short (same flop rate per row)
for (const P of [50, 200, 1000]) cholCase(P);
gemmCase(256);

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, d = 2) => x.toFixed(d).padStart(8);
console.log("\n## Kernels (f64; GFLOP/s = useful flops / best time)\n");
console.log(`${pad("case", 16)} ${pad("implementation", 18)} ${"N/P".padStart(8)} ${"ms".padStart(9)} ${"GFLOP/s".padStart(8)}`);
for (const r of rows) console.log(`${pad(r.what, 16)} ${pad(r.impl, 18)} ${String(r.n).padStart(8)} ${num(r.ms, 2).padStart(9)} ${num(r.gflops)}`);
console.log(`\n${pad("ratio lsqkit / peer", 20)} ${"JS naive".padStart(10)} ${"JS blocked".padStart(11)} ${"ml-matrix".padStart(10)}`);
for (const r of ratios) console.log(`${pad(r.what, 20)} ${r.vs.map((v, i) => (Number.isNaN(v) ? "-".padStart(8) : num(v, 1)).padStart(i === 0 ? 10 : i === 1 ? 11 : 10)).join(" ")}`);
console.log(`\n(total ${((performance.now() - t0) / 1000).toFixed(1)} s; node ${process.version})`);
