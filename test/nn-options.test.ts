// Training options checked by their exact effect, not by "still learns":
// - sgd one-step closed forms on a linear model (dL/dw = 2/n sum r x for mse):
//   l1 adds lr l1 sign(w), clipValue clamps every gradient entry, clipNorm rescales to norm clipNorm;
// - the same properties on an MLP by difference against an unregularised step;
// - gradient accumulation of k batches of b rows == one batch of k b rows (equal-size means);
// - dropout 0 == no dropout bitwise; dropout > 0 changes training but predict() has no dropout;
// - earlyStopping.minDelta: improvements smaller than minDelta do not reset patience;
// - initialisers: sample variance of a large layer vs 2/(fanIn+fanOut) (xavier) and 2/fanIn (he);
// - verbose: one formatLogs line per epoch on console.log, default from process.stdout.isTTY.
import { afterEach, describe, expect, it, vi } from "vitest";
import { mlp } from "../src/nn/index.js";
import { formatLogs } from "../src/nn/history.js";

const sine = (n: number) => {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = -Math.PI + (2 * Math.PI * i) / (n - 1);
    x.push([t]);
    y.push(Math.sin(t));
  }
  return { x, y };
};

/** |a - b| <= rel max(|a|, |b|) + abs, elementwise, with the index in the message */
function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, rel: number, abs = 0): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    const tol = rel * Math.max(Math.abs(a[i]), Math.abs(b[i])) + abs;
    if (!(Math.abs(a[i] - b[i]) <= tol)) throw new Error(`entry ${i}: ${a[i]} vs ${b[i]} (tol ${tol})`);
  }
}

// Linear model y = x w + b (2 inputs, 1 output): mlp([2, 1]) has a single linear layer,
// parameters [w0, w1, b]. Data chosen so that the gradient entries differ in size.
const LX = [[1, 2], [3, -1], [-2, 0.5], [0.5, 4], [2, 2], [-1, -3]];
const LY = [10, -4, 7, 30, 12, -25];
const W0 = [0.5, -0.25, 0.125];

/** gradient of L = 1/n sum (x w + b - y)^2 at theta: 2/n sum r [x, 1] */
function linearGrad(theta: number[]): number[] {
  const g = [0, 0, 0];
  for (let s = 0; s < LX.length; s++) {
    const r = LX[s][0] * theta[0] + LX[s][1] * theta[1] + theta[2] - LY[s];
    g[0] += (2 / LX.length) * r * LX[s][0];
    g[1] += (2 / LX.length) * r * LX[s][1];
    g[2] += (2 / LX.length) * r;
  }
  return g;
}

/** weights after one full-batch sgd step from W0 with the given fit options */
function linearStep(lr: number, extra: object): Float64Array {
  const m = mlp([2, 1], { seed: 1 });
  m.setWeights(W0);
  m.fit(LX, LY, { optimizer: { type: "sgd", learningRate: lr }, epochs: 1, batchSize: LX.length, shuffle: false, verbose: false, ...extra });
  return m.getWeights();
}

describe("l1, clipValue, clipNorm: one sgd step against the hand-computed update (linear model)", () => {
  const g = linearGrad(W0);
  const lr = 0.01;

  it("plain sgd: theta1 = theta0 - lr g (checks the hand gradient and the layout)", () => {
    expectClose(linearStep(lr, {}), W0.map((w, i) => w - lr * g[i]), 1e-14, 1e-16);
  });

  it("l1: theta1 = theta0 - lr (g + l1 sign(theta0))", () => {
    const l1 = 0.7;
    expectClose(linearStep(lr, { l1 }), W0.map((w, i) => w - lr * (g[i] + l1 * Math.sign(w))), 1e-14, 1e-16);
    // sign(0) = 0: a zero weight gets no l1 push
    const m = mlp([2, 1], { seed: 1 });
    m.setWeights([0.5, -0.25, 0]);
    const g0 = linearGrad([0.5, -0.25, 0]);
    m.fit(LX, LY, { optimizer: { type: "sgd", learningRate: lr }, epochs: 1, batchSize: LX.length, shuffle: false, l1, verbose: false });
    expect(m.getWeights()[2]).toBeCloseTo(-lr * g0[2], 15);
  });

  it("clipValue: every update entry is -lr clamp(g, -c, c), so |delta| <= lr c", () => {
    const sorted = g.map(Math.abs).sort((p, q) => p - q);
    const c = (sorted[0] + sorted[1]) / 2; // clips two entries, leaves the smallest
    expect(sorted[0]).toBeLessThan(c);
    const w1 = linearStep(lr, { clipValue: c });
    expectClose(w1, W0.map((w, i) => w - lr * Math.max(-c, Math.min(c, g[i]))), 1e-14, 1e-16);
    for (let i = 0; i < 3; i++) expect(Math.abs(w1[i] - W0[i])).toBeLessThanOrEqual(lr * c * (1 + 1e-12));
    // a huge gradient (targets x 1e12) with learning rate 1: still each |delta| <= c
    const m = mlp([2, 1], { seed: 1 });
    m.setWeights(W0);
    m.fit(LX, LY.map((v) => v * 1e12), { optimizer: { type: "sgd", learningRate: 1 }, epochs: 1, batchSize: LX.length, shuffle: false, clipValue: 0.5, verbose: false });
    const d = Array.from(m.getWeights(), (w, i) => w - W0[i]);
    for (const v of d) expect(Math.abs(v)).toBeLessThanOrEqual(0.5 * (1 + 1e-15));
    // the gradient entries are all ~1e13 in size, so every entry is clipped: delta = -0.5 sign(g)
    const gBig = (() => {
      const s = [0, 0, 0];
      for (let k = 0; k < LX.length; k++) {
        const r = LX[k][0] * W0[0] + LX[k][1] * W0[1] + W0[2] - LY[k] * 1e12;
        s[0] += r * LX[k][0];
        s[1] += r * LX[k][1];
        s[2] += r;
      }
      return s;
    })();
    d.forEach((v, i) => expect(v).toBeCloseTo(-0.5 * Math.sign(gBig[i]), 14));
  });

  it("clipNorm: the update is -lr g min(1, c / ||g||): norm lr c, direction of g", () => {
    const gn = Math.hypot(...g);
    const c = gn / 4;
    const w1 = linearStep(lr, { clipNorm: c });
    expectClose(w1, W0.map((w, i) => w - lr * g[i] * (c / gn)), 1e-14, 1e-16);
    const d = Array.from(w1, (w, i) => w - W0[i]);
    expect(Math.hypot(...d)).toBeLessThanOrEqual(lr * c * (1 + 1e-12));
    // a clipNorm above ||g|| changes nothing
    expectClose(linearStep(lr, { clipNorm: 2 * gn }), linearStep(lr, {}), 0, 0);
  });
});

describe("l1, clipValue, clipNorm on an MLP (1-8-1 tanh), one sgd step, by difference", () => {
  const { x, y } = sine(24);
  const lr = 0.05;
  const start = mlp([1, 8, 1], { seed: 3 });
  start.setWeights(start.getWeights().map((w, i) => w + 0.01 * Math.sin(i + 1))); // no zero biases
  const theta0 = start.getWeights();
  const step = (extra: object) => {
    const m = mlp([1, 8, 1], { seed: 3 });
    m.setWeights(theta0);
    m.fit(x, y, { optimizer: { type: "sgd", learningRate: lr }, epochs: 1, batchSize: x.length, shuffle: false, verbose: false, ...extra });
    return m.getWeights();
  };
  const plain = step({});
  const g = Array.from(plain, (w, i) => (theta0[i] - w) / lr); // the unclipped gradient (to rounding)

  it("l1 shifts each entry by exactly -lr l1 sign(theta0)", () => {
    const l1 = 1e-2;
    const w = step({ l1 });
    for (let i = 0; i < w.length; i++) expect(w[i] - plain[i]).toBeCloseTo(-lr * l1 * Math.sign(theta0[i]), 14);
  });

  it("clipValue bounds every update entry by lr clipValue and leaves small entries alone", () => {
    const mags = g.map(Math.abs).sort((p, q) => p - q);
    const c = mags[Math.floor(mags.length / 2)];
    const w = step({ clipValue: c });
    let clipped = 0;
    for (let i = 0; i < w.length; i++) {
      const d = w[i] - theta0[i];
      expect(Math.abs(d)).toBeLessThanOrEqual(lr * c * (1 + 1e-12));
      expect(d).toBeCloseTo(-lr * Math.max(-c, Math.min(c, g[i])), 13);
      if (Math.abs(g[i]) > c) clipped++;
    }
    expect(clipped).toBeGreaterThan(0);
  });

  it("clipNorm: the update has norm lr clipNorm and the direction of the gradient", () => {
    const gn = Math.hypot(...g);
    const c = gn / 10;
    const w = step({ clipNorm: c });
    const d = Array.from(w, (v, i) => v - theta0[i]);
    expect(Math.hypot(...d)).toBeCloseTo(lr * c, 13);
    d.forEach((v, i) => expect(v).toBeCloseTo(-lr * g[i] * (c / gn), 13));
  });
});

describe("gradient accumulation", () => {
  // With shuffle false, k batches of b rows accumulate (1/k) sum_j mean_b(g) = mean_{k b}(g):
  // the same update as one batch of k b rows, up to the order of the floating-point sums.
  const { x, y } = sine(48);
  const run = (batchSize: number, gradientAccumulationSteps: number, optimizer: object, epochs: number) => {
    const m = mlp([1, 6, 1], { seed: 2 });
    m.fit(x, y, { optimizer: optimizer as never, epochs, batchSize, gradientAccumulationSteps, shuffle: false, verbose: false });
    return m.getWeights();
  };

  it("sgd: 4 batches of 3 accumulated == batches of 12 (weights to 1e-15 relative)", () => {
    const theta0 = mlp([1, 6, 1], { seed: 2 }).getWeights();
    const sgd = { type: "sgd", learningRate: 0.1 };
    const a = run(3, 4, sgd, 1);
    const b = run(12, 1, sgd, 1);
    const db = Array.from(b, (v, i) => v - theta0[i]);
    const scale = Math.max(...db.map(Math.abs));
    expect(scale).toBeGreaterThan(1e-4); // the step is not trivially zero
    // weights to 1e-15 relative (measured: <= 6.3e-16; the sums of the 12 rows run in another order)
    expectClose(a, b, 1e-15, 0);
    // and differs from not accumulating (4 updates of 3 rows each)
    expect(Array.from(run(3, 1, sgd, 1))).not.toEqual(Array.from(b));
  });

  it("adam over 20 epochs: accumulated and large-batch runs agree to 1e-12", () => {
    const adam = { type: "adam", learningRate: 0.01 };
    expectClose(run(4, 3, adam, 20), run(12, 1, adam, 20), 1e-12, 1e-14);
  });
});

describe("dropout", () => {
  const { x, y } = sine(32);
  const fit = (dropout: number | undefined) => {
    const m = dropout === undefined ? mlp([1, 16, 1], { seed: 4 }) : mlp([1, 16, 1], { seed: 4, dropout });
    const h = m.fit(x, y, { optimizer: { type: "adam", learningRate: 0.01 }, epochs: 20, batchSize: 8, seed: 9, verbose: false });
    return { m, h };
  };

  it("rate 0 is bitwise identical to no dropout (weights and history)", () => {
    const a = fit(undefined);
    const b = fit(0);
    expect(Array.from(b.m.getWeights())).toEqual(Array.from(a.m.getWeights()));
    expect(b.h.loss).toEqual(a.h.loss);
  });

  it("rate > 0 changes training; predict() applies no dropout (deterministic, equals the same weights without dropout)", () => {
    const a = fit(undefined);
    const d = fit(0.3);
    expect(Array.from(d.m.getWeights())).not.toEqual(Array.from(a.m.getWeights()));
    const p1 = d.m.predict(x);
    const p2 = d.m.predict(x);
    expect(p2).toEqual(p1);
    const plain = mlp([1, 16, 1], { seed: 4 });
    plain.setWeights(d.m.getWeights());
    expect(plain.predict(x)).toEqual(p1);
    // the training-loss history is evaluated without dropout too: it equals the mse of predict()
    const mse = p1.reduce((s, p, i) => s + (p[0] - y[i]) ** 2, 0) / y.length;
    expect(d.h.loss[d.h.loss.length - 1]).toBeCloseTo(mse, 12);
  });
});

describe("earlyStopping.minDelta", () => {
  // Full-batch sgd with a tiny learning rate: the loss falls by a small, steady amount per epoch.
  const { x, y } = sine(20);
  const fit = (es: object, epochs = 30) => {
    const m = mlp([1, 4, 1], { seed: 5 });
    const h = m.fit(x, y, { optimizer: { type: "sgd", learningRate: 1e-4 }, epochs, batchSize: 20, shuffle: false, earlyStopping: { monitor: "loss", ...es }, verbose: false });
    return { m, h };
  };

  it("improvements smaller than minDelta do not reset patience", () => {
    const ref = fit({ patience: 3, minDelta: 0 });
    expect(ref.h.status).toBe("completed"); // strictly decreasing: every epoch improves
    for (let e = 1; e < ref.h.loss.length; e++) expect(ref.h.loss[e]).toBeLessThan(ref.h.loss[e - 1]);
    const total = ref.h.loss[0] - ref.h.loss[ref.h.loss.length - 1];
    // minDelta above the whole improvement of 30 epochs: no epoch after the first counts
    const big = fit({ patience: 3, minDelta: 2 * total, restoreBestWeights: true });
    expect(big.h.status).toBe("earlyStopped");
    expect(big.h.epochs).toBe(4); // epoch 0 sets the best, epochs 1..3 do not improve by minDelta
    expect(big.h.bestEpoch).toBe(0);
    expect(big.h.loss[3]).toBeLessThan(big.h.loss[0]); // they did improve, by less than minDelta
  });

  it("the best is compared against minDelta cumulatively (value < best - minDelta)", () => {
    const ref = fit({ patience: 100, minDelta: 0 }, 30);
    const steps = ref.h.loss.slice(1).map((v, e) => ref.h.loss[e] - v);
    // minDelta between one and two epochs' improvement: the best resets every second epoch
    const minDelta = 1.5 * Math.max(...steps);
    expect(2 * Math.min(...steps)).toBeGreaterThan(minDelta);
    const r = fit({ patience: 2, minDelta }, 30);
    expect(r.h.status).toBe("completed"); // patience 2 never runs out
    const r1 = fit({ patience: 1, minDelta }, 30);
    expect(r1.h.status).toBe("earlyStopped"); // epoch 1 improves by < minDelta: patience 1 ends at epoch 1
    expect(r1.h.epochs).toBe(2);
    expect(r1.h.bestEpoch).toBe(0);
    expect(Array.from(r1.m.getWeights())).toEqual(Array.from(fit({ patience: 0 }, 1).m.getWeights())); // restored epoch 0
  });
});

describe("initialisers: sample moments of a 300 x 500 layer", () => {
  const fanIn = 300;
  const fanOut = 500;
  const N = fanIn * fanOut;
  const moments = (init: "xavier" | "he", seed: number) => {
    const w = mlp([fanIn, fanOut], { init, seed }).layerWeights(0).weights.flat();
    const mean = w.reduce((s, v) => s + v, 0) / N;
    const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / (N - 1);
    return { w, mean, variance };
  };

  it("xavier: U(-s, s), s = sqrt(6/(fanIn+fanOut)); variance 2/(fanIn+fanOut) within 5 standard errors", () => {
    const target = 2 / (fanIn + fanOut);
    const s = Math.sqrt(6 / (fanIn + fanOut));
    // uniform: Var(sample variance) ~ (mu4 - sigma^4)/N with mu4 = s^4/5, sigma^2 = s^2/3
    const se = Math.sqrt((s ** 4 / 5 - target ** 2) / N);
    for (const seed of [1, 2]) {
      const { w, mean, variance } = moments("xavier", seed);
      expect(Math.abs(variance - target)).toBeLessThan(5 * se);
      expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(target / N));
      expect(w.reduce((a, v) => Math.max(a, Math.abs(v)), 0)).toBeLessThanOrEqual(s);
    }
  });

  it("he: N(0, 2/fanIn); variance within 5 standard errors (sqrt(2/N) sigma^2)", () => {
    const target = 2 / fanIn;
    const { mean, variance } = moments("he", 1);
    expect(Math.abs(variance - target)).toBeLessThan(5 * target * Math.sqrt(2 / N));
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(target / N));
  });

  it("biases start at 0", () => {
    expect(mlp([fanIn, 3], { seed: 1 }).layerWeights(0).bias).toEqual([0, 0, 0]);
  });
});

describe("verbose progress line", () => {
  const { x, y } = sine(16);
  const tty = Object.getOwnPropertyDescriptor(process.stdout, "isTTY");
  afterEach(() => {
    vi.restoreAllMocks();
    if (tty) Object.defineProperty(process.stdout, "isTTY", tty);
    else delete (process.stdout as { isTTY?: boolean }).isTTY;
  });
  const capture = (opts: object) => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void lines.push(a.join(" ")));
    const h = mlp([1, 3, 1], { seed: 1 }).fit(x, y, { optimizer: { type: "sgd", learningRate: 0.1 }, epochs: 3, batchSize: 16, ...opts });
    vi.restoreAllMocks();
    return { lines, h };
  };

  it("verbose: true prints one formatLogs line per epoch; false prints nothing", () => {
    const { lines, h } = capture({ verbose: true });
    expect(lines).toEqual(h.logs.map((l) => formatLogs(l, 3)));
    expect(capture({ verbose: false }).lines).toEqual([]);
  });

  it("the default follows process.stdout.isTTY", () => {
    Object.defineProperty(process.stdout, "isTTY", { value: true, configurable: true });
    expect(capture({}).lines.length).toBe(3);
    Object.defineProperty(process.stdout, "isTTY", { value: false, configurable: true });
    expect(capture({}).lines.length).toBe(0);
  });

  it("the line shows epoch i/n and the logged numbers (parsed back)", () => {
    const line = formatLogs({ epoch: 4, loss: 0.0123456789, valLoss: 2.5e-7, mse: 0.0123456789, accuracy: 0.9375, valAccuracy: 0.5, learningRate: 0.001, timeMs: 12.4 }, 10);
    expect(line.startsWith("epoch 5/10 ")).toBe(true);
    const num = (label: string) => Number(new RegExp(`${label} (\\S+?)%?(\\s|$)`).exec(line)![1]);
    expect(num("loss")).toBeCloseTo(0.0123456789, 6);
    expect(num("val_loss")).toBeCloseTo(2.5e-7, 10);
    expect(num("acc")).toBeCloseTo(93.75, 2);
    expect(num("val_acc")).toBeCloseTo(50, 2);
    expect(num("lr")).toBeCloseTo(0.001, 6);
    expect(line).toMatch(/ 12 ms$/);
    const lm = formatLogs({ epoch: 0, loss: 1e-9, mse: 1e-9, damping: 1e-3, timeMs: 0 }, 1);
    expect(lm).toMatch(/^epoch 1\/1 {2}loss 1\.0000e-9 {2}mu 1\.00e-3 {2}0 ms$/);
  });
});
