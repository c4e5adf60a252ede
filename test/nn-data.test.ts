// Real data (data/ml, scikit-learn's toy sets): diabetes regression beside lstsq on the
// same seeded split; digits classification with Adam on a seeded 80/20 split.
import { describe, expect, it } from "vitest";
import { lstsq } from "../src/index.js";
import { mlp, trainTestSplit } from "../src/nn.js";
import { loadCsv, standardizer } from "./helpers/ml-data.js";

const mse = (p: number[], y: number[]) => p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / y.length;

describe("diabetes (442 x 10), seeded 80/20 split", () => {
  const d = loadCsv("diabetes.csv");
  const s = trainTestSplit(d.x, d.y, { testSize: 0.2, seed: 42 });
  const st = standardizer(s.xTrain);
  const xtr = st.apply(s.xTrain);
  const xte = st.apply(s.xTest);
  const ym = s.yTrain.reduce((a, b) => a + b, 0) / s.yTrain.length;
  const ysd = Math.sqrt(s.yTrain.reduce((a, b) => a + (b - ym) ** 2, 0) / s.yTrain.length);
  const ytr = s.yTrain.map((v) => (v - ym) / ysd);
  const lin = lstsq(xtr.map((r) => [1, ...r]), s.yTrain).coefficients;
  const linPredict = (rows: number[][]) => rows.map((r) => lin[0] + r.reduce((a, v, j) => a + v * lin[j + 1], 0));
  const linTrain = mse(linPredict(xtr), s.yTrain);
  const linTest = mse(linPredict(xte), s.yTest);

  it("10-16-1 tanh LM fits the training set better than linear least squares (it can overfit)", () => {
    const m = mlp([10, 16, 1], { activation: "tanh", seed: 1 });
    m.fit(xtr, ytr, { optimizer: "levenbergMarquardt", epochs: 30, verbose: false });
    const train = mse(m.predict(xtr).map((p) => p[0] * ysd + ym), s.yTrain);
    expect(train).toBeLessThan(0.8 * linTrain);
  });

  it("with l2 = 10 (weight decay on the standardised problem) LM matches lstsq's test MSE within 5 %", () => {
    const m = mlp([10, 16, 1], { activation: "tanh", seed: 1 });
    m.fit(xtr, ytr, { optimizer: "levenbergMarquardt", epochs: 50, l2: 10, verbose: false });
    const test = mse(m.predict(xte).map((p) => p[0] * ysd + ym), s.yTest);
    expect(test).toBeLessThan(1.05 * linTest);
  });
});

describe("digits (1797 8x8 images), seeded 80/20 split", () => {
  it("64-64-10 relu/softmax MLP with Adam reaches >= 95 % test accuracy", () => {
    const d = loadCsv("digits.csv");
    const x = d.x.map((r) => r.map((v) => v / 16));
    const s = trainTestSplit(x, d.y, { testSize: 0.2, seed: 42 });
    const m = mlp([64, 64, 10], { activation: "relu", outputActivation: "softmax", init: "he", seed: 1 });
    const h = m.fit(s.xTrain, s.yTrain, { optimizer: { type: "adam", learningRate: 0.003 }, epochs: 30, batchSize: 32, seed: 1, verbose: false });
    expect(h.status).toBe("completed");
    const correct = m.predict(s.xTest).filter((p, i) => p.indexOf(Math.max(...p)) === s.yTest[i]).length;
    expect(correct / s.yTest.length).toBeGreaterThanOrEqual(0.95);
  });
});
