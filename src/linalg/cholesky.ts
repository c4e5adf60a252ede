/**
 * The safe TS face of the Cholesky kernels, on `Matrix` values (src/linalg/matrix.ts).
 *
 * Each call copies its inputs into the arena, runs the kernel and copies the result
 * out into fresh typed arrays: inputs are never mutated, nothing is kept in wasm
 * memory between calls. A matrix that is not positive definite is a numerical
 * result (`failedColumn > 0`), not an exception; a wrong shape is an LsqError.
 */
import { core } from "../wasm/module.js";
import { check } from "../wasm/status.js";
import { LsqError } from "../errors.js";
import type { Matrix } from "./matrix.js";

export interface CholeskyResult {
  /** Lower factor L with A = L L^T (strict upper triangle zero), or null when the factorisation failed. */
  factor: Matrix | null;
  /** 0 on success; else the 1-based column whose pivot was <= 0 or not finite. */
  failedColumn: number;
}

function checkSquare(a: Matrix, name: string): number {
  if (a.rows !== a.cols) throw new LsqError("SHAPE_MISMATCH", `${name} must be square, got ${a.rows} x ${a.cols}`);
  if (a.data.length !== a.rows * a.cols) throw new LsqError("SHAPE_MISMATCH", `${name}.data has length ${a.data.length}, expected ${a.rows * a.cols}`);
  return a.rows;
}

/** A = L L^T for symmetric positive definite A (only the lower triangle of A is read). */
export function choleskyFactor(a: Matrix): CholeskyResult {
  const n = checkSquare(a, "A");
  const { exports: k, arena } = core();
  const m = arena.mark();
  try {
    const p = arena.pushF64(a.data);
    const status = k.cholesky_f64(p, n, n);
    if (status !== 0) return { factor: null, failedColumn: status };
    const data = arena.readF64(p, n * n);
    for (let i = 0; i < n; i++) data.fill(0, i * n + i + 1, i * n + n);
    return { factor: { rows: n, cols: n, data }, failedColumn: 0 };
  } finally {
    arena.release(m);
  }
}

/** Solves (L L^T) x = b for x, given the factor from choleskyFactor. */
export function choleskySolve(factor: Matrix, b: ArrayLike<number>): Float64Array {
  const n = checkSquare(factor, "factor");
  if (b.length !== n) throw new LsqError("SHAPE_MISMATCH", `b has length ${b.length}, expected ${n} (the order of the factor)`);
  const { exports: k, arena } = core();
  const m = arena.mark();
  try {
    const pL = arena.pushF64(factor.data);
    const px = arena.pushF64(b);
    check("cholesky_solve_f64", k.cholesky_solve_f64(pL, n, px, n));
    return arena.readF64(px, n);
  } finally {
    arena.release(m);
  }
}

/** (L L^T)^{-1} as a full symmetric matrix (e.g. a covariance from J^T J), given the factor. */
export function choleskyInverse(factor: Matrix): Matrix {
  const n = checkSquare(factor, "factor");
  const { exports: k, arena } = core();
  const m = arena.mark();
  try {
    const pL = arena.pushF64(factor.data);
    const pO = arena.allocF64(n * n);
    check("cholesky_inverse_f64", k.cholesky_inverse_f64(pO, n, pL, n, n));
    return { rows: n, cols: n, data: arena.readF64(pO, n * n) };
  } finally {
    arena.release(m);
  }
}
