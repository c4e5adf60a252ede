// sinc(10x) on 200 points in [-1, 1] with a 1-20-1 tanh MLP: Levenberg-Marquardt
// (200 epochs) against Adam given 100x more epochs (20 000), seeds 1..5.
// Run: npm run build && node examples/sinc.mjs   (ADAM_SEEDS=1 for a quicker run)
import { mlp } from "lsqkit/nn";

const x = [];
const y = [];
for (let i = 0; i < 200; i++) {
  const t = -1 + (2 * i) / 199;
  x.push([t]);
  y.push(t === 0 ? 1 : Math.sin(10 * t) / (10 * t));
}
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const adamSeeds = Number(process.env.ADAM_SEEDS ?? 5);

console.log("seed | LM MSE (200 ep) | LM ms | Adam MSE (20000 ep) final / best epoch | Adam ms");
const lm = [];
const adam = [];
for (let seed = 1; seed <= 5; seed++) {
  let t = performance.now();
  const a = mlp([1, 20, 1], { activation: "tanh", seed });
  const h = a.fit(x, y, { optimizer: "levenbergMarquardt", epochs: 200, verbose: false });
  const lmMs = performance.now() - t;
  lm.push(h.loss.at(-1));
  let adamCell = "-";
  let adamMs = "-";
  if (seed <= adamSeeds) {
    t = performance.now();
    const b = mlp([1, 20, 1], { activation: "tanh", seed });
    const hb = b.fit(x, y, { optimizer: { type: "adam", learningRate: 0.01 }, epochs: 20000, batchSize: 32, seed, verbose: false });
    adamMs = (performance.now() - t).toFixed(0);
    adam.push(hb.loss.at(-1));
    adamCell = `${hb.loss.at(-1).toExponential(2)} / ${Math.min(...hb.loss).toExponential(2)}`;
  }
  console.log(`${seed}    | ${h.loss.at(-1).toExponential(2)}        | ${lmMs.toFixed(0).padStart(5)} | ${adamCell.padEnd(38)} | ${adamMs}`);
}
console.log(`median: LM ${median(lm).toExponential(2)}${adam.length ? `, Adam ${median(adam).toExponential(2)}` : ""}`);
