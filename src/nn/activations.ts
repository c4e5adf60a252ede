/**
 * Activation names, their wasm kind codes (assembly/nn.ts) and scalar reference
 * formulas (used by tests and by the TS side of softmax outputs).
 * gelu is the tanh approximation 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))
 * (Hendrycks & Gimpel 2016), the form tfjs and PyTorch's approximate='tanh' use.
 */
import { LsqError, describeValue } from "../errors.js";
import * as pm from "../math/portable.js";

export type ActivationName = "linear" | "tanh" | "sigmoid" | "relu" | "leakyRelu" | "gelu" | "softmax";

export const ACTIVATIONS: readonly ActivationName[] = Object.freeze(["linear", "tanh", "sigmoid", "relu", "leakyRelu", "gelu", "softmax"]);

/** Kind codes shared with assembly/nn.ts; softmax is handled by its own kernel (-1). */
export const ACTIVATION_KIND: Readonly<Record<ActivationName, number>> = Object.freeze({
  linear: 0,
  tanh: 1,
  sigmoid: 2,
  relu: 3,
  leakyRelu: 4,
  gelu: 5,
  softmax: -1,
});

/** Slope of leakyRelu for z < 0 (Keras default 0.3 is large; we use 0.01 like PyTorch). */
export const LEAKY_RELU_SLOPE = 0.01;

export function checkActivation(name: unknown, where: string): ActivationName {
  if (typeof name !== "string" || !(ACTIVATIONS as readonly string[]).includes(name)) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: unknown activation ${describeValue(name)} (known: ${ACTIVATIONS.join(", ")})`);
  }
  return name as ActivationName;
}

const GELU_C = 0.7978845608028654;
const GELU_K = 0.044715;

/** Scalar activation (element-wise kinds only). */
export function activate(name: ActivationName, z: number): number {
  switch (name) {
    case "linear":
      return z;
    case "tanh":
      return pm.tanh(z);
    case "sigmoid":
      return z >= 0 ? 1 / (1 + pm.exp(-z)) : pm.exp(z) / (1 + pm.exp(z));
    case "relu":
      return z > 0 ? z : 0;
    case "leakyRelu":
      return z > 0 ? z : LEAKY_RELU_SLOPE * z;
    case "gelu":
      return 0.5 * z * (1 + pm.tanh(GELU_C * (z + GELU_K * z * z * z)));
    default:
      throw new LsqError("INVALID_ARGUMENT", `activate: ${name} is not element-wise`);
  }
}
