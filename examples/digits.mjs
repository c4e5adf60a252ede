// Digits (1797 8x8 images, 10 classes), seeded 80/20 split: a 64-64-10 relu/softmax MLP
// with Adam, and small nets (64-8-10, 64-16-10 tanh/softmax) trained with Levenberg-Marquardt
// on the generalized Gauss-Newton matrix of the cross-entropy.
// Run: npm run build && node examples/digits.mjs   (SKIP_LM=1 for Adam only)
import { readFileSync } from "node:fs";
import { mlp, trainTestSplit } from "lsqkit/nn";

const lines = readFileSync(new URL("../data/ml/digits.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
const rows = lines.map((l) => l.split(",").map(Number));
const X = rows.map((r) => r.slice(0, 64).map((v) => v / 16));
const Y = rows.map((r) => r[64]);
const s = trainTestSplit(X, Y, { testSize: 0.2, seed: 42 });
const accuracy = (model) => model.predict(s.xTest).filter((p, i) => p.indexOf(Math.max(...p)) === s.yTest[i]).length / s.yTest.length;

console.log(`split: ${s.xTrain.length} train / ${s.xTest.length} test (seed 42)`);
console.log("model                         | params | epochs | test acc | ms");
const runs = [
  ["Adam 64-64-10 relu", [64, 64, 10], "relu", { optimizer: { type: "adam", learningRate: 0.003 }, epochs: 30, batchSize: 32 }],
];
if (!process.env.SKIP_LM) {
  runs.push(["LM (GGN) 64-8-10 tanh", [64, 8, 10], "tanh", { optimizer: "levenbergMarquardt", epochs: 15 }]);
  runs.push(["LM (GGN) 64-8-10 tanh, l2 1", [64, 8, 10], "tanh", { optimizer: "levenbergMarquardt", epochs: 15, l2: 1 }]);
  runs.push(["LM (GGN) 64-16-10 tanh", [64, 16, 10], "tanh", { optimizer: "levenbergMarquardt", epochs: 10 }]);
}
for (const [name, sizes, activation, options] of runs) {
  const model = mlp(sizes, { activation, outputActivation: "softmax", init: activation === "relu" ? "he" : "xavier", seed: 1 });
  const t = performance.now();
  const h = model.fit(s.xTrain, s.yTrain, { seed: 1, verbose: false, ...options });
  const ms = performance.now() - t;
  console.log(`${name.padEnd(29)} | ${String(model.paramCount).padStart(6)} | ${String(h.epochs).padStart(6)} | ${(100 * accuracy(model)).toFixed(2).padStart(7)}% | ${ms.toFixed(0)}`);
}
