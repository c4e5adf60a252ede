/**
 * polyfit(x, y, degree, options?) -> LinearFit with coefficients in ascending powers:
 *   y ~ c0 + c1 x + ... + c_d x^d.
 *
 * Why it can beat lstsq on a Vandermonde matrix built in double: rounding x^k to double
 * perturbs the design itself (Filip's double-rounded design has an exact LS solution
 * only 7.6 digits from the certified one). Here
 *  - x is scaled by an exact power of two, t = x 2^-e with max |t| in [0.5, 1), so the
 *    columns t^k stay O(1) (and c_k = a_k 2^(-e k) maps back exactly);
 *  - the powers t^k are formed in double-double (t^k = t^(k-1) * t with Dekker's
 *    TwoProduct), so the design is known to ~106 bits: hi goes to the QR factorisation,
 *    hi + lo to the double-double residuals of Bjorck's refinement (lstsq.ts), which then
 *    converges to the LS solution of the (nearly) exact Vandermonde matrix.
 * Rank deficiency (e.g. fewer distinct x than coefficients): the minimum-norm solution in the
 * coefficients of x (re-solved on the unscaled powers), rank and message as in lstsq.
 * With `intercept: false` the constant column is left out and coefficients[0] = 0
 * (stdErrors[0] = 0, covariance row/column 0 zero) so index k is always the power k.
 */
import { LsqError, describeValue } from "../errors.js";
import { checkOptionKeys, toVector } from "./matrix.js";
import { binaryExponent, powerOfTwo } from "./binary-exponent.js";
import type { DDMatrix } from "./compensated.js";
import type { LinearFit } from "./linear-fit.js";
import { assembleFit, checkProblemSize, resolveLstsqOptions, rowWeights, solveLinear, type LstsqOptions } from "./lstsq.js";

export interface PolyfitOptions extends LstsqOptions {
  /** Include the constant term c0. Default true. */
  intercept?: boolean;
}

/** Defaults for polyfit beyond those of lstsq (LSTSQ_DEFAULTS). */
export const POLYFIT_DEFAULTS = Object.freeze({ intercept: true });

const POLYFIT_KEYS = ["method", "sigma", "weights", "ridge", "rcond", "refinementSteps", "intercept"] as const;

const SPLIT = 134217729;

export function polyfit(x: ArrayLike<number>, y: ArrayLike<number>, degree: number, options: PolyfitOptions = {}): LinearFit {
  checkOptionKeys(options, POLYFIT_KEYS, "polyfit");
  const xv = toVector(x, "x");
  const yv = toVector(y, "y", xv.length);
  if (typeof degree !== "number" || !Number.isInteger(degree) || degree < 0) {
    throw new LsqError("INVALID_ARGUMENT", `polyfit: degree must be an integer >= 0, got ${describeValue(degree)}`);
  }
  const intercept = options.intercept ?? POLYFIT_DEFAULTS.intercept;
  if (typeof intercept !== "boolean") {
    throw new LsqError("INVALID_ARGUMENT", `polyfit: intercept must be true or false, got ${describeValue(intercept)}`);
  }
  if (!intercept && degree === 0) {
    throw new LsqError("INVALID_ARGUMENT", "polyfit: degree 0 without intercept leaves no term to fit");
  }
  const opts = resolveLstsqOptions(options, "polyfit");
  const m = xv.length;
  const first = intercept ? 0 : 1;
  const n = degree + 1 - first;
  if (m < n && opts.ridge === 0) {
    throw new LsqError("TOO_FEW_ROWS", `polyfit: ${m} points cannot determine ${n} coefficients (degree ${degree}${intercept ? "" : ", no intercept"}); need at least ${n} (or ridge > 0)`);
  }
  checkProblemSize(m, n, opts.ridge, "polyfit");
  const weights = rowWeights(options, m, "polyfit");

  // Exact power-of-two scale: t = x * 2^-e.
  let xmax = 0;
  for (let i = 0; i < m; i++) xmax = Math.max(xmax, Math.abs(xv[i]));
  const e = xmax > 0 ? binaryExponent(xmax) + 1 : 0;
  const scale = powerOfTwo(-e);
  const hi = new Float64Array(m * n);
  const lo = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const t = xv[i] * scale;
    const u = SPLIT * t;
    const th = u - (u - t);
    const tl = t - th;
    let ph = 1;
    let pl = 0;
    for (let k = 0; k <= degree; k++) {
      if (k > 0) {
        // (ph + pl) * t in double-double: TwoProduct(ph, t) + pl * t
        const p = ph * t;
        const v = SPLIT * ph;
        const ah = v - (v - ph);
        const al = ph - ah;
        const err = ((ah * th - p) + ah * tl + al * th) + al * tl;
        const low = err + pl * t;
        ph = p + low;
        pl = low - (ph - p);
      }
      if (k >= first) {
        hi[i * n + k - first] = ph;
        lo[i * n + k - first] = pl;
      }
    }
  }
  const design: DDMatrix = { rows: m, cols: n, hi, lo };
  // Back to powers of x: a_k = c_k * 2^(-e k) (exact), variances by 2^(-2 e k).
  const d = degree + 1;
  const f = new Float64Array(n);
  for (let k = 0; k < n; k++) f[k] = powerOfTwo(-e * (k + first));
  // Ridge penalises the coefficients of x (not of t): ridge * a_k^2 = ridge * (f_k c_k)^2.
  let out = solveLinear({ design, b: yv, weights, options: opts, ridgeFactors: f });
  let back = f;
  if (out.rank < n && opts.ridge === 0) {
    // The minimum-norm solution must minimise ||a|| (powers of x), not ||c|| (powers of t):
    // re-solve on the x-power design t^k 2^(e k) (exact power-of-two rescaling of hi and lo).
    const xh = new Float64Array(m * n);
    const xl = new Float64Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let k = 0; k < n; k++) {
        xh[i * n + k] = hi[i * n + k] / f[k];
        xl[i * n + k] = lo[i * n + k] / f[k];
      }
    }
    out = solveLinear({ design: { rows: m, cols: n, hi: xh, lo: xl }, b: yv, weights, options: opts });
    back = new Float64Array(n).fill(1);
  }
  const coefficients = new Float64Array(d);
  for (let k = 0; k < n; k++) coefficients[k + first] = out.x[k] * back[k];
  let inverseGram: Float64Array | null = null;
  if (out.inverseGram !== null) {
    inverseGram = new Float64Array(d * d);
    for (let a = 0; a < n; a++) for (let c = 0; c < n; c++) inverseGram[(a + first) * d + c + first] = out.inverseGram[a * n + c] * back[a] * back[c];
  }
  let diagSqrt: Float64Array | undefined;
  if (out.inverseGram !== null && out.inverseGramDiagSqrt !== undefined) {
    diagSqrt = new Float64Array(d); // intercept: false leaves entry 0 at 0 like the covariance
    for (let a = 0; a < n; a++) diagSqrt[a + first] = out.inverseGramDiagSqrt[a] * Math.abs(back[a]);
  }
  const scaledOut = { ...out, x: coefficients, inverseGram, inverseGramDiagSqrt: diagSqrt };
  const fit = assembleFit(scaledOut, m, d, yv, weights, intercept, n);
  fit.message = `${fit.message}; powers of x formed in double-double after exact scaling by 2^${-e}`;
  return fit;
}
