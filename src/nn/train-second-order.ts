/**
 * Levenberg-Marquardt and Gauss-Newton iterations for a network.
 *
 * Objective (sum form, so the normal equations are exact):
 *   mse           f = 1/2 sum_{s,o} r_{s,o}^2,  r = out - y         H = J^T J, g = J^T r
 *   crossEntropy  f = -sum_s sum_o t_{s,o} log p_{s,o} (softmax output): the generalized
 *                 Gauss-Newton matrix (Schraudolph 2002) H = sum_s J_z^T (diag(p) - p p^T) J_z.
 *                 We factor diag(p) - p p^T = A^T A with A = diag(sqrt p) (I - 1 p^T), whose row o
 *                 is sqrt(p_o) (e_o - p)^T; so the "Jacobian rows" are sqrt(p_o) (e_o - p)^T J_z
 *                 (backprop seeded with that delta) and the pseudo-residuals r_o = -t_o / sqrt(p_o)
 *                 satisfy A^T r = p - t (using sum t = 1), hence J^T r is the exact gradient.
 *   + l2/2 ||theta_trainable||^2  (adds l2 to diag H and l2 theta to g)
 *
 * H and g are accumulated block by block of samples with normal_accumulate_f64
 * (J block: blockRows*k x P, never the whole J): memory O(P^2 + block P).
 *
 * LM (Hagan & Menhaj 1994, MATLAB trainlm): solve (H + mu D) dtheta = -g by Cholesky
 * (damped_copy_f64 keeps H for retries); accept if f decreases (mu *= decrease),
 * else mu *= increase and retry; a failed Cholesky also raises mu; give up when mu > max.
 * GN: fixed tiny ridge, step halving until f decreases.
 */
import type { Workspace } from "./workspace.js";
import { check } from "../wasm/status.js";
import type { Dataset } from "./data.js";
import { blockStats, PROB_FLOOR, type LossName } from "./losses.js";
import type { ResolvedOptimizer } from "./optimizers.js";

/** Upper bound on doubles in one Jacobian block (2 MiB): sizes the block of samples. */
const JACOBIAN_BLOCK_DOUBLES = 1 << 18;

export type SecondOrderOutcome = "accepted" | "dampingLimit" | "nonFinite";

export class SecondOrder {
  readonly P: number;
  readonly blockRows: number;
  mu: number;
  private readonly H: number;
  private readonly Hd: number;
  private readonly g: number;
  private readonly step: number;
  private readonly J: number;
  private readonly r: number;
  private readonly dvec: number;
  private readonly trial: Float64Array;
  private readonly dmax: Float64Array;

  /** @internal byte pointer of H (lower triangle valid), for tests */
  get hessianPointer(): number {
    return this.H;
  }
  /** @internal byte pointer of g, for tests */
  get gradientPointer(): number {
    return this.g;
  }

  constructor(
    private readonly ws: Workspace,
    private readonly spec: ResolvedOptimizer,
    private readonly loss: LossName,
    private readonly l2: number,
    private readonly classification: boolean,
  ) {
    const plan = ws.plan;
    const P = plan.trainableCount;
    const k = plan.outputSize;
    this.P = P;
    this.blockRows = Math.max(1, Math.min(ws.cap, Math.floor(JACOBIAN_BLOCK_DOUBLES / (k * P))));
    const a = ws.arena;
    this.H = a.allocF64(P * P);
    this.Hd = a.allocF64(P * P);
    this.g = a.allocF64(P);
    this.step = a.allocF64(P);
    this.dvec = a.allocF64(P);
    this.J = a.allocF64(this.blockRows * k * P);
    this.r = a.allocF64(this.blockRows * k);
    this.mu = spec.o.damping as number;
    this.trial = new Float64Array(plan.paramCount);
    this.dmax = new Float64Array(P);
  }

  private l2Term(theta: Float64Array): number {
    if (this.l2 === 0) return 0;
    let s = 0;
    for (const [off, len] of this.ws.plan.trainableRanges) for (let i = off; i < off + len; i++) s += theta[i] * theta[i];
    return 0.5 * this.l2 * s;
  }

  /** f at the parameters currently in the workspace, over rows idx[start .. start+count). */
  objective(data: Dataset, idx: Int32Array | null, start: number, count: number, theta: Float64Array): number {
    const ws = this.ws;
    const k = data.outputs;
    let f = 0;
    for (let s0 = start; s0 < start + count; s0 += ws.cap) {
      const b = Math.min(ws.cap, start + count - s0);
      ws.loadRows(data.x, idx, s0, b);
      ws.forward(b);
      const st = blockStats(ws.arena.f64, ws.output, b, k, data.y, idx, s0, this.loss, false);
      f += this.loss === "mse" ? 0.5 * st.sse : st.loss;
    }
    return f + this.l2Term(theta);
  }

  /** H = J^T J (GGN), g = J^T r over the rows; returns f at the current parameters. */
  accumulate(data: Dataset, idx: Int32Array | null, start: number, count: number, theta: Float64Array): number {
    const ws = this.ws;
    const ex = ws.ex;
    const P = this.P;
    const k = data.outputs;
    let f64 = ws.arena.f64;
    f64.fill(0, this.H >>> 3, (this.H >>> 3) + P * P);
    f64.fill(0, this.g >>> 3, (this.g >>> 3) + P);
    let f = 0;
    const ce = this.loss === "crossEntropy";
    for (let s0 = start; s0 < start + count; s0 += this.blockRows) {
      const b = Math.min(this.blockRows, start + count - s0);
      ws.loadRows(data.x, idx, s0, b);
      ws.forward(b);
      f64 = ws.arena.f64;
      const st = blockStats(f64, ws.output, b, k, data.y, idx, s0, this.loss, false);
      f += ce ? st.loss : 0.5 * st.sse;
      const out = ws.output >>> 3;
      const r = this.r >>> 3;
      for (let s = 0; s < b; s++) {
        const yo = (idx === null ? s0 + s : idx[s0 + s]) * k;
        for (let o = 0; o < k; o++) {
          const t = data.y[yo + o];
          const p = f64[out + s * k + o];
          f64[r + s * k + o] = ce ? (t === 0 ? 0 : -t / Math.sqrt(Math.max(p, PROB_FLOOR))) : p - t;
        }
      }
      ws.jacobian(b, this.J, P, ce ? "ggnSoftmax" : "output");
      ex.normal_accumulate_f64(this.H, P, this.g, this.J, P, this.r, 0, b * k, P);
    }
    if (this.l2 > 0) {
      f64 = ws.arena.f64;
      let c = 0;
      for (const [off, len] of ws.plan.trainableRanges) {
        for (let i = off; i < off + len; i++, c++) {
          f64[(this.g >>> 3) + c] += this.l2 * theta[i];
          f64[(this.H >>> 3) + c * P + c] += this.l2;
        }
      }
    }
    return f + this.l2Term(theta);
  }

  /** trial = theta + scale * step on the trainable ranges. */
  private makeTrial(theta: Float64Array, scale: number): void {
    const f64 = this.ws.arena.f64;
    const s = this.step >>> 3;
    this.trial.set(theta);
    let c = 0;
    for (const [off, len] of this.ws.plan.trainableRanges) for (let i = off; i < off + len; i++, c++) this.trial[i] = theta[i] + scale * f64[s + c];
  }

  /** step = -(H + mu D)^{-1} g; false when the Cholesky factorisation fails. */
  private solve(mu: number): boolean {
    const ex = this.ws.ex;
    const P = this.P;
    let d = 0;
    if (this.spec.o.dampingMode === "marquardt") {
      // Moré (1978) scaling: D_i = max over the iterations so far of (J^T J)_ii. The plain
      // Marquardt D = diag(J^T J) lets the step explode along saturated units (tiny diagonal),
      // driving tanh weights to ~1e3; the running max keeps their damping.
      const f64 = this.ws.arena.f64;
      for (let c = 0; c < P; c++) this.dmax[c] = Math.max(this.dmax[c], f64[(this.H >>> 3) + c * P + c], 1e-12);
      f64.set(this.dmax, this.dvec >>> 3);
      d = this.dvec;
    }
    check("damped_copy_f64", ex.damped_copy_f64(this.Hd, P, this.H, P, P, mu, d));
    if (ex.cholesky_f64(this.Hd, P, P) !== 0) return false;
    const f64 = this.ws.arena.f64;
    for (let c = 0; c < P; c++) f64[(this.step >>> 3) + c] = -f64[(this.g >>> 3) + c];
    check("cholesky_solve_f64", ex.cholesky_solve_f64(this.Hd, P, this.step, P));
    const s = this.ws.arena.f64;
    for (let c = 0; c < P; c++) if (!Number.isFinite(s[(this.step >>> 3) + c])) return false;
    return true;
  }

  /**
   * One LM / GN iteration on the rows; on acceptance theta is updated in place.
   * The workspace parameters equal theta on return.
   */
  iterate(theta: Float64Array, data: Dataset, idx: Int32Array | null, start: number, count: number): { outcome: SecondOrderOutcome; f: number } {
    const ws = this.ws;
    ws.setParams(theta);
    const f0 = this.accumulate(data, idx, start, count, theta);
    if (!Number.isFinite(f0)) return { outcome: "nonFinite", f: f0 };
    const o = this.spec.o;
    if (this.spec.type === "gaussNewton") {
      if (this.solve(o.damping as number)) {
        let scale = 1;
        for (let h = 0; h <= (o.maxStepHalvings as number); h++, scale /= 2) {
          this.makeTrial(theta, scale);
          ws.setParams(this.trial);
          const f1 = this.objective(data, idx, start, count, this.trial);
          if (Number.isFinite(f1) && f1 < f0) {
            theta.set(this.trial);
            return { outcome: "accepted", f: f1 };
          }
        }
      }
      ws.setParams(theta);
      return { outcome: "dampingLimit", f: f0 };
    }
    const dec = o.dampingDecrease as number;
    const inc = o.dampingIncrease as number;
    const max = o.dampingMax as number;
    for (;;) {
      if (this.solve(this.mu)) {
        this.makeTrial(theta, 1);
        ws.setParams(this.trial);
        const f1 = this.objective(data, idx, start, count, this.trial);
        if (Number.isFinite(f1) && f1 < f0) {
          theta.set(this.trial);
          this.mu = Math.max(this.mu * dec, 1e-20);
          return { outcome: "accepted", f: f1 };
        }
      }
      this.mu *= inc;
      if (this.mu > max) {
        this.mu = max;
        ws.setParams(theta);
        return { outcome: "dampingLimit", f: f0 };
      }
    }
  }
}
