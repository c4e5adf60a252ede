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
import type { LossName } from "./options.js";

const EPS = 2.220446049250313e-16;

/** rho(z), rho'(z), rho''(z) written into out[0..2]. */
export function lossTerms(loss: LossName, z: number, out: Float64Array): void {
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
        const s = Math.sqrt(z);
        out[0] = 2 * s - 1;
        out[1] = 1 / s;
        out[2] = -0.5 / (z * s);
      }
      return;
    case "softL1": {
      const t = 1 + z;
      const s = Math.sqrt(t);
      out[0] = 2 * (s - 1);
      out[1] = 1 / s;
      out[2] = -0.5 / (t * s);
      return;
    }
    case "cauchy": {
      const t = 1 + z;
      out[0] = Math.log1p(z);
      out[1] = 1 / t;
      out[2] = -1 / (t * t);
      return;
    }
    case "arctan": {
      const t = 1 + z * z;
      out[0] = Math.atan(z);
      out[1] = 1 / t;
      out[2] = (-2 * z) / (t * t);
      return;
    }
  }
}

/** cost = 1/2 s^2 sum rho((r_i/s)^2); plain 1/2 sum r^2 for 'linear'. */
export function robustCost(loss: LossName, scale: number, r: Float64Array, m: number, tmp: Float64Array): number {
  if (loss === "linear") {
    let s = 0;
    for (let i = 0; i < m; i++) s += r[i] * r[i];
    return 0.5 * s;
  }
  const inv = 1 / scale;
  let s = 0;
  for (let i = 0; i < m; i++) {
    const u = r[i] * inv;
    lossTerms(loss, u * u, tmp);
    s += tmp[0];
  }
  return 0.5 * scale * scale * s;
}

/**
 * In place: r <- r~, J rows <- sqrt(w) J rows (see the file comment). m x n row-major J.
 * Residual i is written as rho'(z) r_i / sqrt(w_i).
 */
export function robustify(loss: LossName, scale: number, r: Float64Array, J: Float64Array, m: number, n: number, tmp: Float64Array): void {
  if (loss === "linear") return;
  const inv = 1 / scale;
  for (let i = 0; i < m; i++) {
    const u = r[i] * inv;
    const z = u * u;
    lossTerms(loss, z, tmp);
    let w = tmp[1] + 2 * z * tmp[2];
    if (w < EPS) w = EPS;
    const sw = Math.sqrt(w);
    r[i] = (tmp[1] * r[i]) / sw;
    const o = i * n;
    for (let j = 0; j < n; j++) J[o + j] *= sw;
  }
}
