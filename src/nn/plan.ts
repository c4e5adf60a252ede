/**
 * The resolved structure of a network as the wasm workspace uses it: per layer
 * its sizes, activation kind, where its W and b start in the flat parameter
 * vector, and (if trainable) where its columns start in the trainable-only
 * parameter vector (the columns of the per-sample Jacobian).
 */
import { ACTIVATION_KIND, LEAKY_RELU_SLOPE, type ActivationName } from "./activations.js";

export interface LayerPlan {
  nin: number;
  nout: number;
  activation: ActivationName;
  kind: number;
  alpha: number;
  softmax: boolean;
  trainable: boolean;
  dropout: number;
  /** start of W (nin x nout) in the flat parameter vector; b follows at offset + nin*nout */
  offset: number;
  /** nin*nout + nout */
  size: number;
  /** start of this layer's columns in the trainable parameter vector, -1 when frozen */
  column: number;
}

export interface NetPlan {
  layers: LayerPlan[];
  inputSize: number;
  outputSize: number;
  paramCount: number;
  trainableCount: number;
  /** [offset, length] ranges of trainable parameters in the flat vector */
  trainableRanges: [number, number][];
}

export function makePlan(inputSize: number, specs: { units: number; activation: ActivationName; trainable: boolean; dropout: number }[]): NetPlan {
  const layers: LayerPlan[] = [];
  let nin = inputSize;
  let offset = 0;
  let column = 0;
  const trainableRanges: [number, number][] = [];
  for (const s of specs) {
    const size = nin * s.units + s.units;
    layers.push({
      nin,
      nout: s.units,
      activation: s.activation,
      kind: ACTIVATION_KIND[s.activation],
      alpha: s.activation === "leakyRelu" ? LEAKY_RELU_SLOPE : 0,
      softmax: s.activation === "softmax",
      trainable: s.trainable,
      dropout: s.dropout,
      offset,
      size,
      column: s.trainable ? column : -1,
    });
    if (s.trainable) {
      trainableRanges.push([offset, size]);
      column += size;
    }
    offset += size;
    nin = s.units;
  }
  return { layers, inputSize, outputSize: nin, paramCount: offset, trainableCount: column, trainableRanges };
}
