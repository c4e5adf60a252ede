/**
 * Learning-rate schedules (per epoch, epoch counted from 0):
 *   step         lr0 * factor^floor(epoch / stepSize)
 *   exponential  lr0 * decayRate^epoch
 *   cosine       minLearningRate + (lr0 - minLearningRate) (1 + cos(pi min(epoch, T) / T)) / 2,
 *                T = decayEpochs (default: the fit's epochs) (Loshchilov & Hutter 2017, no restarts)
 * A function (epoch, lr0) => lr is accepted too.
 */
import { LsqError, describeValue } from "../errors.js";
import { checkOptionKeys } from "../linalg/matrix.js";
import * as pm from "../math/portable.js";

export type LearningRateSchedule =
  | { type: "step"; stepSize: number; factor?: number }
  | { type: "exponential"; decayRate: number }
  | { type: "cosine"; decayEpochs?: number; minLearningRate?: number }
  | ((epoch: number, initialLearningRate: number) => number);

export const SCHEDULE_DEFAULTS = Object.freeze({ factor: 0.5, minLearningRate: 0 });

export function makeSchedule(s: unknown, epochs: number): (epoch: number, lr0: number) => number {
  if (s === undefined) return (_e, lr0) => lr0;
  if (typeof s === "function") return s as (e: number, lr0: number) => number;
  const type = s !== null && typeof s === "object" ? (s as { type?: unknown }).type : undefined;
  const num = (v: unknown, what: string): number => {
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) throw new LsqError("INVALID_ARGUMENT", `fit: learningRateSchedule.${what} must be a positive number, got ${describeValue(v)}`);
    return v;
  };
  switch (type) {
    case "step": {
      checkOptionKeys(s as object, ["type", "stepSize", "factor"], "fit: learningRateSchedule 'step'");
      const o = s as { stepSize: number; factor?: number };
      const size = num(o.stepSize, "stepSize");
      const factor = num(o.factor ?? SCHEDULE_DEFAULTS.factor, "factor");
      return (e, lr0) => lr0 * pm.pow(factor, Math.floor(e / size));
    }
    case "exponential": {
      checkOptionKeys(s as object, ["type", "decayRate"], "fit: learningRateSchedule 'exponential'");
      const rate = num((s as { decayRate: number }).decayRate, "decayRate");
      return (e, lr0) => lr0 * pm.pow(rate, e);
    }
    case "cosine": {
      checkOptionKeys(s as object, ["type", "decayEpochs", "minLearningRate"], "fit: learningRateSchedule 'cosine'");
      const o = s as { decayEpochs?: number; minLearningRate?: number };
      const T = num(o.decayEpochs ?? Math.max(1, epochs), "decayEpochs");
      const lo = o.minLearningRate ?? SCHEDULE_DEFAULTS.minLearningRate;
      if (typeof lo !== "number" || !(lo >= 0)) throw new LsqError("INVALID_ARGUMENT", `fit: learningRateSchedule.minLearningRate must be >= 0, got ${describeValue(lo)}`);
      return (e, lr0) => lo + ((lr0 - lo) * (1 + pm.cos((Math.PI * Math.min(e, T)) / T))) / 2;
    }
    default:
      throw new LsqError("INVALID_ARGUMENT", `fit: unknown learningRateSchedule type ${describeValue(type)} (known: step, exponential, cosine, or a function)`);
  }
}
