// Training: convergence on closed-form targets (XOR, sine, sinc) with fixed seeds,
// every optimizer, GGN cross-entropy, mini-batch LM, schedules, callbacks,
// early stopping, divergence, reproducibility, frozen layers, save/load, memory.
import { describe, expect, it } from "vitest";
import { core } from "../src/wasm/module.js";
import { dense, loadModel, mlp, sequential, trainTestSplit } from "../src/nn/index.js";
import type { OptimizerName, OptimizerOptions } from "../src/nn/optimizers.js";

function sinc(n = 200) {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = -1 + (2 * i) / (n - 1);
    x.push([t]);
    y.push(t === 0 ? 1 : Math.sin(10 * t) / (10 * t));
  }
  return { x, y };
}

function sine(n = 64) {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = -Math.PI + (2 * Math.PI * i) / (n - 1);
    x.push([t]);
    y.push(Math.sin(t));
  }
  return { x, y };
}

const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_Y = [0, 1, 1, 0];

const median = (a: number[]) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];

describe("convergence", () => {
  it("sinc(10x), 200 points, 1-20-1 tanh: LM reaches training MSE <= 1e-6 within 200 epochs (median of seeds 1..5)", () => {
    const { x, y } = sinc();
    const finals: number[] = [];
    for (let seed = 1; seed <= 5; seed++) {
      const h = mlp([1, 20, 1], { activation: "tanh", seed }).fit(x, y, { optimizer: "levenbergMarquardt", epochs: 200, verbose: false });
      finals.push(Math.min(...h.loss));
    }
    expect(median(finals)).toBeLessThanOrEqual(1e-6);
  });

  it("XOR: LM and GN classify all four points (2-4-1 tanh, seed 1)", () => {
    for (const optimizer of ["levenbergMarquardt", "gaussNewton"] as const) {
      const m = mlp([2, 4, 1], { activation: "tanh", seed: 1 });
      const h = m.fit(XOR_X, XOR_Y, { optimizer, epochs: 100, verbose: false });
      expect(h.loss[h.loss.length - 1]).toBeLessThan(1e-4);
      m.predict(XOR_X).forEach((p, i) => expect(Math.abs(p[0] - XOR_Y[i])).toBeLessThan(0.05));
    }
  });

  it("XOR as 2-class softmax with crossEntropy: LM (GGN) and Adam reach 100 % accuracy", () => {
    for (const optimizer of ["levenbergMarquardt", { type: "adam", learningRate: 0.05 }] as OptimizerOptions[]) {
      const m = mlp([2, 8, 2], { activation: "tanh", outputActivation: "softmax", seed: 2 });
      const h = m.fit(XOR_X, XOR_Y, { optimizer, epochs: optimizer === "levenbergMarquardt" ? 50 : 500, batchSize: 4, verbose: false });
      expect(h.metrics.accuracy[h.metrics.accuracy.length - 1]).toBe(1);
      expect(h.loss[h.loss.length - 1]).toBeLessThan(0.05);
    }
  });

  it("sine on [-pi, pi]: every optimizer lowers the MSE well below the variance of sin (0.5)", () => {
    const { x, y } = sine();
    const cases: [OptimizerName | { type: OptimizerName; [k: string]: unknown }, number, number][] = [
      ["levenbergMarquardt", 100, 1e-4],
      ["gaussNewton", 100, 1e-3],
      [{ type: "sgd", learningRate: 0.1 }, 400, 0.02],
      [{ type: "momentum", learningRate: 0.05 }, 300, 0.01],
      [{ type: "momentum", learningRate: 0.05, nesterov: true }, 300, 0.01],
      [{ type: "adam", learningRate: 0.02 }, 300, 0.01],
      [{ type: "adamw", learningRate: 0.02, weightDecay: 1e-4 }, 300, 0.01],
      [{ type: "rmsprop", learningRate: 0.01 }, 300, 0.01],
    ];
    for (const [optimizer, epochs, target] of cases) {
      const m = mlp([1, 10, 1], { activation: "tanh", seed: 3 });
      const h = m.fit(x, y, { optimizer: optimizer as never, epochs, batchSize: optimizer === "levenbergMarquardt" || optimizer === "gaussNewton" ? undefined : 16, seed: 1, verbose: false });
      const last = h.loss[h.loss.length - 1];
      if (!(last < target)) throw new Error(`${JSON.stringify(optimizer)}: final MSE ${last} >= ${target}`);
    }
  });

  it("mini-batch LM (batchSize 50) also fits sine", () => {
    const { x, y } = sine(200);
    const h = mlp([1, 10, 1], { seed: 4 }).fit(x, y, { optimizer: "levenbergMarquardt", batchSize: 50, epochs: 30, seed: 2, verbose: false });
    expect(h.loss[h.loss.length - 1]).toBeLessThan(1e-4);
  });

  it("relu / leakyRelu / gelu / sigmoid hidden layers train with Adam", () => {
    const { x, y } = sine();
    for (const activation of ["relu", "leakyRelu", "gelu", "sigmoid"] as const) {
      const m = mlp([1, 16, 1], { activation, seed: 5, init: activation === "sigmoid" ? "xavier" : "he" });
      const h = m.fit(x, y, { optimizer: { type: "adam", learningRate: 0.02 }, epochs: 300, batchSize: 16, verbose: false });
      expect(h.loss[h.loss.length - 1]).toBeLessThan(0.5 * h.initialLoss);
      expect(h.loss[h.loss.length - 1]).toBeLessThan(0.05);
    }
  });
});

describe("training-loop features", () => {
  it("same seed -> same weights and the same history; another seed -> different", () => {
    const { x, y } = sine();
    const run = (seed: number) => {
      const m = mlp([1, 6, 1], { seed });
      const h = m.fit(x, y, { optimizer: "adam", epochs: 20, batchSize: 8, seed, verbose: false });
      return { w: m.getWeights(), loss: h.loss };
    };
    const a = run(7);
    const b = run(7);
    expect(Array.from(b.w)).toEqual(Array.from(a.w));
    expect(b.loss).toEqual(a.loss);
    expect(Array.from(run(8).w)).not.toEqual(Array.from(a.w));
    const lm = () => {
      const m = mlp([1, 6, 1], { seed: 7 });
      m.fit(x, y, { optimizer: "levenbergMarquardt", epochs: 10, verbose: false });
      return Array.from(m.getWeights());
    };
    expect(lm()).toEqual(lm());
  });

  it("frozen layers stay bit-identical; LM fine-tunes only the head (P = trainable count)", () => {
    const { x, y } = sine();
    const base = mlp([1, 12, 12, 1], { seed: 9 });
    base.fit(x, y, { optimizer: "adam", epochs: 5, verbose: false });
    const tuned = loadModel(base.toJSON());
    tuned.setTrainable(0, false);
    tuned.setTrainable(1, false);
    expect(tuned.trainableParamCount).toBe(13);
    const before = tuned.getWeights();
    const shifted = y.map((v) => 0.5 * v + 0.2);
    const h = tuned.fit(x, shifted, { optimizer: "levenbergMarquardt", epochs: 20, verbose: false });
    expect(h.loss[h.loss.length - 1]).toBeLessThan(h.initialLoss);
    const after = tuned.getWeights();
    const head = tuned.plan.layers[2];
    for (let i = 0; i < head.offset; i++) expect(Object.is(after[i], before[i])).toBe(true);
    expect(Array.from(after.subarray(head.offset))).not.toEqual(Array.from(before.subarray(head.offset)));
    // first-order fine-tuning too
    const before2 = tuned.getWeights();
    tuned.fit(x, y, { optimizer: "adam", epochs: 3, verbose: false });
    const after2 = tuned.getWeights();
    for (let i = 0; i < head.offset; i++) expect(Object.is(after2[i], before2[i])).toBe(true);
  });

  it("save / load round trip predicts bit-identically (JSON string and object)", () => {
    const { x, y } = sine();
    const m = sequential([dense({ units: 7, activation: "gelu", inputSize: 1 }), dense({ units: 5, activation: "sigmoid", trainable: false }), dense({ units: 1 })], { seed: 3 });
    m.fit(x, y, { optimizer: "adam", epochs: 3, verbose: false });
    const m2 = loadModel(JSON.stringify(m.toJSON()));
    const m3 = loadModel(m.toJSON());
    const p = m.predict(x);
    for (const other of [m2, m3]) {
      const q = other.predict(x);
      p.forEach((row, i) => expect(Object.is(q[i][0], row[0])).toBe(true));
      expect(Array.from(other.getWeights())).toEqual(Array.from(m.getWeights()));
    }
    expect(m2.layers[1].trainable).toBe(false);
    expect(m2.summary()).toBe(m.summary());
  });

  it("early stopping restores the weights of the best epoch (checked against the recorded best)", () => {
    const { x, y } = sine(80);
    const split = trainTestSplit(x, y, { testSize: 0.25, seed: 1 });
    // A large learning rate makes the validation loss bounce, so the last epoch is not the best.
    const m = mlp([1, 16, 1], { seed: 2 });
    const snapshots: Float64Array[] = [];
    const h = m.fit(split.xTrain, split.yTrain, {
      optimizer: { type: "sgd", learningRate: 0.6 },
      epochs: 200,
      batchSize: 4,
      validationData: [split.xTest, split.yTest],
      earlyStopping: { monitor: "valLoss", patience: 5, restoreBestWeights: true },
      onEpochEnd: () => void snapshots.push(m.getWeights()),
      verbose: false,
    });
    expect(h.status).toBe("earlyStopped");
    const best = h.valLoss.indexOf(Math.min(...h.valLoss));
    expect(h.bestEpoch).toBe(best);
    expect(best).toBeLessThan(h.epochs - 1);
    expect(Array.from(m.getWeights())).toEqual(Array.from(snapshots[best]));
    const val = m.predict(split.xTest).reduce((s, p, i) => s + (p[0] - split.yTest[i]) ** 2, 0) / split.yTest.length;
    expect(Math.abs(val - h.valLoss[best])).toBeLessThanOrEqual(1e-12 * Math.max(1, val));
  });

  it("onEpochEnd can stop; history carries loss, val loss, lr, damping, time", () => {
    const { x, y } = sine();
    const seen: number[] = [];
    const h = mlp([1, 5, 1], { seed: 1 }).fit(x, y, { optimizer: "adam", epochs: 50, validationSplit: 0.25, onEpochEnd: (e) => (seen.push(e), e === 3 ? "stop" : undefined), verbose: false });
    expect(h.status).toBe("stopped");
    expect(h.epochs).toBe(4);
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(h.valLoss.length).toBe(4);
    expect(h.learningRate).toEqual([0.001, 0.001, 0.001, 0.001]);
    expect(h.timeMs.every((t) => t >= 0)).toBe(true);
    const h2 = mlp([1, 5, 1], { seed: 1 }).fit(x, y, { optimizer: "levenbergMarquardt", epochs: 3, verbose: false });
    expect(h2.damping.length).toBe(3);
    const h3 = mlp([1, 5, 1], { seed: 1 }).fit(x, y, { optimizer: "levenbergMarquardt", epochs: 500, targetLoss: 1e-3, verbose: false });
    expect(h3.status).toBe("targetReached");
    expect(h3.loss[h3.loss.length - 1]).toBeLessThanOrEqual(1e-3);
  });

  it("learning-rate schedules follow their closed forms", () => {
    const { x, y } = sine(16);
    const lr = (schedule: unknown) =>
      mlp([1, 3, 1], { seed: 1 }).fit(x, y, { optimizer: { type: "sgd", learningRate: 0.1 }, epochs: 5, learningRateSchedule: schedule as never, verbose: false }).learningRate;
    expect(lr({ type: "step", stepSize: 2, factor: 0.5 })).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    lr({ type: "exponential", decayRate: 0.9 }).forEach((v, e) => expect(v).toBeCloseTo(0.1 * 0.9 ** e, 15));
    lr({ type: "cosine", decayEpochs: 4 }).forEach((v, e) => expect(v).toBeCloseTo((0.1 * (1 + Math.cos((Math.PI * Math.min(e, 4)) / 4))) / 2, 15));
  });

  // smoke test only; the exact effect of each option is asserted in nn-options.test.ts
  it("l2, l1, clipping, gradient accumulation and dropout run and still learn", () => {
    const { x, y } = sine();
    const opts = [{ l2: 1e-3 }, { l1: 1e-4 }, { clipNorm: 0.1 }, { clipValue: 0.01 }, { gradientAccumulationSteps: 2 }];
    for (const o of opts) {
      const h = mlp([1, 10, 1], { seed: 1 }).fit(x, y, { optimizer: { type: "adam", learningRate: 0.02 }, epochs: 100, batchSize: 8, ...o, verbose: false });
      expect(h.loss[h.loss.length - 1]).toBeLessThan(0.3 * h.initialLoss);
    }
    const hd = mlp([1, 32, 1], { seed: 1, dropout: 0.1 }).fit(x, y, { optimizer: { type: "adam", learningRate: 0.01 }, epochs: 100, batchSize: 8, verbose: false });
    expect(hd.loss[hd.loss.length - 1]).toBeLessThan(0.3 * hd.initialLoss);
    // l2 with LM: weight norm smaller than without
    const norm = (l2: number) => {
      const m = mlp([1, 10, 1], { seed: 1 });
      m.fit(x, y, { optimizer: "levenbergMarquardt", epochs: 30, l2, verbose: false });
      return m.getWeights().reduce((s, v) => s + v * v, 0);
    };
    expect(norm(1e-1)).toBeLessThan(norm(0));
  });

  it("a diverging run stops with status 'diverged' and the last finite weights", () => {
    const { x, y } = sine();
    const m = mlp([1, 8, 1], { seed: 1, activation: "relu", init: "he" });
    const h = m.fit(x, y.map((v) => v * 1e3), { optimizer: { type: "sgd", learningRate: 10 }, epochs: 50, batchSize: 64, verbose: false });
    expect(h.status).toBe("diverged");
    expect(m.getWeights().every(Number.isFinite)).toBe(true);
    m.predict(x).forEach((p) => expect(Number.isFinite(p[0])).toBe(true));
  });

  it("accepts x as { rows, cols, data } and gives the same fit as number[][]", () => {
    const { x, y } = sine(32);
    const flat = { rows: x.length, cols: 1, data: Float64Array.from(x.flat()) };
    const a = mlp([1, 5, 1], { seed: 4 });
    const b = mlp([1, 5, 1], { seed: 4 });
    a.fit(x, y, { optimizer: "levenbergMarquardt", epochs: 5, verbose: false });
    b.fit(flat, y, { optimizer: "levenbergMarquardt", epochs: 5, verbose: false });
    expect(Array.from(b.getWeights())).toEqual(Array.from(a.getWeights()));
    expect(b.predict(flat)).toEqual(a.predict(x));
  });

  it("GN with crossEntropy (GGN) separates XOR as 2 classes", () => {
    const m = mlp([2, 6, 2], { activation: "tanh", outputActivation: "softmax", seed: 3 });
    const h = m.fit(XOR_X, XOR_Y, { optimizer: "gaussNewton", epochs: 40, verbose: false });
    expect(h.metrics.accuracy[h.metrics.accuracy.length - 1]).toBe(1);
  });

  it("memory does not grow over a long loop of epochs and fits", () => {
    const { x, y } = sine();
    const m = mlp([1, 10, 1], { seed: 1 });
    m.fit(x, y, { optimizer: "levenbergMarquardt", epochs: 2, verbose: false });
    m.fit(x, y, { optimizer: "adam", epochs: 2, verbose: false });
    const { arena } = core();
    const bytes = arena.memory.buffer.byteLength;
    const used = arena.used;
    for (let i = 0; i < 20; i++) {
      m.fit(x, y, { optimizer: "levenbergMarquardt", epochs: 20, verbose: false });
      m.fit(x, y, { optimizer: "adam", epochs: 20, batchSize: 8, verbose: false });
      m.predict(x);
    }
    expect(arena.memory.buffer.byteLength).toBe(bytes);
    expect(arena.used).toBe(used);
  });
});
