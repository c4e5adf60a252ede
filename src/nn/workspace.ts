/**
 * The wasm side of a network: arena buffers for one batch of up to `cap` rows
 * and the passes over them.
 *
 *   forward   Z_l = A_{l-1} W_l + 1 b_l^T (bias rows, then gemm_nn with beta 1),
 *             A_l = act(Z_l) (nn_activation_f64 / nn_softmax_rows_f64)
 *   backward  given D = dLoss/dZ_L: gW_l = A_{l-1}^T D (gemm_tn), gb_l = colsum D,
 *             D <- (D W_l^T) .* act'(Z_{l-1}) (gemm_nt + nn_activation_grad_f64)
 *   jacobian  per-sample rows d out_{s,o} / d theta_trainable for a block of
 *             samples: for each output o a batched reverse pass seeded with
 *             delta_L = d out_o / d z_L, written by nn_jac_dense_f64 into
 *             row s*k + o of the block (never more than the block is stored).
 *
 * All buffers are allocated once in the constructor (the caller holds an arena
 * mark around the workspace's life), so loops over batches and epochs never
 * grow memory. Views over memory are re-derived per call (arena.f64).
 */
import { core } from "../wasm/module.js";
import { check } from "../wasm/status.js";
import type { CoreExports } from "../wasm/exports.js";
import type { Arena } from "../wasm/arena.js";
import type { NetPlan } from "./plan.js";
import type { Prng } from "./prng.js";

/** How the output layer seeds the Jacobian pass. */
export type JacobianSeed = "output" | "ggnSoftmax";

export class Workspace {
  readonly plan: NetPlan;
  readonly cap: number;
  readonly ex: CoreExports;
  readonly arena: Arena;
  readonly x: number;
  readonly z: number[] = [];
  readonly a: number[] = [];
  /** dropout masks (0 or 1/(1-rate)) and the masked outputs, per layer (0 when unused) */
  readonly mask: number[] = [];
  readonly dropped: number[] = [];
  readonly d0: number;
  readonly d1: number;
  readonly theta: number;
  readonly grad: number;
  /** the buffer holding dLoss/dZ_L before `backward` (cap x outputSize) */
  readonly dOut: number;
  private dropoutActive = false;

  constructor(plan: NetPlan, cap: number, withDropout = false) {
    const { exports, arena } = core();
    this.ex = exports;
    this.arena = arena;
    this.plan = plan;
    this.cap = cap;
    let width = plan.inputSize;
    for (const l of plan.layers) width = Math.max(width, l.nout);
    this.x = arena.allocF64(cap * plan.inputSize);
    for (const l of plan.layers) {
      this.z.push(arena.allocF64(cap * l.nout));
      this.a.push(l.activation === "linear" ? this.z[this.z.length - 1] : arena.allocF64(cap * l.nout));
      const useDrop = withDropout && l.dropout > 0;
      this.mask.push(useDrop ? arena.allocF64(cap * l.nout) : 0);
      this.dropped.push(useDrop ? arena.allocF64(cap * l.nout) : 0);
    }
    this.d0 = arena.allocF64(cap * width);
    this.d1 = arena.allocF64(cap * width);
    this.theta = arena.allocF64(plan.paramCount);
    this.grad = arena.allocF64(plan.paramCount);
    this.dOut = this.d0;
  }

  setParams(src: Float64Array): void {
    this.arena.f64.set(src, this.theta >>> 3);
  }

  /** Copies rows idx[start .. start+count) of X (n x inputSize) into the input buffer. */
  loadRows(X: Float64Array, idx: Int32Array | null, start: number, count: number): void {
    const nin = this.plan.inputSize;
    const f = this.arena.f64;
    const o = this.x >>> 3;
    if (idx === null) {
      f.set(X.subarray(start * nin, (start + count) * nin), o);
      return;
    }
    for (let r = 0; r < count; r++) {
      const src = idx[start + r] * nin;
      f.set(X.subarray(src, src + nin), o + r * nin);
    }
  }

  /** Input of layer l as the next layer sees it (masked output when dropout is active). */
  private input(l: number): number {
    if (l === 0) return this.x;
    return this.dropoutActive && this.dropped[l - 1] ? this.dropped[l - 1] : this.a[l - 1];
  }

  /** Output buffer (rows x outputSize, ld = outputSize) after `forward`. */
  get output(): number {
    return this.a[this.a.length - 1];
  }

  /** Forward pass on the first `rows` rows of the input buffer. `rng` turns dropout on (training). */
  forward(rows: number, rng: Prng | null = null): void {
    const ex = this.ex;
    const layers = this.plan.layers;
    this.dropoutActive = rng !== null;
    for (let l = 0; l < layers.length; l++) {
      const L = layers[l];
      const z = this.z[l];
      const w = this.theta + L.offset * 8;
      const b = w + L.nin * L.nout * 8;
      check("nn_bias_rows_f64", ex.nn_bias_rows_f64(z, L.nout, b, rows, L.nout));
      check("gemm_nn_f64", ex.gemm_nn_f64(z, L.nout, this.input(l), L.nin, w, L.nout, rows, L.nout, L.nin, 1, 1));
      if (L.softmax) check("nn_softmax_rows_f64", ex.nn_softmax_rows_f64(this.a[l], L.nout, z, L.nout, rows, L.nout));
      else if (L.kind !== 0) check("nn_activation_f64", ex.nn_activation_f64(this.a[l], L.nout, z, L.nout, rows, L.nout, L.kind, L.alpha));
      if (rng !== null && this.mask[l] && l < layers.length - 1) this.applyDropout(l, rows, rng);
    }
  }

  private applyDropout(l: number, rows: number, rng: Prng): void {
    const L = this.plan.layers[l];
    const f = this.arena.f64;
    const keep = 1 - L.dropout;
    const m = this.mask[l] >>> 3;
    const a = this.a[l] >>> 3;
    const d = this.dropped[l] >>> 3;
    const n = rows * L.nout;
    for (let i = 0; i < n; i++) {
      const v = rng.next() < keep ? 1 / keep : 0;
      f[m + i] = v;
      f[d + i] = f[a + i] * v;
    }
  }

  /** The lowest layer index whose parameters are trainable (backprop stops there). */
  private lowestTrainable(): number {
    const layers = this.plan.layers;
    for (let l = 0; l < layers.length; l++) if (layers[l].trainable) return l;
    return layers.length;
  }

  /** D <- (D W_l^T) .* act'(Z_{l-1}) (.* dropout mask): the delta of layer l-1. Returns the new D buffer. */
  private backStep(l: number, rows: number, D: number): number {
    const L = this.plan.layers[l];
    const P = this.plan.layers[l - 1];
    const Dn = D === this.d0 ? this.d1 : this.d0;
    check("gemm_nt_f64", this.ex.gemm_nt_f64(Dn, L.nin, D, L.nout, this.theta + L.offset * 8, L.nout, rows, L.nin, L.nout, 1, 0));
    if (this.dropoutActive && this.mask[l - 1]) {
      const f = this.arena.f64;
      const m = this.mask[l - 1] >>> 3;
      const d = Dn >>> 3;
      for (let i = 0, n = rows * L.nin; i < n; i++) f[d + i] *= f[m + i];
    }
    // softmax is allowed only on the output layer, so P is element-wise here.
    check("nn_activation_grad_f64", this.ex.nn_activation_grad_f64(Dn, L.nin, this.z[l - 1], P.nout, this.a[l - 1], P.nout, rows, L.nin, P.kind, P.alpha));
    return Dn;
  }

  /**
   * Gradient of the batch loss: expects dLoss/dZ_L in `dOut` (rows x outputSize).
   * Writes gW, gb of every trainable layer into `grad` (overwriting), frozen entries untouched.
   */
  backward(rows: number): void {
    const ex = this.ex;
    const layers = this.plan.layers;
    const low = this.lowestTrainable();
    let D = this.dOut;
    for (let l = layers.length - 1; l >= low; l--) {
      const L = layers[l];
      if (L.trainable) {
        const gw = this.grad + L.offset * 8;
        check("gemm_tn_f64", ex.gemm_tn_f64(gw, L.nout, this.input(l), L.nin, D, L.nout, L.nin, L.nout, rows, 1, 0));
        check("nn_col_sum_f64", ex.nn_col_sum_f64(gw + L.nin * L.nout * 8, D, L.nout, rows, L.nout, 0));
      }
      if (l > low) D = this.backStep(l, rows, D);
    }
  }

  /**
   * Per-sample Jacobian rows for the `rows` samples of the last forward pass
   * (no dropout), into J: row s*k + o, columns = trainable parameters (ldj).
   * seed 'output': delta_L = d a_{L,o} / d z_L (e_o .* act'(z) or the softmax
   * Jacobian row p_o (e_o - p)). seed 'ggnSoftmax': delta_L = sqrt(p_o) (e_o - p),
   * the rows of A J_z with A^T A = diag(p) - p p^T (generalized Gauss-Newton of
   * softmax cross-entropy; see src/nn/train-second-order.ts).
   */
  jacobian(rows: number, J: number, ldj: number, seed: JacobianSeed): void {
    const layers = this.plan.layers;
    const last = layers[layers.length - 1];
    const k = last.nout;
    const low = this.lowestTrainable();
    for (let o = 0; o < k; o++) {
      // seed delta_L into d0 (rows x k)
      const f = this.arena.f64;
      const d = this.d0 >>> 3;
      if (last.softmax) {
        const p = this.output >>> 3;
        for (let s = 0; s < rows; s++) {
          const ps = p + s * k;
          const po = f[ps + o];
          const c = seed === "ggnSoftmax" ? Math.sqrt(po) : po;
          for (let j = 0; j < k; j++) f[d + s * k + j] = -c * f[ps + j];
          f[d + s * k + o] += c;
        }
      } else {
        f.fill(0, d, d + rows * k);
        for (let s = 0; s < rows; s++) f[d + s * k + o] = 1;
        check("nn_activation_grad_f64", this.ex.nn_activation_grad_f64(this.d0, k, this.z[layers.length - 1], k, this.output, k, rows, k, last.kind, last.alpha));
      }
      let D = this.d0;
      for (let l = layers.length - 1; l >= low; l--) {
        const L = layers[l];
        if (L.trainable) {
          check("nn_jac_dense_f64", this.ex.nn_jac_dense_f64(J + (o * ldj + L.column) * 8, k * ldj, this.input(l), L.nin, D, L.nout, rows, L.nin, L.nout));
        }
        if (l > low) D = this.backStep(l, rows, D);
      }
    }
  }
}
