/**
 * What the CLI commands share: the output streams, file reading, and the
 * library functions they call (injected so that the commands can be tested
 * without the process and with stand-ins).
 */
import { readFileSync } from "node:fs";

export interface CliIo {
  out(s: string): void;
  err(s: string): void;
  /** reads a text file (default: fs.readFileSync(path, "utf8")) */
  readFile?(path: string): string;
}

/** Reads a file through io.readFile, else from disk; "-" is standard input. */
export function readText(io: CliIo, path: string): string {
  if (io.readFile) return io.readFile(path);
  return path === "-" ? readFileSync(0, "utf8") : readFileSync(path, "utf8");
}

/** The parts of FitResult the CLI reads. */
export interface FitResultLike {
  x: ArrayLike<number>;
  params?: Record<string, number>;
  stdErrors?: ArrayLike<number> | null;
  success: boolean;
  termination: string;
  reason?: string;
  iterations: number;
  report(): string;
  [key: string]: unknown;
}

export type CurveFitFn = (
  model: string,
  data: { x: number[] | Record<string, number[]>; y: number[]; sigma?: number[] },
  p0: Record<string, number>,
  options?: Record<string, unknown>,
) => FitResultLike;

export interface LinearFitLike {
  coefficients: ArrayLike<number>;
  stdErrors: ArrayLike<number> | null;
}

export interface CliLibrary {
  curveFit: CurveFitFn;
  lstsq?: (A: number[][], b: number[]) => LinearFitLike;
  polyfit?: (x: number[], y: number[], degree: number, options: { intercept: boolean }) => LinearFitLike;
}

/** Exit codes: 0 ok; 1 bad data / model / runtime error; 2 usage error; 3 the fit did not converge (report printed). */
export const EXIT = Object.freeze({ ok: 0, error: 1, usage: 2, notConverged: 3 });
