/**
 * `npm run bench -- kernels`: GFLOP/s of the hot kernels beside peers measured in the same run.
 *
 * Flop conventions (useful work, the same credit for every implementation):
 *   J^T J accumulation (lower triangle incl. diagonal): N * P * (P + 1)   (one mul + one add per entry per row)
 *   Cholesky of a P x P matrix:                          P^3 / 3
 * Peers: plain-JS naive loops, plain-JS register-blocked loops (written here), and
 * ml-matrix (`new Matrix(J).transpose().mmul(J)`, `new CholeskyDecomposition(H)`).
 * Slow peers run on fewer rows (N shown per row of the table); GFLOP/s is per-row
 * work so the rates compare. Each timing: warm-up, then the best of several repeats.
 */
import { Matrix, CholeskyDecomposition } from "ml-matrix";
import { core } from "../src/wasm/module.js";
import { mulberry32 } from "../test/helpers/reference.js";

const { exports: k, arena } = core();

function best(fn: () => void, repeats: number, minMs = 0): number {
  fn(); // warm-up (tier-up in V8)
  let t = Infinity;
  let total = 0;
  for (let i = 0; i < repeats || total < minMs; i++) {
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    total += dt;
    t = Math.min(t, dt);
    if (i > 50) break;
  }
  return t;
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
    const reps = P >= 1000 ? 2 : 4;
    const ms = best(() => {
      arena.f64.fill(0, pH >>> 3, (pH >>> 3) + P * P);
      k.normal_accumulate_f64(pH, P, 0, pJ, P, 0, 0, N, P);
    }, reps);
    const gw = record(what, "lsqkit wasm", N, ms, N * P * (P + 1));
    // peers on fewer rows where they are slow (rate per row is what compares)
    const flopBudget = 4e8;
    const Nn = Math.max(64, Math.min(N, Math.floor(flopBudget / (P * (P + 1)))));
    const Nb = Math.max(64, Math.min(N, Math.floor(4 * flopBudget / (P * (P + 1)))));
    const H = new Float64Array(P * P);
    const msN = best(() => jtjNaive(H, J, Nn, P), 2);
    const g1 = record(what, "JS naive", Nn, msN, Nn * P * (P + 1));
    const msB = best(() => jtjBlocked(H, J, Nb, P), 2);
    const g2 = record(what, "JS blocked 4x4", Nb, msB, Nb * P * (P + 1));
    const Nm = Math.max(64, Math.min(N, Math.floor(flopBudget / 2 / (P * P))));
    const rowsArr: number[][] = [];
    for (let r = 0; r < Nm; r++) rowsArr.push(Array.from(J.subarray(r * P, r * P + P)));
    const MJ = new Matrix(rowsArr);
    const msM = best(() => MJ.transpose().mmul(MJ), 1);
    const g3 = record(what, "ml-matrix", Nm, msM, Nm * P * (P + 1));
    ratios.push({ what, vs: [gw / g1, gw / g2, gw / g3] });
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
  let gw = 0;
  try {
    const pA = arena.pushF64(A);
    const o = pA >>> 3;
    // copy (untimed cost is small: P^2) + factor, best of several
    const ms = best(() => {
      arena.f64.set(A, o);
      if (k.cholesky_f64(pA, P, P) !== 0) throw new Error("bench: cholesky failed");
    }, P >= 1000 ? 4 : 10, 200);
    gw = record(what, "lsqkit wasm", P, ms, flops);
  } finally {
    arena.release(m);
  }
  const W = new Float64Array(P * P);
  const msN = best(() => { W.set(A); cholNaive(W, P); }, P >= 1000 ? 1 : 5, 100);
  const g1 = record(what, "JS naive", P, msN, flops);
  const msB = best(() => { W.set(A); cholBlocked(W, P); }, P >= 1000 ? 1 : 5, 100);
  const g2 = record(what, "JS blocked 4-row", P, msB, flops);
  const MA = new Matrix(P, P);
  for (let i = 0; i < P; i++) for (let j = 0; j < P; j++) MA.set(i, j, A[i * P + j]);
  const msM = best(() => new CholeskyDecomposition(MA), P >= 1000 ? 1 : 5, 100);
  const g3 = record(what, "ml-matrix", P, msM, flops);
  ratios.push({ what, vs: [gw / g1, gw / g2, gw / g3] });
}

const ratios: { what: string; vs: number[] }[] = [];
const t0 = performance.now();
for (const P of [10, 50, 200]) jtjCase(P, 100_000);
jtjCase(1000, 20_000); // P = 1000 on N = 20 000 rows to keep the run short (same flop rate per row)
for (const P of [50, 200, 1000]) cholCase(P);

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, d = 2) => x.toFixed(d).padStart(8);
console.log("\n## Kernels (f64; GFLOP/s = useful flops / best time)\n");
console.log(`${pad("case", 16)} ${pad("implementation", 18)} ${"N/P".padStart(8)} ${"ms".padStart(9)} ${"GFLOP/s".padStart(8)}`);
for (const r of rows) console.log(`${pad(r.what, 16)} ${pad(r.impl, 18)} ${String(r.n).padStart(8)} ${num(r.ms, 2).padStart(9)} ${num(r.gflops)}`);
console.log(`\n${pad("ratio lsqkit / peer", 20)} ${"JS naive".padStart(10)} ${"JS blocked".padStart(11)} ${"ml-matrix".padStart(10)}`);
for (const r of ratios) console.log(`${pad(r.what, 20)} ${r.vs.map((v, i) => num(v, 1).padStart(i === 0 ? 10 : i === 1 ? 11 : 10)).join(" ")}`);
console.log(`\n(total ${((performance.now() - t0) / 1000).toFixed(1)} s; node ${process.version})`);
