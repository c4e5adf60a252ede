/**
 * Training data as the loops use it: X (n x inputs) and Y (n x outputs) as
 * flat Float64Arrays, validated once. Class labels (integers) become one-hot
 * rows of Y for crossEntropy. Also the seeded train / validation / test split helper.
 */
import { LsqError, describeValue } from "../errors.js";
import { toMatrix, toVector, type MatrixInput } from "../linalg/matrix.js";
import { Prng } from "./prng.js";
import type { LossName } from "./losses.js";

export interface Dataset {
  x: Float64Array;
  y: Float64Array;
  n: number;
  inputs: number;
  outputs: number;
}

/** Validates x against the model's input size. */
export function toInputs(x: unknown, name: string, inputs: number): { data: Float64Array; rows: number } {
  const m = toMatrix(x, name);
  if (m.cols !== inputs) throw new LsqError("SHAPE_MISMATCH", `${name} has ${m.cols} columns, but the model expects ${inputs} inputs`);
  return { data: m.data, rows: m.rows };
}

function isRows(y: unknown): boolean {
  return Array.isArray(y) && y.length > 0 && typeof y[0] === "object" && y[0] !== null;
}

/**
 * Validates targets: for mse number[] (one output) or number[][] / {rows, cols, data};
 * for crossEntropy integer labels in [0, outputs) or rows of a target distribution.
 */
export function toTargets(y: unknown, name: string, rows: number, outputs: number, loss: LossName): Float64Array {
  const matrixLike = isRows(y) || (typeof y === "object" && y !== null && !Array.isArray(y) && !ArrayBuffer.isView(y) && "rows" in (y as object));
  if (matrixLike) {
    const m = toMatrix(y as MatrixInput, name);
    if (m.rows !== rows) throw new LsqError("SHAPE_MISMATCH", `${name} has ${m.rows} rows, but x has ${rows}`);
    if (m.cols !== outputs) throw new LsqError("SHAPE_MISMATCH", `${name} has ${m.cols} columns, but the model has ${outputs} outputs`);
    if (loss === "crossEntropy") checkDistributions(m.data, rows, outputs, name);
    return m.data;
  }
  const v = toVector(y, name);
  if (v.length !== rows) throw new LsqError("SHAPE_MISMATCH", `${name} has ${v.length} entries, but x has ${rows} rows`);
  if (loss === "crossEntropy" && outputs > 1) {
    const out = new Float64Array(rows * outputs);
    for (let i = 0; i < rows; i++) {
      const c = v[i];
      if (!Number.isInteger(c) || c < 0 || c >= outputs) {
        throw new LsqError("INVALID_ARGUMENT", `${name}[${i}] must be a class label in 0..${outputs - 1}, got ${describeValue(c)}`);
      }
      out[i * outputs + c] = 1;
    }
    return out;
  }
  if (outputs !== 1) throw new LsqError("SHAPE_MISMATCH", `${name} is a vector, but the model has ${outputs} outputs (pass rows of ${outputs} values)`);
  return v;
}

/**
 * crossEntropy targets given as rows must be probability distributions: entries >= 0, each row
 * summing to 1 within 1e-6 (one-hot rows and softmax outputs pass).
 * Anything else makes -sum t log p unbounded below or meaningless, so it is bad input.
 */
function checkDistributions(t: Float64Array, rows: number, cols: number, name: string): void {
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let c = 0; c < cols; c++) {
      const v = t[i * cols + c];
      if (!(v >= 0)) throw new LsqError("INVALID_ARGUMENT", `${name}[${i}][${c}] = ${describeValue(v)}: crossEntropy targets must be probabilities (>= 0, each row summing to 1) or integer class labels`);
      sum += v;
    }
    if (!(Math.abs(sum - 1) <= 1e-6)) {
      throw new LsqError("INVALID_ARGUMENT", `${name}[${i}] sums to ${sum}: crossEntropy targets must be probability rows summing to 1 (within 1e-6) or integer class labels`);
    }
  }
}

/** Rows `idx` of a flat (n x cols) matrix, as a new flat array. */
export function takeRows(src: Float64Array, cols: number, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length * cols);
  for (let r = 0; r < idx.length; r++) out.set(src.subarray(idx[r] * cols, idx[r] * cols + cols), r * cols);
  return out;
}

export interface TrainTestSplitOptions {
  /** Fraction of rows in the test part, in (0, 1) (default 0.2): the test part gets round(testSize * n) rows. */
  testSize?: number;
  /**
   * Fraction of rows in the validation part, in [0, 1) (default 0 = no validation part):
   * the validation part gets round(validationSize * n) rows; testSize + validationSize must be < 1.
   */
  validationSize?: number;
  /** Seed of the shuffle (default 0). */
  seed?: number;
  /** Shuffle before splitting (default true). */
  shuffle?: boolean;
}

export interface TrainTestSplit<X, Y> {
  xTrain: X[];
  yTrain: Y[];
  /** present only when validationSize > 0 */
  xValidation?: X[];
  yValidation?: Y[];
  xTest: X[];
  yTest: Y[];
  /** original row indices of each part */
  trainIndex: number[];
  validationIndex?: number[];
  testIndex: number[];
}

const SPLIT_OPTIONS = ["testSize", "validationSize", "seed", "shuffle"];

/**
 * Seeded shuffle-and-split of paired rows into train / validation / test
 * (scikit-learn's train_test_split, extended with an optional validation part).
 * After one seeded shuffle of the row order, the first round(testSize * n) rows
 * go to test, the next round(validationSize * n) to validation, the rest to train;
 * so with validationSize 0 (the default) the result is the plain two-way split, and
 * the test part for a given seed does not change when a validation part is added.
 * Every part must be non-empty (else LsqError naming the option and the row counts).
 * Inputs are not mutated; rows are not copied deeply.
 */
export function trainTestSplit<X, Y>(x: ArrayLike<X>, y: ArrayLike<Y>, options: TrainTestSplitOptions = {}): TrainTestSplit<X, Y> {
  for (const k of Object.keys(options)) {
    if (!SPLIT_OPTIONS.includes(k)) throw new LsqError("UNKNOWN_OPTION", `trainTestSplit: unknown option ${JSON.stringify(k)} (known: ${SPLIT_OPTIONS.join(", ")})`);
  }
  if (x === null || typeof x !== "object" || typeof x.length !== "number") throw new LsqError("INVALID_ARGUMENT", `trainTestSplit: x must be an array, got ${describeValue(x)}`);
  if (y === null || typeof y !== "object" || typeof y.length !== "number") throw new LsqError("INVALID_ARGUMENT", `trainTestSplit: y must be an array, got ${describeValue(y)}`);
  const n = x.length;
  if (y.length !== n) throw new LsqError("SHAPE_MISMATCH", `trainTestSplit: y has ${y.length} entries, but x has ${n} rows`);
  const testSize = options.testSize ?? 0.2;
  const validationSize = options.validationSize ?? 0;
  if (typeof testSize !== "number" || !(testSize > 0 && testSize < 1)) throw new LsqError("INVALID_ARGUMENT", `trainTestSplit: testSize must be in (0, 1), got ${describeValue(testSize)}`);
  if (typeof validationSize !== "number" || !(validationSize >= 0 && validationSize < 1)) {
    throw new LsqError("INVALID_ARGUMENT", `trainTestSplit: validationSize must be 0 (no validation part) or in (0, 1), got ${describeValue(validationSize)}`);
  }
  if (!(testSize + validationSize < 1)) {
    throw new LsqError("INVALID_ARGUMENT", `trainTestSplit: testSize + validationSize must be < 1 to leave training rows, got ${testSize} + ${validationSize} = ${testSize + validationSize}`);
  }
  const nTest = Math.round(testSize * n);
  const nValidation = Math.round(validationSize * n);
  const nTrain = n - nTest - nValidation;
  const counts = `(${n} rows -> ${nTrain} train, ${nValidation} validation, ${nTest} test)`;
  if (nTest < 1) throw new LsqError("TOO_FEW_ROWS", `trainTestSplit: testSize ${testSize} leaves the test part empty ${counts}`);
  if (validationSize > 0 && nValidation < 1) throw new LsqError("TOO_FEW_ROWS", `trainTestSplit: validationSize ${validationSize} leaves the validation part empty ${counts}`);
  if (nTrain < 1) throw new LsqError("TOO_FEW_ROWS", `trainTestSplit: testSize ${testSize} + validationSize ${validationSize} leave the train part empty ${counts}`);
  const order = Array.from({ length: n }, (_, i) => i);
  if (options.shuffle ?? true) new Prng(options.seed ?? 0).shuffle(order);
  const testIndex = order.slice(0, nTest);
  const validationIndex = order.slice(nTest, nTest + nValidation);
  const trainIndex = order.slice(nTest + nValidation);
  const out: TrainTestSplit<X, Y> = {
    xTrain: trainIndex.map((i) => x[i]),
    yTrain: trainIndex.map((i) => y[i]),
    xTest: testIndex.map((i) => x[i]),
    yTest: testIndex.map((i) => y[i]),
    trainIndex,
    testIndex,
  };
  if (validationSize > 0) {
    out.xValidation = validationIndex.map((i) => x[i]);
    out.yValidation = validationIndex.map((i) => y[i]);
    out.validationIndex = validationIndex;
  }
  return out;
}
