// Gradient checks: backprop (wasm workspace) vs central finite differences of an
// independent JS forward pass (test/helpers/nn-reference.ts), for every activation
// and loss; forward vs the reference; per-sample Jacobian rows vs finite
// differences; streamed J^T J / J^T r vs the explicit J; GGN of softmax CE.
import { describe, expect, it } from "vitest";
import { core } from "../src/wasm/module.js";
import { dense, sequential } from "../src/nn/index.js";
import type { Model } from "../src/nn/model.js";
import { Workspace } from "../src/nn/workspace.js";
import { outputDelta, type LossName } from "../src/nn/losses.js";
import { SecondOrder } from "../src/nn/train-second-order.js";
import { resolveOptimizer } from "../src/nn/optimizers.js";
import { Prng } from "../src/nn/prng.js";
import { refForward, refLoss, type Act, type RefLayer } from "./helpers/nn-reference.js";

function randomData(n: number, nin: number, k: number, seed: number, classes = false) {
  const rng = new Prng(seed);
  const X: number[][] = [];
  const Y: number[][] = [];
  for (let i = 0; i < n; i++) {
    X.push(Array.from({ length: nin }, () => 2 * rng.next() - 1));
    if (classes) {
      const c = rng.int(k);
      Y.push(Array.from({ length: k }, (_, o) => (o === c ? 1 : 0)));
    } else Y.push(Array.from({ length: k }, () => 2 * rng.next() - 1));
  }
  return { X, Y };
}

function refLayers(m: Model): RefLayer[] {
  return m.plan.layers.map((l) => ({ units: l.nout, activation: l.activation as Act }));
}

/** Backprop gradient of the mean loss over all rows (full vector; frozen entries NaN). */
function backpropGradient(m: Model, X: number[][], Y: number[][], loss: LossName): Float64Array {
  const { arena } = core();
  const mark = arena.mark();
  try {
    const plan = m.plan;
    const ws = new Workspace(plan, X.length);
    ws.setParams(m.params);
    const flatX = Float64Array.from(X.flat());
    const flatY = Float64Array.from(Y.flat());
    ws.loadRows(flatX, null, 0, X.length);
    ws.forward(X.length);
    const k = plan.outputSize;
    const last = plan.layers[plan.layers.length - 1];
    const scale = loss === "mse" ? 1 / (X.length * k) : 1 / X.length;
    if (outputDelta(arena.f64, ws.dOut, ws.output, X.length, k, flatY, null, 0, loss, last, scale)) {
      ws.ex.nn_activation_grad_f64(ws.dOut, k, ws.z[plan.layers.length - 1], k, ws.output, k, X.length, k, last.kind, last.alpha);
    }
    ws.backward(X.length);
    const g = arena.readF64(ws.grad, plan.paramCount);
    const out = new Float64Array(plan.paramCount).fill(NaN);
    for (const [off, len] of plan.trainableRanges) out.set(g.subarray(off, off + len), off);
    return out;
  } finally {
    arena.release(mark);
  }
}

function fdGradient(m: Model, X: number[][], Y: number[][], loss: LossName): Float64Array {
  const p = Array.from(m.params);
  const g = new Float64Array(p.length);
  const layers = refLayers(m);
  for (let i = 0; i < p.length; i++) {
    const h = 1e-5 * Math.max(1, Math.abs(p[i]));
    const q = p.slice();
    q[i] = p[i] + h;
    const fp = refLoss(m.inputSize, layers, q, X, Y, loss);
    q[i] = p[i] - h;
    const fm = refLoss(m.inputSize, layers, q, X, Y, loss);
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, rtol: number, atol: number) {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) continue;
    const tol = atol + rtol * Math.max(Math.abs(a[i]), Math.abs(b[i]));
    if (!(Math.abs(a[i] - b[i]) <= tol)) throw new Error(`entry ${i}: ${a[i]} vs ${b[i]} (tol ${tol})`);
  }
}

const ELEMENTWISE: Act[] = ["linear", "tanh", "sigmoid", "relu", "leakyRelu", "gelu"];

describe("forward pass", () => {
  it("matches the independent JS reference for every activation", () => {
    const { X } = randomData(9, 3, 2, 1);
    for (const act of ELEMENTWISE) {
      const m = sequential([dense({ units: 5, activation: act, inputSize: 3 }), dense({ units: 4, activation: act }), dense({ units: 2, activation: act })], { seed: 3 });
      const pred = m.predict(X);
      for (let r = 0; r < X.length; r++) expectClose(pred[r], refForward(3, refLayers(m), m.params, X[r]), 1e-13, 1e-15);
    }
    const m = sequential([dense({ units: 6, activation: "relu", inputSize: 3 }), dense({ units: 4, activation: "softmax" })], { seed: 2, init: "he" });
    const pred = m.predict(X);
    for (let r = 0; r < X.length; r++) {
      expectClose(pred[r], refForward(3, refLayers(m), m.params, X[r]), 1e-13, 1e-15);
      expect(Math.abs(pred[r].reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14);
    }
  });
});

describe("gradient check (backprop vs central differences)", () => {
  // Odd sizes (5, 3) exercise the SIMD tails of the kernels.
  for (const act of ELEMENTWISE) {
    it(`mse, hidden and output activation ${act}`, () => {
      const { X, Y } = randomData(7, 3, 3, 11);
      const m = sequential([dense({ units: 5, activation: act, inputSize: 3 }), dense({ units: 3, activation: act })], { seed: 5 });
      // relu kinks: finite differences are wrong only if a z is within h of 0 (probability ~0 here)
      expectClose(backpropGradient(m, X, Y, "mse"), fdGradient(m, X, Y, "mse"), 1e-6, 1e-8);
    });
  }
  it("crossEntropy with a softmax output", () => {
    const { X, Y } = randomData(8, 4, 3, 12, true);
    const m = sequential([dense({ units: 5, activation: "tanh", inputSize: 4 }), dense({ units: 3, activation: "softmax" })], { seed: 6 });
    expectClose(backpropGradient(m, X, Y, "crossEntropy"), fdGradient(m, X, Y, "crossEntropy"), 1e-6, 1e-8);
  });
  it("mse through a softmax output (full softmax Jacobian)", () => {
    const { X, Y } = randomData(8, 4, 3, 13, true);
    const m = sequential([dense({ units: 5, activation: "sigmoid", inputSize: 4 }), dense({ units: 3, activation: "softmax" })], { seed: 7 });
    expectClose(backpropGradient(m, X, Y, "mse"), fdGradient(m, X, Y, "mse"), 1e-6, 1e-8);
  });
  it("three hidden layers with a frozen middle layer: gradients of the trainable layers", () => {
    const { X, Y } = randomData(6, 2, 2, 14);
    const m = sequential([dense({ units: 4, activation: "tanh", inputSize: 2 }), dense({ units: 5, activation: "gelu", trainable: false }), dense({ units: 3, activation: "leakyRelu" }), dense({ units: 2 })], { seed: 8 });
    const g = backpropGradient(m, X, Y, "mse");
    const L1 = m.plan.layers[1];
    for (let i = L1.offset; i < L1.offset + L1.size; i++) expect(Number.isNaN(g[i])).toBe(true);
    expectClose(g, fdGradient(m, X, Y, "mse"), 1e-6, 1e-8);
  });
});

/** Per-sample Jacobian (rows s*k + o, trainable columns) from the workspace, in one block. */
function workspaceJacobian(m: Model, X: number[][], seed: "output" | "ggnSoftmax"): Float64Array {
  const { arena } = core();
  const mark = arena.mark();
  try {
    const plan = m.plan;
    const k = plan.outputSize;
    const P = plan.trainableCount;
    const ws = new Workspace(plan, X.length);
    ws.setParams(m.params);
    ws.loadRows(Float64Array.from(X.flat()), null, 0, X.length);
    ws.forward(X.length);
    const J = arena.allocF64(X.length * k * P);
    ws.jacobian(X.length, J, P, seed);
    return arena.readF64(J, X.length * k * P);
  } finally {
    arena.release(mark);
  }
}

/** Central-difference Jacobian of the outputs w.r.t. the trainable parameters. */
function fdJacobian(m: Model, X: number[][]): number[][] {
  const layers = refLayers(m);
  const plan = m.plan;
  const cols: number[] = [];
  for (const [off, len] of plan.trainableRanges) for (let i = off; i < off + len; i++) cols.push(i);
  const rows: number[][] = [];
  for (let s = 0; s < X.length; s++) for (let o = 0; o < plan.outputSize; o++) rows.push(new Array(cols.length).fill(0));
  const p = Array.from(m.params);
  cols.forEach((pi, c) => {
    const h = 1e-6 * Math.max(1, Math.abs(p[pi]));
    const q = p.slice();
    for (let s = 0; s < X.length; s++) {
      q[pi] = p[pi] + h;
      const fp = refForward(m.inputSize, layers, q, X[s]);
      q[pi] = p[pi] - h;
      const fm = refForward(m.inputSize, layers, q, X[s]);
      for (let o = 0; o < plan.outputSize; o++) rows[s * plan.outputSize + o][c] = (fp[o] - fm[o]) / (2 * h);
    }
  });
  return rows;
}

describe("per-sample Jacobian rows", () => {
  it("match finite differences (2 outputs, frozen first layer, every activation kind in the stack)", () => {
    const { X } = randomData(5, 3, 2, 21);
    const m = sequential([dense({ units: 4, activation: "relu", inputSize: 3, trainable: false }), dense({ units: 5, activation: "tanh" }), dense({ units: 3, activation: "sigmoid" }), dense({ units: 2, activation: "linear" })], { seed: 9 });
    const J = workspaceJacobian(m, X, "output");
    const F = fdJacobian(m, X);
    expectClose(J, F.flat(), 1e-6, 1e-9);
  });
  it("match finite differences through a softmax output", () => {
    const { X } = randomData(4, 3, 3, 22);
    const m = sequential([dense({ units: 5, activation: "gelu", inputSize: 3 }), dense({ units: 3, activation: "softmax" })], { seed: 10 });
    expectClose(workspaceJacobian(m, X, "output"), fdJacobian(m, X).flat(), 1e-6, 1e-9);
  });
});

/** Reads H (lower triangle mirrored) and g after SecondOrder.accumulate with a small block. */
function streamed(m: Model, X: number[][], Y: number[][], loss: LossName, cap: number) {
  const { arena } = core();
  const mark = arena.mark();
  try {
    const plan = m.plan;
    const ws = new Workspace(plan, cap);
    const so = new SecondOrder(ws, resolveOptimizer("levenbergMarquardt"), loss, 0, false);
    ws.setParams(m.params);
    const data = { x: Float64Array.from(X.flat()), y: Float64Array.from(Y.flat()), n: X.length, inputs: plan.inputSize, outputs: plan.outputSize };
    const f = so.accumulate(data, null, 0, X.length, m.params);
    const P = plan.trainableCount;
    const H = arena.readF64(so.hessianPointer, P * P);
    for (let i = 0; i < P; i++) for (let j = i + 1; j < P; j++) H[i * P + j] = H[j * P + i];
    return { H, g: arena.readF64(so.gradientPointer, P), f, blockRows: so.blockRows };
  } finally {
    arena.release(mark);
  }
}

describe("normal equations streamed block by block", () => {
  it("J^T J and J^T r equal the products of the explicit J (mse, 2 outputs, 3 blocks)", () => {
    const { X, Y } = randomData(17, 3, 2, 31);
    const m = sequential([dense({ units: 6, activation: "tanh", inputSize: 3 }), dense({ units: 2, activation: "linear" })], { seed: 11 });
    const { H, g, f, blockRows } = streamed(m, X, Y, "mse", 7);
    expect(blockRows).toBe(7);
    const J = fdJacobian(m, X);
    const P = m.trainableParamCount;
    const pred = m.predict(X);
    const r = pred.flatMap((row, s) => row.map((v, o) => v - Y[s][o]));
    const Hx = new Float64Array(P * P);
    const gx = new Float64Array(P);
    J.forEach((row, i) => {
      for (let a = 0; a < P; a++) {
        gx[a] += row[a] * r[i];
        for (let b = 0; b < P; b++) Hx[a * P + b] += row[a] * row[b];
      }
    });
    expectClose(H, Hx, 1e-6, 1e-9);
    expectClose(g, gx, 1e-6, 1e-9);
    // explicit (expectClose here skips NaN entries): |f - f_ref| <= 1e-12 |f_ref|
    const fRef = 0.5 * r.reduce((s, v) => s + v * v, 0);
    expect(Math.abs(f - fRef)).toBeLessThanOrEqual(1e-12 * Math.abs(fRef));
  });
  it("crossEntropy GGN: H = sum J_p^T diag(1/p) J_p = J_z^T (diag p - p p^T) J_z and g = CE gradient", () => {
    const { X, Y } = randomData(9, 3, 3, 32, true);
    const m = sequential([dense({ units: 4, activation: "tanh", inputSize: 3 }), dense({ units: 3, activation: "softmax" })], { seed: 12 });
    const { H, g } = streamed(m, X, Y, "crossEntropy", 4);
    const Jp = fdJacobian(m, X);
    const pred = m.predict(X).flat();
    const P = m.trainableParamCount;
    const Hx = new Float64Array(P * P);
    Jp.forEach((row, i) => {
      for (let a = 0; a < P; a++) for (let b = 0; b < P; b++) Hx[a * P + b] += (row[a] * row[b]) / pred[i];
    });
    expectClose(H, Hx, 1e-5, 1e-9);
    // g is the gradient of the summed CE = n * mean CE
    const fd = fdGradient(m, X, Y, "crossEntropy").map((v) => v * X.length);
    expectClose(g, fd, 1e-6, 1e-8);
  });
});
