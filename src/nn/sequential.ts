/** `sequential([dense(...), ...])`: a model from layer descriptions, initialised from a seeded PRNG. */
import { LsqError, describeValue } from "../errors.js";
import { checkOptionKeys } from "../linalg/matrix.js";
import { Model } from "./model.js";
import type { DenseLayer } from "./dense.js";
import { Prng } from "./prng.js";
import { checkInit, initDense, type InitName } from "./initializers.js";
import { makePlan } from "./plan.js";

export interface SequentialOptions {
  /** Seed of the weight initialiser (default 0). */
  seed?: number;
  /** 'xavier' (default; Glorot uniform) or 'he' (He normal, for relu). */
  init?: InitName;
}

export const SEQUENTIAL_DEFAULTS = Object.freeze({ seed: 0, init: "xavier" as InitName });

export function sequential(layers: DenseLayer[], options: SequentialOptions = {}): Model {
  checkOptionKeys(options, ["seed", "init"], "sequential");
  if (!Array.isArray(layers) || layers.length === 0) throw new LsqError("INVALID_ARGUMENT", `sequential: layers must be a non-empty array of dense(...) layers, got ${describeValue(layers)}`);
  layers.forEach((l, i) => {
    if (!l || l.type !== "dense") throw new LsqError("INVALID_ARGUMENT", `sequential: layers[${i}] must be made by dense({...}), got ${describeValue(l)}`);
    if (l.activation === "softmax" && i !== layers.length - 1) throw new LsqError("INVALID_ARGUMENT", `sequential: softmax is only allowed on the last layer (layers[${i}])`);
  });
  const inputSize = layers[0].inputSize;
  if (inputSize === undefined) throw new LsqError("INVALID_ARGUMENT", "sequential: the first layer needs inputSize");
  for (let i = 1; i < layers.length; i++) {
    const want = layers[i - 1].units;
    if (layers[i].inputSize !== undefined && layers[i].inputSize !== want) {
      throw new LsqError("SHAPE_MISMATCH", `sequential: layers[${i}].inputSize is ${layers[i].inputSize}, but layers[${i - 1}] has ${want} units`);
    }
  }
  const seed = options.seed ?? SEQUENTIAL_DEFAULTS.seed;
  if (typeof seed !== "number" || !Number.isFinite(seed)) throw new LsqError("INVALID_ARGUMENT", `sequential: seed must be a finite number, got ${describeValue(seed)}`);
  const init = checkInit(options.init ?? SEQUENTIAL_DEFAULTS.init, "sequential");
  const plan = makePlan(inputSize, layers);
  const params = new Float64Array(plan.paramCount);
  const rng = new Prng(seed);
  for (const L of plan.layers) initDense(params, L.offset, L.nin, L.nout, init, rng);
  return new Model(inputSize, layers, params);
}
