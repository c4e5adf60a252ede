/**
 * Losses on a block of network outputs (row-major rows x k in wasm memory) and
 * their gradient with respect to the output layer's pre-activation z_L.
 *
 *   mse           L = 1/(n k) sum_{s,o} (a_{s,o} - y_{s,o})^2  (Keras/tfjs 'meanSquaredError')
 *   crossEntropy  L = -1/n sum_s sum_o t_{s,o} log p_{s,o}, p = softmax(z) (requires a
 *                 softmax output; integer labels become one-hot t)
 *
 * The functions return sums over the block (callers divide once by n), so a
 * dataset can be scanned block by block.
 */
import { LsqError, describeValue } from "../errors.js";
import * as pm from "../math/portable.js";
import type { LayerPlan } from "./plan.js";

export type LossName = "mse" | "crossEntropy";
export const LOSSES: readonly LossName[] = Object.freeze(["mse", "crossEntropy"]);

export function checkLoss(v: unknown, where: string): LossName {
  if (typeof v !== "string" || !(LOSSES as readonly string[]).includes(v)) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: unknown loss ${describeValue(v)} (known: ${LOSSES.join(", ")})`);
  }
  return v as LossName;
}

/** p below this is clamped in log(p) so a confidently wrong prediction gives a large finite loss. */
export const PROB_FLOOR = 1e-300;

export interface BlockStats {
  /** sum of the loss terms (SSE for mse, sum of -t log p for crossEntropy) */
  loss: number;
  /** sum of squared errors */
  sse: number;
  /** number of rows whose argmax matches the target's argmax */
  correct: number;
}

function argmax(f: Float64Array, o: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (f[o + j] > f[o + best]) best = j;
  return best;
}

/**
 * Loss terms of `rows` output rows at byte pointer `out` against targets Y
 * (n x k, row idx[start + r] or start + r when idx is null).
 */
export function blockStats(f: Float64Array, out: number, rows: number, k: number, Y: Float64Array, idx: Int32Array | null, start: number, loss: LossName, classification: boolean): BlockStats {
  const a = out >>> 3;
  let sse = 0;
  let ce = 0;
  let correct = 0;
  for (let r = 0; r < rows; r++) {
    const yo = (idx === null ? start + r : idx[start + r]) * k;
    const ao = a + r * k;
    for (let o = 0; o < k; o++) {
      const e = f[ao + o] - Y[yo + o];
      sse += e * e;
      if (loss === "crossEntropy" && Y[yo + o] !== 0) ce -= Y[yo + o] * pm.log(Math.max(f[ao + o], PROB_FLOOR));
    }
    if (classification) {
      if (k === 1) {
        if ((f[ao] >= 0.5 ? 1 : 0) === (Y[yo] >= 0.5 ? 1 : 0)) correct++;
      } else if (argmax(f, ao, k) === argmax(Y, yo, k)) correct++;
    }
  }
  return { loss: loss === "mse" ? sse : ce, sse, correct };
}

/**
 * Writes dL/dz_L for the block into `d` (rows x k) where L = scale * (block sum of loss terms):
 *   mse:          dL/da = 2 scale (a - y), then times act'(z) (done by the caller's kernel,
 *                 or here through the softmax Jacobian: dL/dz_j = p_j (g_j - sum_o g_o p_o))
 *   crossEntropy: dL/dz = scale (p - t)  (softmax output)
 * Returns true when the caller must still multiply by act'(z) (element-wise output).
 */
export function outputDelta(f: Float64Array, d: number, out: number, rows: number, k: number, Y: Float64Array, idx: Int32Array | null, start: number, loss: LossName, last: LayerPlan, scale: number): boolean {
  const a = out >>> 3;
  const dd = d >>> 3;
  for (let r = 0; r < rows; r++) {
    const yo = (idx === null ? start + r : idx[start + r]) * k;
    const ao = a + r * k;
    const dr = dd + r * k;
    if (loss === "crossEntropy") {
      for (let o = 0; o < k; o++) f[dr + o] = scale * (f[ao + o] - Y[yo + o]);
    } else if (last.softmax) {
      let dot = 0;
      for (let o = 0; o < k; o++) dot += 2 * scale * (f[ao + o] - Y[yo + o]) * f[ao + o];
      for (let o = 0; o < k; o++) f[dr + o] = f[ao + o] * (2 * scale * (f[ao + o] - Y[yo + o]) - dot);
    } else {
      for (let o = 0; o < k; o++) f[dr + o] = 2 * scale * (f[ao + o] - Y[yo + o]);
    }
  }
  return loss === "mse" && !last.softmax;
}
