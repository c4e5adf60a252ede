/**
 * Robust losses rho(z) on z = (r / s)^2 with scipy.optimize.least_squares
 * semantics: cost = 1/2 s^2 sum_i rho(z_i).
 *
 * The solver sees robustified residuals and Jacobian rows (scipy's
 * scale_for_robust_loss_function, a first-order variant of Triggs et al. 2000):
 *   w_i = rho'(z) + 2 z rho''(z)   (clamped to >= eps: the Gauss-Newton model
 *                                   must stay convex)
 *   J~_i = sqrt(w_i) J_i,   r~_i = rho'(z) r_i / sqrt(w_i)
 * so that J~^T r~ = J^T (rho' r) is the exact gradient of the cost.
 */
import type { RobustLossName } from "./options.js";

const EPS = 2.220446049250313e-16;

/**
 * For u = r / s and z = u^2: rho(z), rho'(z) and 2 z rho''(z) (the curvature term of the
 * weight w = rho' + 2 z rho'') written into out[0..2]. Taking u rather than z keeps huge
 * residuals finite: z = u^2 overflows for |u| > 1.3e154 (one 1e200 outlier, or lossScale 1e-300),
 * so there the large-z forms below are used (rho in terms of |u|, the derivative terms as their
 * limits), never Infinity * 0 = NaN. For z < 1e300 the formulas are the textbook ones.
 */
export function lossTerms(loss: RobustLossName, u: number, out: Float64Array): void {
  const z = u * u;
  const large = !(z < 1e300);
  switch (loss) {
    case "linear":
      out[0] = z;
      out[1] = 1;
      out[2] = 0;
      return;
    case "huber":
      if (z <= 1) {
        out[0] = z;
        out[1] = 1;
        out[2] = 0;
      } else {
        const a = Math.abs(u);
        out[0] = 2 * a - 1;
        out[1] = 1 / a;
        out[2] = large ? -1 / a : 2 * z * (-0.5 / (z * Math.sqrt(z)));
      }
      return;
    case "softL1": {
      if (large) {
        // sqrt(1 + z) = |u| sqrt(1 + 1/z) = |u| to double precision
        const a = Math.abs(u);
        out[0] = 2 * (a - 1);
        out[1] = 1 / a;
        out[2] = -1 / a;
        return;
      }
      const t = 1 + z;
      const s = Math.sqrt(t);
      out[0] = 2 * (s - 1);
      out[1] = 1 / s;
      out[2] = 2 * z * (-0.5 / (t * s));
      return;
    }
    case "cauchy": {
      if (large) {
        // log1p(z) = 2 ln|u| + log1p(1/z)
        out[0] = 2 * Math.log(Math.abs(u)) + Math.log1p(1 / z);
        out[1] = 1 / z;
        out[2] = -2 / z;
        return;
      }
      const t = 1 + z;
      out[0] = Math.log1p(z);
      out[1] = 1 / t;
      out[2] = 2 * z * (-1 / (t * t));
      return;
    }
    case "arctan": {
      if (large || z > 1e150) {
        // 1 + z^2 overflows: rho' = 1/z^2, 2 z rho'' = -4 z^2 / (1 + z^2)^2 -> -4 / z^2
        out[0] = Math.atan(z);
        out[1] = 1 / z / z;
        out[2] = -4 / z / z;
        return;
      }
      const t = 1 + z * z;
      out[0] = Math.atan(z);
      out[1] = 1 / t;
      out[2] = 2 * z * ((-2 * z) / (t * t));
      return;
    }
  }
}

/** cost = 1/2 s^2 sum rho((r_i/s)^2); plain 1/2 sum r^2 for 'linear'. */
export function robustCost(loss: RobustLossName, scale: number, r: Float64Array, m: number, tmp: Float64Array): number {
  if (loss === "linear") {
    let s = 0;
    for (let i = 0; i < m; i++) s += r[i] * r[i];
    return 0.5 * s;
  }
  const inv = 1 / scale;
  let s = 0;
  for (let i = 0; i < m; i++) {
    lossTerms(loss, r[i] * inv, tmp);
    s += tmp[0];
  }
  const s2 = scale * scale;
  // s^2 under/overflows for an extreme lossScale (1e-300): multiply by scale twice instead
  return s2 > 1e-290 && s2 < 1e290 ? 0.5 * s2 * s : 0.5 * scale * (scale * s);
}

/**
 * In place: r <- r~, J rows <- sqrt(w) J rows (see the file comment). m x n row-major J.
 * Residual i is written as rho'(z) r_i / sqrt(w_i).
 */
export function robustify(loss: RobustLossName, scale: number, r: Float64Array, J: Float64Array, m: number, n: number, tmp: Float64Array): void {
  if (loss === "linear") return;
  const inv = 1 / scale;
  for (let i = 0; i < m; i++) {
    lossTerms(loss, r[i] * inv, tmp);
    let w = tmp[1] + tmp[2];
    if (w < EPS) w = EPS;
    const sw = Math.sqrt(w);
    r[i] = (tmp[1] * r[i]) / sw;
    const o = i * n;
    for (let j = 0; j < n; j++) J[o + j] *= sw;
  }
}
