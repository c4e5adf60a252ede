// Diabetes (442 x 10, raw features standardised with training statistics): a 10-16-1 tanh
// MLP trained with Levenberg-Marquardt beside linear least squares (lstsq) on the same
// seeded 80/20 split. Run: npm run build && node examples/diabetes.mjs
import { readFileSync } from "node:fs";
import { lstsq } from "lsqkit";
import { mlp, trainTestSplit } from "lsqkit/nn";

const lines = readFileSync(new URL("../data/ml/diabetes.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
const rows = lines.map((l) => l.split(",").map(Number));
const X = rows.map((r) => r.slice(0, 10));
const Y = rows.map((r) => r[10]);
const s = trainTestSplit(X, Y, { testSize: 0.2, seed: 42 });

const mean = X[0].map((_, j) => s.xTrain.reduce((a, r) => a + r[j], 0) / s.xTrain.length);
const sd = X[0].map((_, j) => Math.sqrt(s.xTrain.reduce((a, r) => a + (r[j] - mean[j]) ** 2, 0) / s.xTrain.length));
const scale = (rows) => rows.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
const xtr = scale(s.xTrain);
const xte = scale(s.xTest);
const yMean = s.yTrain.reduce((a, b) => a + b, 0) / s.yTrain.length;
const ySd = Math.sqrt(s.yTrain.reduce((a, b) => a + (b - yMean) ** 2, 0) / s.yTrain.length);
const mse = (pred, y) => pred.reduce((a, p, i) => a + (p - y[i]) ** 2, 0) / y.length;

const lin = lstsq(xtr.map((r) => [1, ...r]), s.yTrain).coefficients;
const linPred = (rows) => rows.map((r) => lin[0] + r.reduce((a, v, j) => a + v * lin[j + 1], 0));
console.log(`split: ${s.xTrain.length} train / ${s.xTest.length} test (seed 42)`);
console.log("model                                   | train MSE | test MSE | ms");
console.log(`lstsq linear regression (11 params)     | ${mse(linPred(xtr), s.yTrain).toFixed(1).padStart(9)} | ${mse(linPred(xte), s.yTest).toFixed(1).padStart(8)} |`);

const runs = [
  ["LM 10-16-1, 30 epochs", { epochs: 30 }],
  ["LM 10-16-1, l2 = 10, 50 epochs", { epochs: 50, l2: 10 }],
  ["LM 10-16-1, early stopping (val 20 %)", { epochs: 100, validationSplit: 0.2, earlyStopping: { patience: 5, restoreBestWeights: true } }],
  ["Adam 10-16-1, 500 epochs", { epochs: 500, optimizer: { type: "adam", learningRate: 0.01 }, batchSize: 32 }],
];
for (const [name, options] of runs) {
  const model = mlp([10, 16, 1], { activation: "tanh", seed: 1 });
  const t = performance.now();
  model.fit(xtr, s.yTrain.map((v) => (v - yMean) / ySd), { optimizer: "levenbergMarquardt", verbose: false, ...options });
  const ms = performance.now() - t;
  const p = (rows) => model.predict(rows).map((o) => o[0] * ySd + yMean);
  console.log(`${name.padEnd(39)} | ${mse(p(xtr), s.yTrain).toFixed(1).padStart(9)} | ${mse(p(xte), s.yTest).toFixed(1).padStart(8)} | ${ms.toFixed(0)}`);
}
