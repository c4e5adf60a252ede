import { LsqError } from "../../src/errors.js";

/** Runs f and returns the LsqError it throws; fails the test if it returns or throws anything else. */
export function lsqErrorOf(f: () => unknown): LsqError {
  try {
    f();
  } catch (e) {
    if (e instanceof LsqError) return e;
    throw new Error(`expected an LsqError, got ${String(e)}`);
  }
  throw new Error("expected an LsqError, but the call returned");
}
