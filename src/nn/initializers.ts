/**
 * Weight initialisers from a seeded PRNG. Biases start at 0.
 * - xavier (Glorot & Bengio 2010): W ~ U(-s, s), s = sqrt(6 / (fanIn + fanOut)).
 * - he (He et al. 2015): W ~ N(0, 2 / fanIn) (for relu-like activations).
 */
import { LsqError, describeValue } from "../errors.js";
import type { Prng } from "./prng.js";

export type InitName = "xavier" | "he";
export const INITS: readonly InitName[] = Object.freeze(["xavier", "he"]);

export function checkInit(v: unknown, where: string): InitName {
  if (typeof v !== "string" || !(INITS as readonly string[]).includes(v)) {
    throw new LsqError("INVALID_ARGUMENT", `${where}: unknown init ${describeValue(v)} (known: ${INITS.join(", ")})`);
  }
  return v as InitName;
}

/** Fills W (fanIn x fanOut at `offset`) and zeroes the following fanOut biases. */
export function initDense(params: Float64Array, offset: number, fanIn: number, fanOut: number, init: InitName, rng: Prng): void {
  const n = fanIn * fanOut;
  if (init === "he") {
    const sd = Math.sqrt(2 / fanIn);
    for (let i = 0; i < n; i++) params[offset + i] = sd * rng.normal();
  } else {
    const s = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < n; i++) params[offset + i] = s * (2 * rng.next() - 1);
  }
  params.fill(0, offset + n, offset + n + fanOut);
}
