/**
 * Linear least squares: lstsq(A, b, options?) -> LinearFit.
 *
 *   minimise  sum_i w_i (b_i - A_i x)^2 + ridge * ||x||^2
 *
 * The accurate path ('qr', the default) is, in order:
 *  1. Row weighting by sqrt(w_i) (the rounding error of each product is kept as the low
 *     part of a double-double design, so the refinement below sees the exact weighted matrix).
 *  2. Column equilibration by powers of two, s_j = 2^-round(log2 ||A_:j||): exact, and it
 *     makes the pivoted QR rank test and the condition estimate scale-invariant
 *     (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., ch. 20.1, 20.4).
 *  3. Householder QR with column pivoting (Businger & Golub 1965), assembly/qr.ts.
 *  4. Iterative refinement of the AUGMENTED system (Bjorck 1967, "Iterative refinement of
 *     linear least squares solutions I", BIT 7; Higham ch. 20.5):
 *
 *        [ I   M ] [r]   [b]        f = b - r - M z      (double-double)
 *        [ M^T 0 ] [z] = [0]   ->   g = 0 - M^T r        (double-double)
 *
 *     correction from the QR factors M = Q R:  R^T h = g;  d = Q^T f = [d1; d2];
 *     dz = R^{-1} (d1 - h);  dr = Q [h; d2];  z += dz, r += dr.
 *     Refining x alone (with the residual r = b - A x) does not converge to the LS solution
 *     when the optimal residual is non-zero and cond(A) is large, because the error in r
 *     carries a cond(A)^2 term; refining r and x together does (Bjorck 1967). With the
 *     residuals in double-double the iteration converges to the exact LS solution of the
 *     given (double) data whenever c * cond(M) * eps < 1.
 *
 * Measured on NIST StRD (test/nist-linear.test.ts), worst-coefficient LRE:
 *   refinementSteps = 0 (steps 1-3 only): Wampler5 5.9, Wampler4 7.9, Filip 7.7, Longley 11.2
 *     (polyfit: Filip 8.2) -- numpy's level (numpy: Wampler5 5.9, Filip 6.1 untruncated);
 *   default (refinement, stops after 1-3 steps): >= 13.2 on every problem except Filip 7.9
 *     (the exact LS solution of Filip's double-rounded design is only ~7.6-8 digits from the
 *     certified one), and polyfit reaches 14.0 on Filip.
 *   normal equations ('cholesky') without refinement: Wampler1/3/4/5 6.8, Longley 7.2; Filip is
 *     not positive definite in double and falls back to QR. With refinement see below.
 *
 * 'cholesky' solves the normal equations, then refines x with double-double residuals
 * (x += (L L^T)^{-1} A^T W (b - A x)); this converges when cond(A)^2 eps < 1.
 *
 * Rank deficiency (some |R_kk| <= rcond * |R_00|): the minimum-norm solution in the
 * ORIGINAL coordinates (equilibration would change the norm being minimised) via a
 * complete orthogonal decomposition (Golub & Van Loan 5.5.2): pivoted QR of the unscaled
 * matrix, [R11 R12] = [T 0] Z from a QR of [R11 R12]^T, x = P Z^T [T^{-1} c1; 0].
 *
 * 'cholesky' solves the normal equations (A^T W A + ridge I) x = A^T W b (fast, squares
 * the condition number; refined as above); it falls back to QR when the factorisation fails.
 */
import { core } from "../wasm/module.js";
import { check } from "../wasm/status.js";
import { LsqError, describeValue } from "../errors.js";
import { checkOptionKeys, toMatrix, toVector, type MatrixInput } from "./matrix.js";
import { augmentedResidual, type DDMatrix } from "./compensated.js";
import { powerOfTwo, roundLog2 } from "./binary-exponent.js";
import { fitStatistics, type LinearFit } from "./linear-fit.js";
import { factorQr, qrWorkspace, solveUpperInPlace, solveUpperTransposedInPlace } from "./qr.js";

const EPS = 2.220446049250313e-16;

export interface LstsqOptions {
  /** 'qr' (accurate: pivoted Householder QR + refinement), 'cholesky' (normal equations), or 'auto' (= 'qr'). Default 'auto'. */
  method?: "auto" | "qr" | "cholesky";
  /** Per-row standard deviations sigma_i > 0: weights w_i = 1/sigma_i^2 and absolute covariance. Not with `weights`. */
  sigma?: ArrayLike<number>;
  /** Per-row weights w_i > 0 (relative: covariance scaled by RSS/(m - rank)). Not with `sigma`. */
  weights?: ArrayLike<number>;
  /** Ridge (Tikhonov) parameter lambda >= 0 added as lambda * ||x||^2. Default 0. */
  ridge?: number;
  /**
   * Rank test: column k (after pivoting) counts as dependent when |R_kk| <= rcond * |R_00|
   * of the column-equilibrated weighted matrix. Default: eps * max(m, n).
   */
  rcond?: number;
  /**
   * Maximum number of Bjorck refinement steps (QR path). Refinement stops earlier when
   * ||dz||_inf <= eps * ||z||_inf or when a step does not shrink the correction. Default 4.
   */
  refinementSteps?: number;
}

/** Defaults for lstsq (and polyfit). rcond = null means eps * max(m, n). */
export const LSTSQ_DEFAULTS = Object.freeze({
  method: "auto" as "auto" | "qr" | "cholesky",
  ridge: 0,
  rcond: null as number | null,
  refinementSteps: 4,
});

const LSTSQ_KEYS = ["method", "sigma", "weights", "ridge", "rcond", "refinementSteps"] as const;

/**
 * Fails fast when the factorisation cannot fit in wasm memory (32-bit: at most 4 GiB): the QR
 * path holds the (m + n) x n augmented matrix (m x n without ridge) in wasm. Without this check
 * polyfit(x, y, 1e8, { ridge }) spent a minute building the design before the arena refused,
 * and degree 1e9 exhausted the JS heap and killed the process.
 */
export function checkProblemSize(m: number, n: number, ridge: number, where: string): void {
  const rows = ridge > 0 ? m + n : m;
  const bytes = rows * n * 8;
  if (bytes > 4 * 2 ** 30) {
    throw new LsqError("WASM_ERROR", `${where}: a ${m} x ${n} problem${ridge > 0 ? " with ridge" : ""} needs ${(bytes / 2 ** 30).toPrecision(3)} GiB for its ${rows} x ${n} factorisation; WebAssembly memory holds at most 4 GiB`);
  }
}

/** Validated row weights (w_i) and whether they came from sigma. */
export interface RowWeights {
  w: Float64Array | null;
  absolute: boolean;
}

export function rowWeights(options: { sigma?: ArrayLike<number>; weights?: ArrayLike<number> }, m: number, where: string): RowWeights {
  if (options.sigma !== undefined && options.weights !== undefined) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: give either sigma or weights, not both`);
  }
  if (options.sigma !== undefined) {
    const s = toVector(options.sigma, "sigma", m);
    const w = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      if (!(s[i] > 0)) throw new LsqError("INVALID_ARGUMENT", `sigma[${i}] (row ${i}) must be > 0, got ${describeValue(s[i])}`);
      w[i] = 1 / (s[i] * s[i]);
      if (!Number.isFinite(w[i]) || w[i] === 0) throw new LsqError("INVALID_ARGUMENT", `sigma[${i}] (row ${i}) = ${s[i]} gives a weight 1/sigma^2 that is not a finite positive number`);
    }
    return { w, absolute: true };
  }
  if (options.weights !== undefined) {
    const w = toVector(options.weights, "weights", m);
    for (let i = 0; i < m; i++) {
      if (!(w[i] > 0)) throw new LsqError("INVALID_ARGUMENT", `weights[${i}] (row ${i}) must be > 0, got ${describeValue(w[i])}`);
    }
    return { w, absolute: false };
  }
  return { w: null, absolute: false };
}

export interface ResolvedOptions {
  method: "auto" | "qr" | "cholesky";
  ridge: number;
  rcond: number | null;
  refinementSteps: number;
}

export function resolveLstsqOptions(o: LstsqOptions, where: string): ResolvedOptions {
  const method = o.method ?? LSTSQ_DEFAULTS.method;
  if (method !== "auto" && method !== "qr" && method !== "cholesky") {
    throw new LsqError("INVALID_ARGUMENT", `${where}: method must be 'auto', 'qr' or 'cholesky', got ${describeValue(method)}`);
  }
  const ridge = o.ridge ?? LSTSQ_DEFAULTS.ridge;
  if (typeof ridge !== "number" || !Number.isFinite(ridge) || ridge < 0) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: ridge must be a finite number >= 0, got ${describeValue(ridge)}`);
  }
  const rcond = o.rcond ?? LSTSQ_DEFAULTS.rcond;
  if (rcond !== null && (typeof rcond !== "number" || !Number.isFinite(rcond) || rcond < 0 || rcond >= 1)) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: rcond must be a number in [0, 1), got ${describeValue(rcond)}`);
  }
  const refinementSteps = o.refinementSteps ?? LSTSQ_DEFAULTS.refinementSteps;
  if (typeof refinementSteps !== "number" || !Number.isInteger(refinementSteps) || refinementSteps < 0) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: refinementSteps must be an integer >= 0, got ${describeValue(refinementSteps)}`);
  }
  return { method, ridge, rcond, refinementSteps };
}

/** Solve min || diag(sqrt w) (b - A x) ||^2 + ridge ||x||^2 with the design given as hi + lo. */
export interface SolveInput {
  /** unweighted design (hi + lo) */
  design: DDMatrix;
  b: Float64Array;
  weights: RowWeights;
  options: ResolvedOptions;
  /** ridge row j is sqrt(ridge) * ridgeFactors[j] (default 1): penalty ridge * sum_j (ridgeFactors[j] x_j)^2 */
  ridgeFactors?: Float64Array;
}

export interface SolveOutput {
  x: Float64Array;
  /** b - A x (unweighted), from the double-double design */
  residuals: Float64Array;
  rank: number;
  /** (A^T W A + ridge I)^{-1}, original order, or null */
  inverseGram: Float64Array | null;
  /**
   * sqrt of the diagonal of inverseGram computed as sqrt(c_jj) s_j in the equilibrated
   * coordinates (QR path), so standard errors survive column scales whose squares leave the
   * double range (A ~ 1e300: inverseGram_jj ~ 1e-600 underflows to 0, its root 1e-300 does not).
   * Absent: take the root of inverseGram's diagonal.
   */
  inverseGramDiagSqrt?: Float64Array;
  conditionEstimate: number;
  method: "qr" | "cholesky";
  message: string;
}

/** Least squares: validates A, b and options, then solves (see the file comment). */
export function lstsq(A: MatrixInput, b: ArrayLike<number>, options: LstsqOptions = {}): LinearFit {
  checkOptionKeys(options, LSTSQ_KEYS, "lstsq");
  const M = toMatrix(A, "A");
  const bv = toVector(b, "b", M.rows);
  const opts = resolveLstsqOptions(options, "lstsq");
  if (M.rows < M.cols && opts.ridge === 0) {
    throw new LsqError("TOO_FEW_ROWS", `lstsq: A has ${M.rows} rows but ${M.cols} columns; need rows >= columns (or ridge > 0)`);
  }
  checkProblemSize(M.rows, M.cols, opts.ridge, "lstsq");
  const weights = rowWeights(options, M.rows, "lstsq");
  const design: DDMatrix = { rows: M.rows, cols: M.cols, hi: M.data, lo: null };
  const out = solveLinear({ design, b: bv, weights, options: opts });
  return assembleFit(out, M.rows, M.cols, bv, weights, hasConstantColumn(M.data, M.rows, M.cols));
}

/** True when some column of A is constant and non-zero (an intercept). */
export function hasConstantColumn(a: Float64Array, m: number, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const v = a[j];
    if (v === 0) continue;
    let same = true;
    for (let i = 1; i < m && same; i++) same = a[i * n + j] === v;
    if (same) return true;
  }
  return false;
}

/** LinearFit from a solution; `free` = number of fitted columns (n unless some are fixed at 0). */
export function assembleFit(out: SolveOutput, rows: number, n: number, b: Float64Array, weights: RowWeights, hasIntercept: boolean, free = n): LinearFit {
  const st = fitStatistics({
    rows,
    cols: n,
    b,
    weights: weights.w,
    residuals: out.residuals,
    rank: out.rank,
    inverseGram: out.inverseGram,
    inverseGramDiagSqrt: out.inverseGramDiagSqrt,
    absoluteSigma: weights.absolute,
    hasIntercept,
  });
  const rankDeficient = out.rank < free;
  const overflow: string[] = [];
  for (let j = 0; j < out.x.length; j++) if (!Number.isFinite(out.x[j])) overflow.push(`coefficients[${j}] = ${out.x[j]}`);
  const overflowNote = overflow.length === 0 ? "" : `OVERFLOW: ${overflow.join(", ")} exceeds the double range (|x| > 1.8e308); rescale the data`;
  const message = [overflowNote, out.message, st.note].filter((s) => s.length > 0).join("; ");
  return {
    coefficients: out.x,
    residuals: out.residuals,
    residualSumOfSquares: st.residualSumOfSquares,
    rank: out.rank,
    rankDeficient,
    message,
    conditionEstimate: out.conditionEstimate,
    covariance: st.covariance,
    stdErrors: st.stdErrors,
    rSquared: st.rSquared,
    degreesOfFreedom: st.degreesOfFreedom,
    method: out.method,
  };
}

/** The numerical core shared by lstsq and polyfit. */
export function solveLinear(input: SolveInput): SolveOutput {
  if (input.options.method === "cholesky") {
    const c = solveCholesky(input);
    if (c !== null) return c;
    const q = solveQr(input);
    q.message = `normal equations were not positive definite (Cholesky failed); solved by QR instead. ${q.message}`;
    return q;
  }
  return solveQr(input);
}

/** Weighted design (double-double) with row factors sqrt(w_i); b weighted likewise. */
function weightedDesign(design: DDMatrix, b: Float64Array, w: Float64Array | null): { wd: DDMatrix; wb: Float64Array; sw: Float64Array | null } {
  if (w === null) return { wd: design, wb: b, sw: null };
  const { rows: m, cols: n, hi, lo } = design;
  const sw = new Float64Array(m);
  const h = new Float64Array(m * n);
  const l = new Float64Array(m * n);
  const wb = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const s = Math.sqrt(w[i]);
    sw[i] = s;
    wb[i] = s * b[i];
    for (let j = 0; j < n; j++) {
      const a = hi[i * n + j];
      const p = a * s;
      h[i * n + j] = p;
      // exact rounding error of a * s (Dekker TwoProduct) + the design's own low part
      l[i * n + j] = twoProductError(a, s, p) + (lo === null ? 0 : lo[i * n + j] * s);
    }
  }
  return { wd: { rows: m, cols: n, hi: h, lo: l }, wb, sw };
}

function twoProductError(a: number, b: number, p: number): number {
  const SPLIT = 134217729;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/** 2^-k with max |wb| 2^-k ~ 1 when max |wb| > 2^600 (sums of its products could overflow) or < 2^-600, else 1. */
function rhsScale(wb: Float64Array): number {
  let bmax = 0;
  for (let i = 0; i < wb.length; i++) bmax = Math.max(bmax, Math.abs(wb[i]));
  // Tiny right-hand sides (< 2^-600) likewise: the double-double refinement's low parts of
  // products of them fall into the subnormal range and the refined solution loses its digits.
  return bmax > 4.149515568880993e180 || (bmax > 0 && bmax < 2.409919865102884e-181) ? powerOfTwo(-roundLog2(bmax)) : 1;
}

/** Power-of-two column scales s_j ~ 1 / ||A_:j|| (exact multiplication). */
function columnScales(a: Float64Array, m: number, n: number): Float64Array {
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let amax = 0;
    for (let i = 0; i < m; i++) amax = Math.max(amax, Math.abs(a[i * n + j]));
    let ss = 0;
    if (amax > 0) for (let i = 0; i < m; i++) {
      const t = a[i * n + j] / amax;
      ss += t * t;
    }
    const norm = amax * Math.sqrt(ss);
    s[j] = norm > 0 ? powerOfTwo(-roundLog2(norm)) : 1;
  }
  return s;
}

function solveQr(input: SolveInput): SolveOutput {
  const { design, b, weights, options } = input;
  const { rows: m, cols: n } = design;
  const ridge = options.ridge;
  const { wd, wb: wbIn } = weightedDesign(design, b, weights.w);
  // Right-hand sides near the overflow threshold (|b| >~ 1e270) overflow inside Q^T b (a sum
  // of m products), the correction is then NaN and the solve kept z = 0: a silent x = 0. The
  // problem is linear in b, so solve for b 2^-k (exact) and scale x back by 2^k.
  const bScale = rhsScale(wbIn);
  const wb = bScale === 1 ? wbIn : wbIn.map((v) => v * bScale);
  const s = columnScales(wd.hi, m, n);
  // Scaled design M = W^(1/2) A S (exact scaling by powers of two).
  const mh = new Float64Array(m * n);
  const ml = wd.lo === null ? null : new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      mh[i * n + j] = wd.hi[i * n + j] * s[j];
      if (ml !== null) ml[i * n + j] = wd.lo![i * n + j] * s[j];
    }
  }
  const sd: DDMatrix = { rows: m, cols: n, hi: mh, lo: ml };
  const sl = Math.sqrt(ridge);
  const rf = input.ridgeFactors ?? new Float64Array(n).fill(1);
  const mt = ridge > 0 ? m + n : m;
  const rcond = options.rcond ?? EPS * Math.max(mt, n);

  const { exports: wasm, arena } = core();
  const mark = arena.mark();
  try {
    const k = Math.min(mt, n);
    const pa = arena.allocF64(mt * n);
    const ws = qrWorkspace(mt, n);
    const { tau, jpvt: jp } = ws;
    const pv = arena.allocF64(mt);
    let f = arena.f64;
    const ao = pa >>> 3;
    f.set(mh, ao);
    if (ridge > 0) {
      for (let i = m * n; i < mt * n; i++) f[ao + i] = 0;
      for (let j = 0; j < n; j++) f[ao + (m + j) * n + j] = sl * rf[j] * s[j];
    }
    factorQr(ws, pa, true);
    f = arena.f64;
    const perm = new Int32Array(arena.memory.buffer, jp, n).slice();
    const r00 = Math.abs(f[ao]);
    let rank = 0;
    while (rank < k && Math.abs(f[ao + rank * n + rank]) > rcond * r00) rank++;
    if (rank < n && ridge === 0) {
      // Minimum norm must be taken in the original coordinates: redo without equilibration.
      return minimumNormSolve(wd, wb, weights, design, b, rcond, rank, bScale);
    }
    // R (n x n upper) copied out for the TS triangular solves.
    const R = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) R[i * n + j] = f[ao + i * n + j];

    // Bjorck refinement from z = 0, r = 0: the first pass is the plain QR solve.
    const z = new Float64Array(n);
    const r = new Float64Array(mt);
    const fv = new Float64Array(m);
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    const dz = new Float64Array(n);
    const dr = new Float64Array(mt);
    const po = pv >>> 3;
    let prev = Infinity;
    let steps = 0;
    for (let it = 0; it <= options.refinementSteps; it++) {
      if (it === 0) {
        fv.set(wb);
        g.fill(0);
      } else {
        augmentedResidual(sd, wb, r, z, perm, fv, g);
        if (ridge > 0) {
          // ridge rows: f = 0 - r - sqrt(lambda) s_j x_j ; g -= sqrt(lambda) s_j r   (plain double)
          for (let kk = 0; kk < n; kk++) {
            const j = perm[kk];
            const d = sl * rf[j] * s[j];
            g[kk] -= d * r[m + j];
          }
        }
      }
      // h = R^{-T} g
      h.set(g);
      solveUpperTransposedInPlace(R, 0, n, h, n);
      // d = Q^T f
      f = arena.f64;
      for (let i = 0; i < m; i++) f[po + i] = fv[i];
      if (ridge > 0) {
        const x = new Float64Array(n);
        for (let kk = 0; kk < n; kk++) x[perm[kk]] = z[kk];
        for (let j = 0; j < n; j++) f[po + m + j] = -r[m + j] - sl * rf[j] * s[j] * x[j];
      }
      check("qr_apply_qt_f64", wasm.qr_apply_qt_f64(pa, n, mt, k, tau, pv, 1, 1));
      f = arena.f64;
      for (let i = 0; i < n; i++) dz[i] = f[po + i] - h[i];
      solveUpperInPlace(R, 0, n, dz, n);
      // dr = Q [h; d2]
      for (let i = 0; i < n; i++) f[po + i] = h[i];
      check("qr_apply_q_f64", wasm.qr_apply_q_f64(pa, n, mt, k, tau, pv, 1, 1));
      f = arena.f64;
      for (let i = 0; i < mt; i++) dr[i] = f[po + i];
      const dn = maxAbs(dz);
      // Not contracting (c cond(M) eps >~ 1/2) or overflow in the residuals: keep the current iterate.
      // A first solve of exactly 0 (prev = 0) is no scale for contraction: with a large ridge, Q^T b
      // loses the O(||A|| ||b|| / sqrt(ridge)) part to cancellation against the O(1) ridge rows and
      // z = 0 comes out; the first refinement step then carries the whole solution.
      if (!Number.isFinite(dn) || (it >= 1 && prev > 0 && dn > 0.5 * prev)) break;
      for (let i = 0; i < n; i++) z[i] += dz[i];
      for (let i = 0; i < mt; i++) r[i] += dr[i];
      steps = it;
      prev = dn;
      if (it > 0 && dn <= EPS * maxAbs(z)) break;
    }

    const x = new Float64Array(n);
    for (let kk = 0; kk < n; kk++) x[perm[kk]] = (z[kk] * s[perm[kk]]) / bScale;
    const residuals = ddResiduals(design, b, x);

    // (M^T M)^{-1} = R^{-1} R^{-T} in pivot order, then back to x: cov_x = S P C P^T S.
    const Rinv = upperInverse(R, n);
    const inverseGram = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let c = a; c < n; c++) {
        let acc = 0;
        for (let t = c; t < n; t++) acc += Rinv[a * n + t] * Rinv[c * n + t];
        const ja = perm[a];
        const jc = perm[c];
        const v = acc * s[ja] * s[jc];
        inverseGram[ja * n + jc] = v;
        inverseGram[jc * n + ja] = v;
      }
    }
    const diagSqrt = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      let acc = 0;
      for (let t = a; t < n; t++) acc += Rinv[a * n + t] * Rinv[a * n + t];
      diagSqrt[perm[a]] = Math.sqrt(acc) * s[perm[a]];
    }
    const conditionEstimate = norm1Upper(R, n) * norm1Upper(Rinv, n);
    // Only reachable with ridge > 0: a ridge too small to lift the rank (rank < n) is reported.
    const full = rank === n;
    const message =
      (full ? `full rank (${n})` : `ridge ${ridge} too small to regularise: numerical rank ${rank} of ${n} (rcond = ${rcond.toExponential(2)})`) +
      `; Householder QR with column pivoting on the column-equilibrated matrix` +
      (options.refinementSteps > 0 ? `, ${steps} step(s) of augmented-system refinement with double-double residuals` : "") +
      (ridge > 0 && full ? `, ridge ${ridge}` : "");
    return { x, residuals, rank, inverseGram: full ? inverseGram : null, inverseGramDiagSqrt: full ? diagSqrt : undefined, conditionEstimate: full ? conditionEstimate : Infinity, method: "qr", message };
  } finally {
    arena.release(mark);
  }
}

/**
 * Minimum-norm solution of a rank-deficient problem (no ridge) by a complete orthogonal
 * decomposition of the weighted, unscaled matrix (Golub & Van Loan 5.5.2).
 */
function minimumNormSolve(wd: DDMatrix, wb: Float64Array, weights: RowWeights, design: DDMatrix, b: Float64Array, rcond: number, scaledRank: number, bScale: number): SolveOutput {
  const { rows: m, cols: n } = wd;
  const { exports: wasm, arena } = core();
  const mark = arena.mark();
  try {
    const k = Math.min(m, n);
    const pa = arena.allocF64(m * n);
    const ws = qrWorkspace(m, n);
    const { tau, jpvt: jp } = ws;
    const pv = arena.allocF64(m);
    const pt = arena.allocF64(n * n); // [R11 R12]^T, n x rank (ld n)
    const tau2 = arena.allocF64(n);
    const jp2 = arena.allocBytes(4 * n);
    const pz = arena.allocF64(n);
    let f = arena.f64;
    const ao = pa >>> 3;
    f.set(wd.hi, ao);
    factorQr(ws, pa, true);
    f = arena.f64;
    const perm = new Int32Array(arena.memory.buffer, jp, n).slice();
    const r00 = Math.abs(f[ao]);
    let rank = 0;
    while (rank < k && Math.abs(f[ao + rank * n + rank]) > rcond * r00) rank++;
    const x = new Float64Array(n);
    if (rank > 0) {
      const po = pv >>> 3;
      f.set(wb, po);
      check("qr_apply_qt_f64", wasm.qr_apply_qt_f64(pa, n, m, k, tau, pv, 1, 1));
      f = arena.f64;
      const c = new Float64Array(rank);
      for (let i = 0; i < rank; i++) c[i] = f[po + i];
      // T = [R11 R12]^T (n x rank, row-major, ld = rank)
      const to = pt >>> 3;
      for (let i = 0; i < n; i++) for (let j = 0; j < rank; j++) f[to + i * rank + j] = j <= i ? f[ao + j * n + i] : 0;
      // T = Z [S; 0], S rank x rank upper; [R11 R12] = S^T Z1^T; min-norm z = Z [S^{-T} c; 0]
      factorQr({ m: n, n: rank, tau: tau2, jpvt: jp2, work: ws.work }, pt, false); // buffers sized for n >= rank columns
      f = arena.f64;
      const S = new Float64Array(rank * rank);
      for (let i = 0; i < rank; i++) for (let j = i; j < rank; j++) S[i * rank + j] = f[to + i * rank + j];
      solveUpperTransposedInPlace(S, 0, rank, c, rank);
      const zo = pz >>> 3;
      for (let i = 0; i < n; i++) f[zo + i] = i < rank ? c[i] : 0;
      check("qr_apply_q_f64", wasm.qr_apply_q_f64(pt, rank, n, rank, tau2, pz, 1, 1));
      f = arena.f64;
      for (let kk = 0; kk < n; kk++) x[perm[kk]] = f[zo + kk] / bScale;
    }
    const residuals = ddResiduals(design, b, x);
    const message =
      `rank deficient: numerical rank ${rank} of ${n} columns (pivots |R_kk| <= rcond * |R_00|, rcond = ${rcond.toExponential(2)}` +
      (scaledRank !== rank ? `; ${scaledRank} after column equilibration` : "") +
      `); returned the minimum-norm least-squares solution (complete orthogonal decomposition)`;
    void weights;
    return { x, residuals, rank, inverseGram: null, conditionEstimate: Infinity, method: "qr", message };
  } finally {
    arena.release(mark);
  }
}

/** Normal equations with the Cholesky kernels (when present); null if not positive definite. */
function solveCholesky(input: SolveInput): SolveOutput | null {
  const { design, b, weights, options } = input;
  const { rows: m, cols: n } = design;
  const { exports: wasm, arena } = core();
  const ex = wasm as unknown as Record<string, unknown>;
  if (typeof ex.normal_accumulate_f64 !== "function" || typeof ex.cholesky_f64 !== "function" || typeof ex.cholesky_inverse_f64 !== "function") {
    return null;
  }
  const mark = arena.mark();
  try {
    const pj = arena.pushF64(design.hi);
    const pb = arena.pushF64(b);
    const pw = weights.w === null ? 0 : arena.pushF64(weights.w);
    const pH = arena.allocF64(n * n);
    const pg = arena.allocF64(n);
    const pinv = arena.allocF64(n * n);
    let f = arena.f64;
    f.fill(0, pH >>> 3, (pH >>> 3) + n * n);
    f.fill(0, pg >>> 3, (pg >>> 3) + n);
    wasm.normal_accumulate_f64(pH, n, pg, pj, n, pb, pw, m, n);
    f = arena.f64;
    for (let j = 0; j < n; j++) {
      const rfj = input.ridgeFactors ? input.ridgeFactors[j] : 1;
      f[(pH >>> 3) + j * n + j] += options.ridge * rfj * rfj;
    }
    // 1-norm of the equilibrated normal matrix D H D, D = diag(1/sqrt(H_jj)), before factoring.
    const hd = new Float64Array(n);
    for (let j = 0; j < n; j++) hd[j] = 1 / Math.sqrt(Math.abs(f[(pH >>> 3) + j * n + j]) || 1);
    let hNorm = 0;
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += Math.abs(i >= j ? f[(pH >>> 3) + i * n + j] : f[(pH >>> 3) + j * n + i]) * hd[i] * hd[j];
      hNorm = Math.max(hNorm, c);
    }
    const st = wasm.cholesky_f64(pH, n, n);
    if (st !== 0) return null;
    check("cholesky_solve_f64", wasm.cholesky_solve_f64(pH, n, pg, n));
    const x = arena.readF64(pg, n);
    // Iterative refinement of the normal equations with double-double residuals:
    //   r = W^(1/2) (b - A x),  dx = (L L^T)^{-1} (A^T W^(1/2) r - ridge F^2 x),  x += dx.
    // Converges when c cond(A)^2 eps < 1 (Higham ch. 20.5; the normal matrix squares cond),
    // which covers the problems Cholesky can factor accurately enough to be useful.
    const { wd, wb } = weightedDesign(design, b, weights.w);
    const id = new Int32Array(n);
    for (let j = 0; j < n; j++) id[j] = j;
    const zero = new Float64Array(m);
    const res = new Float64Array(m);
    const f2 = new Float64Array(m);
    const gg = new Float64Array(n);
    let prev = maxAbs(x);
    let steps = 0;
    for (let it = 1; it <= options.refinementSteps; it++) {
      augmentedResidual(wd, wb, zero, x, id, res, gg); // res = W^(1/2)(b - A x)
      augmentedResidual(wd, wb, res, x, id, f2, gg); // gg = -A^T W^(1/2) res
      f = arena.f64;
      const go = pg >>> 3;
      for (let j = 0; j < n; j++) {
        const rfj = input.ridgeFactors ? input.ridgeFactors[j] : 1;
        f[go + j] = -gg[j] - options.ridge * rfj * rfj * x[j];
      }
      check("cholesky_solve_f64", wasm.cholesky_solve_f64(pH, n, pg, n));
      f = arena.f64;
      let dn = 0;
      for (let j = 0; j < n; j++) dn = Math.max(dn, Math.abs(f[go + j]));
      if (!Number.isFinite(dn) || dn > 0.5 * prev) break;
      for (let j = 0; j < n; j++) x[j] += f[go + j];
      steps = it;
      prev = dn;
      if (dn <= EPS * maxAbs(x)) break;
    }
    check("cholesky_inverse_f64", wasm.cholesky_inverse_f64(pinv, n, pH, n, n));
    const inverseGram = arena.readF64(pinv, n * n);
    // cond(A) ~ sqrt(cond_1(D H D)) (the normal matrix squares the condition number).
    let iNorm = 0;
    for (let j = 0; j < n; j++) {
      let c = 0;
      for (let i = 0; i < n; i++) c += Math.abs(inverseGram[i * n + j]) / (hd[i] * hd[j]);
      iNorm = Math.max(iNorm, c);
    }
    for (let j = 0; j < n; j++) if (!Number.isFinite(x[j])) return null;
    const residuals = ddResiduals(design, b, x);
    return {
      x,
      residuals,
      rank: n,
      inverseGram,
      conditionEstimate: Math.sqrt(hNorm * iNorm),
      method: "cholesky",
      message:
        `full rank (${n}); normal equations (A^T W A${options.ridge > 0 ? " + ridge I" : ""}) x = A^T W b by Cholesky` +
        (options.refinementSteps > 0 ? `, ${steps} step(s) of refinement with double-double residuals` : ""),
    };
  } finally {
    arena.release(mark);
  }
}

/** b - A x with A = hi + lo, each row accumulated in double-double and rounded once. */
export function ddResiduals(design: DDMatrix, b: Float64Array, x: Float64Array): Float64Array {
  const { rows: m, cols: n } = design;
  const zero = new Float64Array(m);
  const res = new Float64Array(m);
  const g = new Float64Array(n);
  const id = new Int32Array(n);
  for (let j = 0; j < n; j++) id[j] = j;
  augmentedResidual(design, b, zero, x, id, res, g);
  // Double-double splitting overflows for entries beyond ~1e300: fall back to plain double there.
  for (let i = 0; i < m; i++) {
    if (Number.isFinite(res[i])) continue;
    let s = b[i];
    for (let j = 0; j < n; j++) s -= design.hi[i * n + j] * x[j];
    res[i] = s;
  }
  return res;
}

function maxAbs(v: Float64Array): number {
  let a = 0;
  for (let i = 0; i < v.length; i++) a = Math.max(a, Math.abs(v[i]));
  return a;
}

/** Inverse of an upper-triangular n x n matrix (row-major), column by column. */
function upperInverse(R: Float64Array, n: number): Float64Array {
  const X = new Float64Array(n * n);
  const col = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    col.fill(0);
    col[c] = 1;
    solveUpperInPlace(R, 0, n, col, c + 1);
    for (let i = 0; i <= c; i++) X[i * n + c] = col[i];
  }
  return X;
}

function norm1Upper(R: Float64Array, n: number): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i <= j; i++) s += Math.abs(R[i * n + j]);
    best = Math.max(best, s);
  }
  return best;
}
