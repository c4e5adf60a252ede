/** `mlp([in, hidden..., out], options)`: a fully connected net in one call. */
import { LsqError, describeValue } from "../errors.js";
import { checkOptionKeys } from "../linalg/matrix.js";
import { checkActivation, type ActivationName } from "./activations.js";
import { dense, checkPositiveInt } from "./dense.js";
import type { InitName } from "./initializers.js";
import { sequential } from "./sequential.js";
import type { Model } from "./model.js";

export interface MlpOptions {
  /** Activation of the hidden layers (default 'tanh'). */
  activation?: ActivationName;
  /** Activation of the output layer (default 'linear'). */
  outputActivation?: ActivationName;
  /** Seed of the weight initialiser (default 0). */
  seed?: number;
  /** 'xavier' (default) or 'he'. */
  init?: InitName;
  /** Dropout rate after each hidden layer (first-order training only; default 0). */
  dropout?: number;
}

export const MLP_DEFAULTS = Object.freeze({ activation: "tanh" as ActivationName, outputActivation: "linear" as ActivationName, dropout: 0 });

export function mlp(sizes: number[], options: MlpOptions = {}): Model {
  checkOptionKeys(options, ["activation", "outputActivation", "seed", "init", "dropout"], "mlp");
  if (!Array.isArray(sizes) || sizes.length < 2) throw new LsqError("INVALID_ARGUMENT", `mlp: sizes must list at least [inputs, outputs], got ${describeValue(sizes)}`);
  sizes.forEach((s, i) => checkPositiveInt(s, `mlp: sizes[${i}]`));
  const act = checkActivation(options.activation ?? MLP_DEFAULTS.activation, "mlp: activation");
  if (act === "softmax") throw new LsqError("INVALID_ARGUMENT", "mlp: softmax is only allowed as outputActivation");
  const outAct = checkActivation(options.outputActivation ?? MLP_DEFAULTS.outputActivation, "mlp: outputActivation");
  const dropout = options.dropout ?? MLP_DEFAULTS.dropout;
  const layers = [];
  for (let i = 1; i < sizes.length; i++) {
    const lastLayer = i === sizes.length - 1;
    layers.push(dense({ units: sizes[i], activation: lastLayer ? outAct : act, inputSize: i === 1 ? sizes[0] : undefined, dropout: lastLayer ? 0 : dropout }));
  }
  return sequential(layers, { seed: options.seed, init: options.init });
}
