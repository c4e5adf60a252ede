/**
 * `npm run bench -- nn`: time to reach a target training loss, measured in the same run:
 * lsqkit Levenberg-Marquardt vs lsqkit Adam vs @tensorflow/tfjs Adam (CPU backend, and the
 * wasm backend when it loads under Node), on sinc(10x) (1-20-1 tanh, 200 points, target
 * MSE 1e-4) and diabetes (10-16-1 tanh, standardised, target MSE 0.45 on the 80 % split);
 * and the throughput of the per-sample Jacobian + J^T J path (samples/s).
 *
 * Same architecture, same data, same Xavier-style init family; Adam runs use lr 0.01 and
 * batch 32 for both libraries (tfjs in float32, lsqkit in f64). A run that does not reach the
 * target within its time cap is reported as "> cap". Wall times include everything per epoch
 * (lsqkit evaluates the exact training loss after every epoch; tfjs reports its running mean).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { mlp, trainTestSplit } from "../src/nn/index.js";
import { core } from "../src/wasm/module.js";
import { Workspace } from "../src/nn/workspace.js";
import { SecondOrder } from "../src/nn/train-second-order.js";
import { resolveOptimizer } from "../src/nn/optimizers.js";
import { makePlan } from "../src/nn/plan.js";

const CAP_MS = Number(process.env.NN_BENCH_CAP_MS ?? 6000);

interface Problem {
  name: string;
  sizes: number[];
  x: number[][];
  y: number[];
  target: number;
}

function sincProblem(): Problem {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = -1 + (2 * i) / 199;
    x.push([t]);
    y.push(t === 0 ? 1 : Math.sin(10 * t) / (10 * t));
  }
  return { name: "sinc 1-20-1", sizes: [1, 20, 1], x, y, target: 1e-4 };
}

function diabetesProblem(): Problem {
  const url = new URL("../../../data/ml/diabetes.csv", import.meta.url);
  let text: string;
  try {
    text = readFileSync(url, "utf8");
  } catch {
    text = readFileSync(new URL("../data/ml/diabetes.csv", import.meta.url), "utf8");
  }
  const rows = text.trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
  const s = trainTestSplit(rows.map((r) => r.slice(0, 10)), rows.map((r) => r[10]), { testSize: 0.2, seed: 42 });
  const n = s.xTrain.length;
  const mean = s.xTrain[0].map((_, j) => s.xTrain.reduce((a, r) => a + r[j], 0) / n);
  const sd = s.xTrain[0].map((_, j) => Math.sqrt(s.xTrain.reduce((a, r) => a + (r[j] - mean[j]) ** 2, 0) / n));
  const ym = s.yTrain.reduce((a, b) => a + b, 0) / n;
  const ysd = Math.sqrt(s.yTrain.reduce((a, b) => a + (b - ym) ** 2, 0) / n);
  return { name: "diabetes 10-16-1", sizes: [10, 16, 1], x: s.xTrain.map((r) => r.map((v, j) => (v - mean[j]) / sd[j])), y: s.yTrain.map((v) => (v - ym) / ysd), target: 0.45 };
}

interface Outcome {
  ms: number;
  reached: boolean;
  epochs: number;
  loss: number;
}

function lsqkitRun(p: Problem, optimizer: "levenbergMarquardt" | "adam", seed: number): Outcome {
  const m = mlp(p.sizes, { activation: "tanh", seed });
  const t0 = performance.now();
  const h = m.fit(p.x, p.y, {
    optimizer: optimizer === "adam" ? { type: "adam", learningRate: 0.01 } : "levenbergMarquardt",
    batchSize: optimizer === "adam" ? 32 : undefined,
    epochs: 1_000_000,
    targetLoss: p.target,
    timeoutMs: CAP_MS,
    seed,
    verbose: false,
  });
  return { ms: performance.now() - t0, reached: h.status === "targetReached", epochs: h.epochs, loss: h.loss[h.loss.length - 1] };
}

async function tfjsRun(p: Problem, seed: number): Promise<Outcome> {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: p.sizes[1], activation: "tanh", inputShape: [p.sizes[0]], kernelInitializer: tf.initializers.glorotUniform({ seed }) }));
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  model.compile({ optimizer: tf.train.adam(0.01), loss: "meanSquaredError" });
  const xs = tf.tensor2d(p.x);
  const ys = tf.tensor2d(p.y.map((v) => [v]));
  let reached = false;
  let epochs = 0;
  let loss = NaN;
  const t0 = performance.now();
  // Chunks of epochs; after each chunk the exact full-batch loss is evaluated (cheap here).
  const chunk = 10;
  while (performance.now() - t0 < CAP_MS) {
    await model.fit(xs, ys, { epochs: chunk, batchSize: 32, shuffle: true, verbose: 0 });
    epochs += chunk;
    const l = tf.tidy(() => (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0]);
    loss = l;
    if (l <= p.target) {
      reached = true;
      break;
    }
  }
  const ms = performance.now() - t0;
  xs.dispose();
  ys.dispose();
  model.dispose();
  return { ms, reached, epochs, loss };
}

const fmt = (o: Outcome) => (o.reached ? `${o.ms.toFixed(0)} ms (${o.epochs} ep)` : `> ${(o.ms / 1000).toFixed(0)} s (loss ${o.loss.toExponential(1)})`);
const medianOf = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

async function timeToTarget(): Promise<void> {
  let wasmOk = false;
  try {
    await import("@tensorflow/tfjs-backend-wasm");
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
    const { setWasmPaths } = (await import("@tensorflow/tfjs-backend-wasm")) as unknown as { setWasmPaths(p: string): void };
    setWasmPaths(join(dist, "/") + "/");
    wasmOk = await tf.setBackend("wasm");
  } catch (e) {
    console.log(`(tfjs wasm backend unavailable: ${(e as Error).message})`);
  }
  const backends = wasmOk ? ["cpu", "wasm"] : ["cpu"];
  const seeds = [1, 2, 3];
  console.log(`\n## Time to target training MSE (median of seeds ${seeds.join(", ")}; cap ${CAP_MS / 1000} s per run)\n`);
  console.log(`| problem | target | lsqkit LM | lsqkit Adam | ${backends.map((b) => `tfjs Adam (${b})`).join(" | ")} | ${backends.map((b) => `tfjs-${b} / LM`).join(" | ")} |`);
  console.log(`|---|---|---|---|${backends.map(() => "---|").join("")}${backends.map(() => "---|").join("")}`);
  for (const p of [sincProblem(), diabetesProblem()]) {
    const lm = seeds.map((s) => lsqkitRun(p, "levenbergMarquardt", s));
    const ad = seeds.map((s) => lsqkitRun(p, "adam", s));
    const tfr: Outcome[][] = [];
    for (const b of backends) {
      await tf.setBackend(b);
      const r: Outcome[] = [];
      for (const s of seeds) r.push(await tfjsRun(p, s));
      tfr.push(r);
    }
    const med = (o: Outcome[]) => [...o].sort((a, b) => a.ms - b.ms)[Math.floor(o.length / 2)];
    const lmMed = medianOf(lm.map((o) => o.ms));
    const ratio = (o: Outcome[]) => {
      const t = medianOf(o.map((x) => x.ms));
      const all = o.every((x) => x.reached);
      return `${all ? "" : ">= "}${(t / lmMed).toFixed(0)}x`;
    };
    console.log(`| ${p.name} | ${p.target} | ${fmt(med(lm))} | ${fmt(med(ad))} | ${tfr.map((r) => fmt(med(r))).join(" | ")} | ${tfr.map(ratio).join(" | ")} |`);
  }
}

function jacobianThroughput(): void {
  console.log("\n## Per-sample Jacobian + J^T J / J^T r accumulation (wasm, one pass over N samples)\n");
  console.log("| net | P | outputs | N | ms | samples/s | rows/s (N*k) |");
  console.log("|---|---|---|---|---|---|---|");
  const { arena } = core();
  const cases: [number[], "tanh" | "softmax", number][] = [
    [[1, 20, 1], "tanh", 20000],
    [[10, 32, 1], "tanh", 20000],
    [[64, 8, 10], "softmax", 5000],
    [[64, 16, 10], "softmax", 2000],
  ];
  for (const [sizes, out, N] of cases) {
    const layers = sizes.slice(1).map((u, i) => ({ units: u, activation: (i === sizes.length - 2 ? (out === "softmax" ? "softmax" : "linear") : "tanh") as "tanh", trainable: true, dropout: 0 }));
    const plan = makePlan(sizes[0], layers);
    const k = plan.outputSize;
    const mark = arena.mark();
    try {
      const ws = new Workspace(plan, 256);
      const so = new SecondOrder(ws, resolveOptimizer("levenbergMarquardt"), out === "softmax" ? "crossEntropy" : "mse", 0, false);
      const theta = Float64Array.from({ length: plan.paramCount }, (_, i) => Math.sin(i) * 0.3);
      const x = Float64Array.from({ length: N * sizes[0] }, (_, i) => Math.cos(i * 0.7));
      const y = new Float64Array(N * k);
      for (let s = 0; s < N; s++) y[s * k + (s % k)] = out === "softmax" ? 1 : Math.sin(s);
      const data = { x, y, n: N, inputs: sizes[0], outputs: k };
      ws.setParams(theta);
      so.accumulate(data, null, 0, Math.min(N, 500), theta); // warm-up
      let best = Infinity;
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        so.accumulate(data, null, 0, N, theta);
        best = Math.min(best, performance.now() - t0);
      }
      console.log(`| ${sizes.join("-")} ${out === "softmax" ? "(GGN CE)" : "(MSE)"} | ${plan.paramCount} | ${k} | ${N} | ${best.toFixed(1)} | ${((N / best) * 1000).toExponential(2)} | ${(((N * k) / best) * 1000).toExponential(2)} |`);
    } finally {
      arena.release(mark);
    }
  }
}

await timeToTarget();
jacobianThroughput();
export {};
