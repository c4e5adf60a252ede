// Exact powers of two and binary exponents (src/linalg/binary-exponent.ts), checked
// against powers of two built by repeated exact doubling/halving, and by the
// defining inequalities 2^e <= |x| < 2^(e+1).
import { describe, expect, it } from "vitest";
import { binaryExponent, powerOfTwo, roundLog2 } from "../src/linalg/binary-exponent.js";

/** 2^k by repeated multiplication by 2 or 1/2 (each step exact until under/overflow) */
function slowPow2(k: number): number {
  let v = 1;
  if (k >= 0) for (let i = 0; i < k; i++) v *= 2;
  else for (let i = 0; i < -k; i++) v *= 0.5;
  return v;
}

/** seeded LCG in [0, 1) */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe("powerOfTwo", () => {
  it("equals 2^k built by exact doubling/halving for every k in [-1080, 1030]", () => {
    for (let k = -1080; k <= 1030; k++) expect(Object.is(powerOfTwo(k), slowPow2(k)), `k = ${k}`).toBe(true);
  });
});

describe("binaryExponent / roundLog2", () => {
  it("binaryExponent satisfies 2^e <= |x| < 2^(e+1), at powers of two, their neighbours, subnormals and random values", () => {
    const xs: number[] = [Number.MIN_VALUE, 3 * Number.MIN_VALUE, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, -1, -0.75];
    for (let k = -1074; k <= 1023; k++) {
      const p = slowPow2(k);
      xs.push(p, p * (1 + Number.EPSILON), p * (1 - Number.EPSILON / 2));
    }
    const r = rng(7);
    for (let i = 0; i < 2000; i++) xs.push((r() - 0.5) * slowPow2(Math.floor((r() - 0.5) * 2000)));
    for (const x of xs) {
      if (x === 0) continue;
      const e = binaryExponent(x);
      expect(Number.isInteger(e)).toBe(true);
      expect(slowPow2(e) <= Math.abs(x), `x = ${x}, e = ${e}`).toBe(true);
      if (e < 1023) expect(Math.abs(x) < slowPow2(e + 1), `x = ${x}, e = ${e}`).toBe(true);
    }
  });

  it("roundLog2 rounds at sqrt 2 exactly (Math.SQRT2 > sqrt 2 > its predecessor)", () => {
    const below = 1.414213562373095; // the double just below Math.SQRT2
    for (const k of [-1074, -1060, -1022, -3, 0, 5, 1000]) {
      const p = slowPow2(k);
      if (k >= -1022) {
        // (subnormal multiples of sqrt 2 round to other significands, so only normals here)
        expect(roundLog2(below * p)).toBe(k);
        expect(roundLog2(Math.SQRT2 * p)).toBe(k + 1);
      }
      expect(roundLog2(p)).toBe(k);
      expect(roundLog2(-p)).toBe(k);
    }
  });

  it("roundLog2 is within 1/2 of log2|x| on random values (engine log2 as a loose reference)", () => {
    const r = rng(11);
    for (let i = 0; i < 2000; i++) {
      const x = (0.01 + r()) * slowPow2(Math.floor((r() - 0.5) * 1000));
      expect(Math.abs(Math.log2(x) - roundLog2(x))).toBeLessThanOrEqual(0.5 + 1e-12);
    }
  });
});
