/** What a `fit` returns: per-epoch numbers and how the run ended. */

/**
 * - completed      all epochs ran
 * - targetReached  training loss <= targetLoss
 * - earlyStopped   the monitored value did not improve for `patience` epochs
 * - stopped        onEpochEnd returned 'stop'
 * - diverged       the loss became non-finite; weights are those of the last finite epoch
 * - dampingLimit   LM could not decrease the loss with damping <= dampingMax (a minimum, or stuck)
 * - timeout        timeoutMs elapsed
 */
export type FitStatus = "completed" | "targetReached" | "earlyStopped" | "stopped" | "diverged" | "dampingLimit" | "timeout";

export interface EpochLogs {
  epoch: number;
  /** training loss (data term only, no L1/L2) on the whole training set after the epoch */
  loss: number;
  valLoss?: number;
  mse: number;
  valMse?: number;
  accuracy?: number;
  valAccuracy?: number;
  /** first-order optimizers: the learning rate used in this epoch */
  learningRate?: number;
  /** LM / GN: the damping after the epoch */
  damping?: number;
  /** wall time of the epoch (ms) */
  timeMs: number;
}

export interface History {
  status: FitStatus;
  message: string;
  /** number of epochs run */
  epochs: number;
  loss: number[];
  valLoss: number[];
  metrics: { mse: number[]; valMse: number[]; accuracy: number[]; valAccuracy: number[] };
  learningRate: number[];
  damping: number[];
  timeMs: number[];
  /** epoch (0-based) with the best monitored value (early stopping) or lowest loss */
  bestEpoch: number;
  /** loss before the first epoch */
  initialLoss: number;
  totalTimeMs: number;
  logs: EpochLogs[];
}

export function newHistory(initialLoss: number): History {
  return {
    status: "completed",
    message: "",
    epochs: 0,
    loss: [],
    valLoss: [],
    metrics: { mse: [], valMse: [], accuracy: [], valAccuracy: [] },
    learningRate: [],
    damping: [],
    timeMs: [],
    bestEpoch: -1,
    initialLoss,
    totalTimeMs: 0,
    logs: [],
  };
}

export function record(h: History, l: EpochLogs): void {
  h.epochs++;
  h.logs.push(l);
  h.loss.push(l.loss);
  if (l.valLoss !== undefined) h.valLoss.push(l.valLoss);
  h.metrics.mse.push(l.mse);
  if (l.valMse !== undefined) h.metrics.valMse.push(l.valMse);
  if (l.accuracy !== undefined) h.metrics.accuracy.push(l.accuracy);
  if (l.valAccuracy !== undefined) h.metrics.valAccuracy.push(l.valAccuracy);
  if (l.learningRate !== undefined) h.learningRate.push(l.learningRate);
  if (l.damping !== undefined) h.damping.push(l.damping);
  h.timeMs.push(l.timeMs);
}

/** One human-readable progress line. */
export function formatLogs(l: EpochLogs, epochs: number): string {
  const f = (v: number) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toFixed(6) : v.toExponential(4));
  let s = `epoch ${l.epoch + 1}/${epochs}  loss ${f(l.loss)}`;
  if (l.accuracy !== undefined) s += `  acc ${(100 * l.accuracy).toFixed(2)}%`;
  if (l.valLoss !== undefined) s += `  val_loss ${f(l.valLoss)}`;
  if (l.valAccuracy !== undefined) s += `  val_acc ${(100 * l.valAccuracy).toFixed(2)}%`;
  if (l.learningRate !== undefined) s += `  lr ${l.learningRate.toExponential(2)}`;
  if (l.damping !== undefined) s += `  mu ${l.damping.toExponential(2)}`;
  s += `  ${l.timeMs.toFixed(0)} ms`;
  return s;
}
