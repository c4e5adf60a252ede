/**
 * The dense (fully connected) layer description: z = a W + b, out = act(z),
 * W stored input-major (inputSize x units, row-major) so a batch is one gemm
 * Z = A W (+ bias rows). Parameters of a layer: W then b.
 */
import { LsqError, describeValue } from "../errors.js";
import { checkOptionKeys } from "../linalg/matrix.js";
import { checkActivation, type ActivationName } from "./activations.js";

export interface DenseOptions {
  /** Number of outputs of the layer (>= 1). */
  units: number;
  /** Activation applied to z (default 'linear'). 'softmax' only on the last layer. */
  activation?: ActivationName;
  /** Inputs of the layer; required on the first layer of a `sequential`, checked on later ones. */
  inputSize?: number;
  /** false freezes W and b: training never changes them (bit-identical), LM/GN leave them out of J. */
  trainable?: boolean;
  /** Inverted dropout rate applied to this layer's output during first-order training (0 = off). */
  dropout?: number;
}

export interface DenseLayer {
  readonly type: "dense";
  readonly units: number;
  readonly activation: ActivationName;
  readonly inputSize: number | undefined;
  trainable: boolean;
  readonly dropout: number;
}

const KNOWN = ["units", "activation", "inputSize", "trainable", "dropout"] as const;

export function checkPositiveInt(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new LsqError("INVALID_ARGUMENT", `${what} must be a positive integer, got ${describeValue(v)}`);
  }
  return v;
}

/** A dense layer description for `sequential([...])`. */
export function dense(options: DenseOptions): DenseLayer {
  checkOptionKeys(options, KNOWN, "dense");
  if (options === undefined) throw new LsqError("INVALID_ARGUMENT", "dense: options { units } are required");
  const units = checkPositiveInt(options.units, "dense: units");
  const activation = checkActivation(options.activation ?? "linear", "dense");
  const inputSize = options.inputSize === undefined ? undefined : checkPositiveInt(options.inputSize, "dense: inputSize");
  const trainable = options.trainable ?? true;
  if (typeof trainable !== "boolean") throw new LsqError("INVALID_ARGUMENT", `dense: trainable must be a boolean, got ${describeValue(trainable)}`);
  const dropout = options.dropout ?? 0;
  if (typeof dropout !== "number" || !(dropout >= 0 && dropout < 1)) {
    throw new LsqError("INVALID_ARGUMENT", `dense: dropout must be in [0, 1), got ${describeValue(dropout)}`);
  }
  return { type: "dense", units, activation, inputSize, trainable, dropout };
}
