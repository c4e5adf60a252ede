/**
 * Dense row-major matrices as the public API accepts them, and their validation.
 *
 * Users pass `number[][]` (an array of rows) or `{ rows, cols, data }` with a
 * row-major Float64Array/number[]; vectors as `number[]` or any typed array.
 * Validation copies once into a fresh Float64Array (user arrays are never
 * mutated) and throws an LsqError naming the argument, row, column and value.
 */
import { LsqError, describeValue } from "../errors.js";

export interface Matrix {
  rows: number;
  cols: number;
  /** row-major, length rows * cols */
  data: Float64Array;
}

export interface MatrixLike {
  rows: number;
  cols: number;
  data: ArrayLike<number>;
}

export type MatrixInput = ArrayLike<ArrayLike<number>> | MatrixLike;

function isMatrixLike(a: unknown): a is MatrixLike {
  return typeof a === "object" && a !== null && !Array.isArray(a) && "rows" in a && "cols" in a && "data" in a;
}

function checkDim(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new LsqError("INVALID_ARGUMENT", `${what} must be a non-negative integer, got ${describeValue(v)}`);
  }
  return v;
}

/** Validates and copies a matrix argument. `allowNonFinite` is for callers with a nan policy of their own. */
export function toMatrix(a: unknown, name: string, opts: { allowNonFinite?: boolean } = {}): Matrix {
  if (isMatrixLike(a)) {
    const rows = checkDim(a.rows, `${name}.rows`);
    const cols = checkDim(a.cols, `${name}.cols`);
    const src = a.data;
    if (src === null || typeof src !== "object" || typeof (src as ArrayLike<number>).length !== "number") {
      throw new LsqError("INVALID_ARGUMENT", `${name}.data must be an array of numbers, got ${describeValue(src)}`);
    }
    if (src.length !== rows * cols) {
      throw new LsqError("SHAPE_MISMATCH", `${name}.data has length ${src.length}, expected rows * cols = ${rows} * ${cols} = ${rows * cols}`);
    }
    if (rows === 0 || cols === 0) throw new LsqError("EMPTY_INPUT", `${name} is empty (${rows} x ${cols})`);
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = src[i * cols + j];
        if (typeof v !== "number" || (!opts.allowNonFinite && !Number.isFinite(v))) {
          throw new LsqError(typeof v === "number" ? "NON_FINITE" : "INVALID_ARGUMENT", `${name}[${i}][${j}] (row ${i}, column ${j}) must be a finite number, got ${describeValue(v)}`);
        }
        data[i * cols + j] = v;
      }
    }
    return { rows, cols, data };
  }
  if (a === null || typeof a !== "object" || typeof (a as ArrayLike<unknown>).length !== "number") {
    throw new LsqError("INVALID_ARGUMENT", `${name} must be an array of rows (number[][]) or { rows, cols, data }, got ${describeValue(a)}`);
  }
  const arr = a as ArrayLike<ArrayLike<number>>;
  const rows = arr.length;
  if (rows === 0) throw new LsqError("EMPTY_INPUT", `${name} has no rows`);
  const first = arr[0];
  if (first === null || typeof first !== "object" || typeof first.length !== "number") {
    throw new LsqError("INVALID_ARGUMENT", `${name}[0] must be an array of numbers (a row), got ${describeValue(first)}`);
  }
  const cols = first.length;
  if (cols === 0) throw new LsqError("EMPTY_INPUT", `${name}[0] has no columns`);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = arr[i];
    if (row === null || typeof row !== "object" || typeof row.length !== "number") {
      throw new LsqError("INVALID_ARGUMENT", `${name}[${i}] must be an array of numbers (a row), got ${describeValue(row)}`);
    }
    if (row.length !== cols) {
      throw new LsqError("SHAPE_MISMATCH", `${name}[${i}] has ${row.length} columns, but row 0 has ${cols} (ragged rows)`);
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== "number" || (!opts.allowNonFinite && !Number.isFinite(v))) {
        throw new LsqError(typeof v === "number" ? "NON_FINITE" : "INVALID_ARGUMENT", `${name}[${i}][${j}] (row ${i}, column ${j}) must be a finite number, got ${describeValue(v)}`);
      }
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}

/** Validates and copies a vector argument; `length` (if given) must match. */
export function toVector(a: unknown, name: string, length?: number, opts: { allowNonFinite?: boolean } = {}): Float64Array {
  if (a === null || typeof a !== "object" || typeof (a as ArrayLike<unknown>).length !== "number") {
    throw new LsqError("INVALID_ARGUMENT", `${name} must be an array of numbers, got ${describeValue(a)}`);
  }
  const arr = a as ArrayLike<unknown>;
  if (length !== undefined && arr.length !== length) {
    throw new LsqError("SHAPE_MISMATCH", `${name} has length ${arr.length}, expected ${length}`);
  }
  if (arr.length === 0) throw new LsqError("EMPTY_INPUT", `${name} is empty`);
  const out = new Float64Array(arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v !== "number" || (!opts.allowNonFinite && !Number.isFinite(v))) {
      throw new LsqError(typeof v === "number" ? "NON_FINITE" : "INVALID_ARGUMENT", `${name}[${i}] must be a finite number, got ${describeValue(v)}`);
    }
    out[i] = v;
  }
  return out;
}

/** Throws UNKNOWN_OPTION for keys of `options` not in `known` (typos must not pass silently). */
export function checkOptionKeys(options: object | undefined, known: readonly string[], where: string): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object") {
    throw new LsqError("INVALID_ARGUMENT", `${where}: options must be an object, got ${describeValue(options)}`);
  }
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) {
      throw new LsqError("UNKNOWN_OPTION", `${where}: unknown option ${JSON.stringify(k)} (known: ${known.join(", ")})`);
    }
  }
}
