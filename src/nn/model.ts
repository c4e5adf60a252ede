/**
 * Model: a stack of dense layers with a flat parameter vector (per layer W then b).
 * Built by `sequential([...dense()])` or `mlp(sizes)`; trained by `fit`;
 * saved by `toJSON` / `loadModel`.
 */
import { LsqError, describeValue } from "../errors.js";
import { core } from "../wasm/module.js";
import { Workspace } from "./workspace.js";
import { makePlan, type NetPlan } from "./plan.js";
import { toInputs } from "./data.js";
import { fitNetwork, type FitOptions } from "./fit.js";
import type { History } from "./history.js";
import type { DenseLayer } from "./dense.js";
import type { ActivationName } from "./activations.js";

/** Rows per forward block in predict (bounds the arena use). */
const PREDICT_BLOCK = 1024;

export interface ModelJSON {
  format: "lsqkit-model";
  version: 1;
  inputSize: number;
  layers: { type: "dense"; units: number; activation: ActivationName; trainable: boolean; dropout: number }[];
  /** all parameters, layer by layer (W row-major inputSize x units, then b); JSON numbers round-trip doubles exactly */
  params: number[];
}

export class Model {
  private layerSpecs: DenseLayer[];
  /** @internal resolved structure */
  plan: NetPlan;
  /** @internal the flat parameter vector (fit updates it in place) */
  readonly params: Float64Array;

  /** @internal use sequential() / mlp() / loadModel() */
  constructor(inputSize: number, layers: DenseLayer[], params: Float64Array) {
    this.layerSpecs = layers.map((l) => ({ ...l }));
    this.plan = makePlan(inputSize, this.layerSpecs);
    if (params.length !== this.plan.paramCount) throw new LsqError("SHAPE_MISMATCH", `model: ${params.length} parameters given, the layers need ${this.plan.paramCount}`);
    this.params = params;
  }

  get inputSize(): number {
    return this.plan.inputSize;
  }
  get outputSize(): number {
    return this.plan.outputSize;
  }
  /** Total number of parameters (weights and biases). */
  get paramCount(): number {
    return this.plan.paramCount;
  }
  /** Parameters that training may change (layers with trainable: true). */
  get trainableParamCount(): number {
    return this.plan.trainableCount;
  }
  /** A copy of the layer descriptions. */
  get layers(): DenseLayer[] {
    return this.layerSpecs.map((l) => ({ ...l, inputSize: undefined }));
  }

  /** Freezes (false) or unfreezes (true) layer `index` for later fits (fine-tuning). */
  setTrainable(index: number, trainable: boolean): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.layerSpecs.length) {
      throw new LsqError("INVALID_ARGUMENT", `setTrainable: layer index must be in 0..${this.layerSpecs.length - 1}, got ${describeValue(index)}`);
    }
    if (typeof trainable !== "boolean") throw new LsqError("INVALID_ARGUMENT", `setTrainable: trainable must be a boolean, got ${describeValue(trainable)}`);
    this.layerSpecs[index].trainable = trainable;
    this.plan = makePlan(this.plan.inputSize, this.layerSpecs);
  }

  /** A copy of all parameters (flat, layer by layer: W row-major, then b). */
  getWeights(): Float64Array {
    return new Float64Array(this.params);
  }

  /** Replaces all parameters (copied). */
  setWeights(w: ArrayLike<number>): void {
    if (w === null || typeof w !== "object" || w.length !== this.paramCount) {
      throw new LsqError("SHAPE_MISMATCH", `setWeights: expected ${this.paramCount} numbers, got ${describeValue(w)}`);
    }
    for (let i = 0; i < w.length; i++) {
      if (typeof w[i] !== "number" || !Number.isFinite(w[i])) throw new LsqError("NON_FINITE", `setWeights: weights[${i}] must be a finite number, got ${describeValue(w[i])}`);
    }
    this.params.set(w);
  }

  /** Weights W (inputs x units, as rows) and bias b of layer `index`. */
  layerWeights(index: number): { weights: number[][]; bias: number[] } {
    const L = this.plan.layers[index];
    if (!L) throw new LsqError("INVALID_ARGUMENT", `layerWeights: no layer ${describeValue(index)}`);
    const weights: number[][] = [];
    for (let i = 0; i < L.nin; i++) weights.push(Array.from(this.params.subarray(L.offset + i * L.nout, L.offset + (i + 1) * L.nout)));
    return { weights, bias: Array.from(this.params.subarray(L.offset + L.nin * L.nout, L.offset + L.size)) };
  }

  /** Outputs for each row of x (number[][] or { rows, cols, data }), one row of outputSize numbers each. */
  predict(x: unknown): number[][] {
    const { data, rows } = toInputs(x, "x", this.inputSize);
    const { arena } = core();
    const mark = arena.mark();
    try {
      const ws = new Workspace(this.plan, Math.min(rows, PREDICT_BLOCK));
      ws.setParams(this.params);
      const k = this.outputSize;
      const out: number[][] = [];
      for (let s0 = 0; s0 < rows; s0 += ws.cap) {
        const b = Math.min(ws.cap, rows - s0);
        ws.loadRows(data, null, s0, b);
        ws.forward(b);
        const f = arena.f64;
        const o = ws.output >>> 3;
        for (let r = 0; r < b; r++) out.push(Array.from(f.subarray(o + r * k, o + r * k + k)));
      }
      return out;
    } finally {
      arena.release(mark);
    }
  }

  /** Trains the trainable parameters in place; see FitOptions. */
  fit(x: unknown, y: unknown, options?: FitOptions): History {
    return fitNetwork(this, x, y, options);
  }

  /** A plain JSON-able description; `loadModel(model.toJSON())` predicts bit-identically. */
  toJSON(): ModelJSON {
    return {
      format: "lsqkit-model",
      version: 1,
      inputSize: this.inputSize,
      layers: this.layerSpecs.map((l) => ({ type: "dense", units: l.units, activation: l.activation, trainable: l.trainable, dropout: l.dropout })),
      params: Array.from(this.params),
    };
  }

  /** A table of layers, output shapes and parameter counts (Keras-like). */
  summary(): string {
    const rows: string[][] = [["#", "layer", "output", "activation", "params", "trainable"]];
    this.plan.layers.forEach((l, i) => rows.push([String(i), `dense ${l.nin}->${l.nout}`, `[${l.nout}]`, l.activation, String(l.size), l.trainable ? "yes" : "no"]));
    const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    const line = (r: string[]) => r.map((s, c) => (c === 4 ? s.padStart(w[c]) : s.padEnd(w[c]))).join("  ").trimEnd();
    const sep = "-".repeat(w.reduce((a, b) => a + b + 2, -2));
    return [line(rows[0]), sep, ...rows.slice(1).map(line), sep, `input size ${this.inputSize}; params ${this.paramCount} (trainable ${this.trainableParamCount}, frozen ${this.paramCount - this.trainableParamCount})`].join("\n");
  }
}
