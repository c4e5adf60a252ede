/**
 * The training loop behind `model.fit`: option parsing (defaults in FIT_DEFAULTS),
 * validation split, epochs of first-order mini-batches or LM/GN iterations,
 * evaluation, history, early stopping, callbacks, divergence handling.
 */
import { LsqError, describeValue } from "../errors.js";
import { checkOptionKeys } from "../linalg/matrix.js";
import { core } from "../wasm/module.js";
import { check } from "../wasm/status.js";
import { Workspace } from "./workspace.js";
import type { NetPlan } from "./plan.js";
import { Prng } from "./prng.js";
import { blockStats, checkLoss, outputDelta, type LossName } from "./losses.js";
import { toInputs, toTargets, takeRows, type Dataset } from "./data.js";
import { FirstOrder, isSecondOrder, resolveOptimizer, type OptimizerOptions } from "./optimizers.js";
import { makeSchedule, type LearningRateSchedule } from "./schedules.js";
import { SecondOrder } from "./train-second-order.js";
import { formatLogs, newHistory, record, type EpochLogs, type FitStatus, type History } from "./history.js";

export interface EarlyStoppingOptions {
  /** 'valLoss' (default when validation data exist) or 'loss'. */
  monitor?: "loss" | "valLoss";
  /** Stop after this many epochs without improvement (default 10). */
  patience?: number;
  /** An epoch improves when value < best - minDelta (default 0). */
  minDelta?: number;
  /** On stopping, put back the weights of the best epoch (default true). */
  restoreBestWeights?: boolean;
}

export interface FitOptions {
  /** Optimizer name or { type, ...options } (default 'adam'). */
  optimizer?: OptimizerOptions;
  /** 'mse' or 'crossEntropy' (default: crossEntropy for a softmax output, else mse). */
  loss?: LossName;
  /** Number of passes over the training data (default 100). */
  epochs?: number;
  /** Rows per step (default 32 for first-order, all rows for LM/GN = one iteration per epoch). */
  batchSize?: number;
  /** Shuffle the training rows every epoch, seeded (default true; LM/GN full batch ignores it). */
  shuffle?: boolean;
  /** Seed for shuffling, validation split and dropout (default 0). */
  seed?: number;
  /**
   * Fraction of rows (the last ones, as Keras) held out for validation (default 0): the first
   * floor(n (1 - validationSplit)) rows train, the rest validate; an empty part is an LsqError
   * TOO_FEW_ROWS naming both counts.
   */
  validationSplit?: number;
  /** [x, y] held-out data; overrides validationSplit. */
  validationData?: [unknown, unknown];
  earlyStopping?: EarlyStoppingOptions;
  /** Learning-rate schedule over epochs (first-order optimizers). */
  learningRateSchedule?: LearningRateSchedule;
  /** L2 penalty l2/2 ||theta||^2 on trainable parameters (gradient += l2 theta; LM adds l2 to diag). */
  l2?: number;
  /** L1 penalty l1 ||theta||_1 (first-order only: gradient += l1 sign(theta)). */
  l1?: number;
  /** Rescale the gradient when its 2-norm exceeds clipNorm (first-order). */
  clipNorm?: number;
  /** Clamp every gradient entry to [-clipValue, clipValue] (first-order). */
  clipValue?: number;
  /** Average the gradients of this many batches before one update (default 1). */
  gradientAccumulationSteps?: number;
  /** Stop (status 'targetReached') once the training loss <= targetLoss. */
  targetLoss?: number;
  /** Stop (status 'timeout') after this wall time. */
  timeoutMs?: number;
  /**
   * Called after every epoch; returning 'stop' ends training (status 'stopped'); any other return
   * value than undefined or 'stop' is an LsqError INVALID_ARGUMENT naming onEpochEnd and the value.
   * An exception thrown by the callback propagates unchanged (the wasm memory of the fit is released
   * first); the model then holds the weights of the last finished epoch.
   */
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | "stop";
  /** Print one progress line per epoch (default: stdout is a TTY). */
  verbose?: boolean;
}

export const FIT_DEFAULTS = Object.freeze({
  optimizer: "adam" as OptimizerOptions,
  epochs: 100,
  firstOrderBatchSize: 32,
  shuffle: true,
  seed: 0,
  validationSplit: 0,
  l2: 0,
  l1: 0,
  gradientAccumulationSteps: 1,
  earlyStopping: Object.freeze({ patience: 10, minDelta: 0, restoreBestWeights: true }),
});

const FIT_KEYS = ["optimizer", "loss", "epochs", "batchSize", "shuffle", "seed", "validationSplit", "validationData", "earlyStopping", "learningRateSchedule", "l2", "l1", "clipNorm", "clipValue", "gradientAccumulationSteps", "targetLoss", "timeoutMs", "onEpochEnd", "verbose"] as const;

/** Rows of the evaluation / forward blocks. */
const EVAL_BLOCK = 256;

function num(v: unknown, what: string, check: (x: number) => boolean, need: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || !check(v)) throw new LsqError("INVALID_ARGUMENT", `fit: ${what} must be ${need}, got ${describeValue(v)}`);
  return v;
}

interface Evaluation {
  loss: number;
  mse: number;
  accuracy?: number;
}

function evaluate(ws: Workspace, data: Dataset, loss: LossName, classification: boolean): Evaluation {
  let sum = 0;
  let sse = 0;
  let correct = 0;
  for (let s0 = 0; s0 < data.n; s0 += ws.cap) {
    const b = Math.min(ws.cap, data.n - s0);
    ws.loadRows(data.x, null, s0, b);
    ws.forward(b);
    const st = blockStats(ws.arena.f64, ws.output, b, data.outputs, data.y, null, s0, loss, classification);
    sum += st.loss;
    sse += st.sse;
    correct += st.correct;
  }
  const mse = sse / (data.n * data.outputs);
  return { loss: loss === "mse" ? mse : sum / data.n, mse, accuracy: classification ? correct / data.n : undefined };
}

export interface FitTarget {
  plan: NetPlan;
  params: Float64Array;
}

export function fitNetwork(model: FitTarget, x: unknown, y: unknown, options: FitOptions = {}): History {
  checkOptionKeys(options, FIT_KEYS, "fit");
  const plan = model.plan;
  const last = plan.layers[plan.layers.length - 1];
  for (let l = 0; l < plan.layers.length - 1; l++) {
    if (plan.layers[l].softmax) throw new LsqError("INVALID_ARGUMENT", `fit: softmax is only allowed on the output layer (layer ${l} has it)`);
  }
  const loss = checkLoss(options.loss ?? (last.softmax ? "crossEntropy" : "mse"), "fit: loss");
  if (loss === "crossEntropy" && !last.softmax) throw new LsqError("INVALID_ARGUMENT", "fit: loss 'crossEntropy' needs a softmax output layer");
  const classification = loss === "crossEntropy";
  const spec = resolveOptimizer(options.optimizer ?? FIT_DEFAULTS.optimizer);
  const second = isSecondOrder(spec.type);
  const epochs = num(options.epochs ?? FIT_DEFAULTS.epochs, "epochs", (v) => Number.isInteger(v) && v >= 0, "a non-negative integer");
  const seed = num(options.seed ?? FIT_DEFAULTS.seed, "seed", () => true, "a finite number");
  const l2 = num(options.l2 ?? FIT_DEFAULTS.l2, "l2", (v) => v >= 0, ">= 0");
  const l1 = num(options.l1 ?? FIT_DEFAULTS.l1, "l1", (v) => v >= 0, ">= 0");
  if (second && l1 > 0) throw new LsqError("INVALID_ARGUMENT", `fit: l1 is not supported by ${spec.type} (not least squares); use l2 or a first-order optimizer`);
  const clipNorm = options.clipNorm === undefined ? 0 : num(options.clipNorm, "clipNorm", (v) => v > 0, "> 0");
  const clipValue = options.clipValue === undefined ? 0 : num(options.clipValue, "clipValue", (v) => v > 0, "> 0");
  const accumSteps = num(options.gradientAccumulationSteps ?? FIT_DEFAULTS.gradientAccumulationSteps, "gradientAccumulationSteps", (v) => Number.isInteger(v) && v >= 1, "a positive integer");
  const targetLoss = options.targetLoss === undefined ? -Infinity : num(options.targetLoss, "targetLoss", () => true, "a number");
  const timeoutMs = options.timeoutMs === undefined ? Infinity : num(options.timeoutMs, "timeoutMs", (v) => v > 0, "> 0");
  const shuffle = options.shuffle ?? FIT_DEFAULTS.shuffle;
  if (typeof shuffle !== "boolean") throw new LsqError("INVALID_ARGUMENT", `fit: shuffle must be a boolean, got ${describeValue(shuffle)}`);
  if (options.onEpochEnd !== undefined && typeof options.onEpochEnd !== "function") throw new LsqError("INVALID_ARGUMENT", `fit: onEpochEnd must be a function, got ${describeValue(options.onEpochEnd)}`);
  const verbose = options.verbose ?? (typeof process !== "undefined" && !!process.stdout?.isTTY);

  // ---- data -----------------------------------------------------------------
  const xin = toInputs(x, "x", plan.inputSize);
  const yin = toTargets(y, "y", xin.rows, plan.outputSize, loss);
  let train: Dataset = { x: xin.data, y: yin, n: xin.rows, inputs: plan.inputSize, outputs: plan.outputSize };
  let val: Dataset | null = null;
  if (options.validationData !== undefined) {
    const vd = options.validationData;
    if (!Array.isArray(vd) || vd.length !== 2) throw new LsqError("INVALID_ARGUMENT", `fit: validationData must be [x, y], got ${describeValue(vd)}`);
    const vx = toInputs(vd[0], "validationData[0]", plan.inputSize);
    val = { x: vx.data, y: toTargets(vd[1], "validationData[1]", vx.rows, plan.outputSize, loss), n: vx.rows, inputs: plan.inputSize, outputs: plan.outputSize };
  } else if (options.validationSplit !== undefined && options.validationSplit !== 0) {
    const vs = num(options.validationSplit, "validationSplit", (v) => v > 0 && v < 1, "in [0, 1)");
    // Keras's split point: the first floor(n (1 - split)) rows train, the rest validate
    const nTr = Math.floor(train.n * (1 - vs));
    const nVal = train.n - nTr;
    if (nTr < 1 || nVal < 1) {
      throw new LsqError("TOO_FEW_ROWS", `fit: validationSplit ${vs} of ${train.n} rows leaves ${nTr} training and ${nVal} validation rows; both parts need at least one row`);
    }
    const ti = Array.from({ length: nTr }, (_, i) => i);
    const vi = Array.from({ length: nVal }, (_, i) => nTr + i);
    val = { x: takeRows(train.x, plan.inputSize, vi), y: takeRows(train.y, plan.outputSize, vi), n: nVal, inputs: plan.inputSize, outputs: plan.outputSize };
    train = { x: takeRows(train.x, plan.inputSize, ti), y: takeRows(train.y, plan.outputSize, ti), n: nTr, inputs: plan.inputSize, outputs: plan.outputSize };
  }
  const batchSize =
    options.batchSize === undefined
      ? second
        ? train.n
        : Math.min(train.n, FIT_DEFAULTS.firstOrderBatchSize)
      : Math.min(train.n, num(options.batchSize, "batchSize", (v) => Number.isInteger(v) && v >= 1, "a positive integer"));

  // ---- early stopping -----------------------------------------------------------
  const es = options.earlyStopping;
  let monitor: "loss" | "valLoss" = val ? "valLoss" : "loss";
  let patience = Infinity;
  let minDelta = 0;
  let restoreBest = false;
  if (es !== undefined) {
    checkOptionKeys(es, ["monitor", "patience", "minDelta", "restoreBestWeights"], "fit: earlyStopping");
    monitor = es.monitor ?? monitor;
    if (monitor !== "loss" && monitor !== "valLoss") throw new LsqError("INVALID_ARGUMENT", `fit: earlyStopping.monitor must be 'loss' or 'valLoss', got ${describeValue(monitor)}`);
    if (monitor === "valLoss" && !val) throw new LsqError("INVALID_ARGUMENT", "fit: earlyStopping.monitor 'valLoss' needs validationData or validationSplit");
    patience = num(es.patience ?? FIT_DEFAULTS.earlyStopping.patience, "earlyStopping.patience", (v) => Number.isInteger(v) && v >= 0, "a non-negative integer");
    minDelta = num(es.minDelta ?? FIT_DEFAULTS.earlyStopping.minDelta, "earlyStopping.minDelta", (v) => v >= 0, ">= 0");
    restoreBest = es.restoreBestWeights ?? FIT_DEFAULTS.earlyStopping.restoreBestWeights;
  }
  const schedule = makeSchedule(options.learningRateSchedule, epochs);

  // ---- workspace ------------------------------------------------------------------
  const theta = model.params; // updated in place; frozen entries are never written
  const { arena } = core();
  const mark = arena.mark();
  const t0 = performance.now();
  try {
    const hasDropout = !second && plan.layers.some((l) => l.dropout > 0);
    const cap = Math.max(1, Math.min(Math.max(train.n, val ? val.n : 0), Math.max(batchSize, EVAL_BLOCK)));
    const ws = new Workspace(plan, cap, hasDropout);
    const so = second ? new SecondOrder(ws, spec, loss, l2, classification) : null;
    const fo = second ? null : new FirstOrder(spec, plan.paramCount);
    const rng = new Prng(seed);
    const order = new Int32Array(train.n);
    for (let i = 0; i < train.n; i++) order[i] = i;
    const grad = new Float64Array(plan.paramCount);
    const gsum = new Float64Array(plan.paramCount);
    const lastGood = new Float64Array(theta);
    let best: Float64Array | null = null;
    let bestValue = Infinity;
    let bestEpoch = -1;
    let sinceBest = 0;

    ws.setParams(theta);
    const init = evaluate(ws, train, loss, classification);
    const h = newHistory(init.loss);
    let status: FitStatus = "completed";
    let message = `ran ${epochs} epochs`;
    if (plan.trainableCount === 0) {
      status = "completed";
      message = "no trainable parameters";
    }
    for (let epoch = 0; epoch < epochs && plan.trainableCount > 0; epoch++) {
      const te = performance.now();
      lastGood.set(theta);
      let lr: number | undefined;
      let stopByDamping = false;
      if (so) {
        const full = batchSize >= train.n;
        if (!full && shuffle) rng.shuffle(order);
        for (let s0 = 0; s0 < train.n; s0 += batchSize) {
          const b = Math.min(batchSize, train.n - s0);
          const res = so.iterate(theta, train, full ? null : order, s0, b);
          if (res.outcome === "dampingLimit" && full) stopByDamping = true;
        }
      } else {
        lr = schedule(epoch, fo!.learningRate);
        if (shuffle) rng.shuffle(order);
        let acc = 0;
        gsum.fill(0);
        for (let s0 = 0; s0 < train.n; s0 += batchSize) {
          const b = Math.min(batchSize, train.n - s0);
          ws.setParams(theta);
          ws.loadRows(train.x, order, s0, b);
          ws.forward(b, hasDropout ? rng : null);
          const f = ws.arena.f64;
          const scale = loss === "mse" ? 1 / (b * train.outputs) : 1 / b;
          const k = train.outputs;
          if (outputDelta(f, ws.dOut, ws.output, b, k, train.y, order, s0, loss, plan.layers[plan.layers.length - 1], scale)) {
            check("nn_activation_grad_f64", ws.ex.nn_activation_grad_f64(ws.dOut, k, ws.z[plan.layers.length - 1], k, ws.output, k, b, k, last.kind, last.alpha));
          }
          ws.backward(b);
          const g = ws.arena.f64;
          for (const [off, len] of plan.trainableRanges) {
            const o = (ws.grad >>> 3) + off;
            for (let i = 0; i < len; i++) gsum[off + i] += g[o + i];
          }
          acc++;
          if (acc < accumSteps && s0 + b < train.n) continue;
          let norm2 = 0;
          for (const [off, len] of plan.trainableRanges) {
            for (let i = off; i < off + len; i++) {
              let v = gsum[i] / acc;
              if (l2 > 0) v += l2 * theta[i];
              if (l1 > 0) v += l1 * Math.sign(theta[i]);
              if (clipValue > 0) v = Math.max(-clipValue, Math.min(clipValue, v));
              grad[i] = v;
              norm2 += v * v;
            }
          }
          if (clipNorm > 0 && Math.sqrt(norm2) > clipNorm) {
            const c = clipNorm / Math.sqrt(norm2);
            for (const [off, len] of plan.trainableRanges) for (let i = off; i < off + len; i++) grad[i] *= c;
          }
          fo!.step(theta, grad, lr, plan.trainableRanges);
          gsum.fill(0);
          acc = 0;
        }
      }
      ws.setParams(theta);
      const ev = evaluate(ws, train, loss, classification);
      if (!Number.isFinite(ev.loss) || !theta.every(Number.isFinite)) {
        theta.set(lastGood);
        status = "diverged";
        message = `loss became non-finite in epoch ${epoch}; weights are those before that epoch`;
        break;
      }
      const vev = val ? evaluate(ws, val, loss, classification) : null;
      const logs: EpochLogs = { epoch, loss: ev.loss, mse: ev.mse, timeMs: 0 };
      if (ev.accuracy !== undefined) logs.accuracy = ev.accuracy;
      if (vev) {
        logs.valLoss = vev.loss;
        logs.valMse = vev.mse;
        if (vev.accuracy !== undefined) logs.valAccuracy = vev.accuracy;
      }
      if (lr !== undefined) logs.learningRate = lr;
      if (so) logs.damping = so.mu;
      logs.timeMs = performance.now() - te;
      record(h, logs);
      if (verbose) console.log(formatLogs(logs, epochs));

      const value = monitor === "valLoss" && vev ? vev.loss : ev.loss;
      if (value < bestValue - minDelta || bestEpoch < 0) {
        bestValue = value;
        bestEpoch = epoch;
        sinceBest = 0;
        if (restoreBest) best = new Float64Array(theta);
      } else sinceBest++;

      const ret = options.onEpochEnd ? (options.onEpochEnd(epoch, { ...logs }) as unknown) : undefined;
      if (ret !== undefined && ret !== "stop") {
        throw new LsqError("INVALID_ARGUMENT", `fit: onEpochEnd returned ${describeValue(ret)} after epoch ${epoch}; it must return undefined or 'stop'`);
      }
      if (ret === "stop") {
        status = "stopped";
        message = `onEpochEnd returned 'stop' after epoch ${epoch}`;
        break;
      }
      if (ev.loss <= targetLoss) {
        status = "targetReached";
        message = `training loss ${ev.loss} <= targetLoss ${targetLoss} after epoch ${epoch}`;
        break;
      }
      if (es !== undefined && sinceBest >= patience) {
        status = "earlyStopped";
        message = `${monitor} did not improve by more than ${minDelta} for ${patience} epochs; best epoch ${bestEpoch}`;
        if (restoreBest && best) theta.set(best);
        break;
      }
      if (stopByDamping) {
        status = "dampingLimit";
        message = `damping exceeded dampingMax without decreasing the loss (epoch ${epoch}): a minimum or a stall`;
        break;
      }
      if (performance.now() - t0 > timeoutMs) {
        status = "timeout";
        message = `timeoutMs ${timeoutMs} elapsed after epoch ${epoch}`;
        break;
      }
    }
    h.status = status;
    h.message = message;
    h.bestEpoch = bestEpoch;
    h.totalTimeMs = performance.now() - t0;
    return h;
  } finally {
    arena.release(mark);
  }
}
