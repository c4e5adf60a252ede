/**
 * The operations of compiled expressions: scalar values and exact local
 * partial derivatives (the chain-rule factors used by forward-mode AD).
 *
 * For an operation v = f(a, b) (b unused by unary functions; c a compile-time
 * constant, used by POWC):
 *
 *     partialA = df/da,   partialB = df/db
 *
 * Domain errors (log of a negative number, sqrt(-1), 0^-1) give NaN or
 * Infinity like Math does; they are never thrown: the solver treats a
 * non-finite residual as "cannot evaluate here" and rejects the step.
 *
 * The transcendental functions come from src/math/portable.ts, not Math:
 * engines differ in the last bits of Math.exp / log / pow / sin ..., and a
 * fit must give the same bits in Node, Deno, browsers and workerd.
 * sqrt, abs, min, max are IEEE-exact and stay on Math.
 */
import * as pm from "../../math/portable.js";
export const Op = {
  CONST: 0,
  PARAM: 1,
  VAR: 2,
  ADD: 3,
  SUB: 4,
  MUL: 5,
  DIV: 6,
  NEG: 7,
  /** a^c with c a compile-time constant */
  POWC: 8,
  /** a^b, both variable */
  POW: 9,
  EXP: 10,
  LOG: 11,
  LOG10: 12,
  SQRT: 13,
  SIN: 14,
  COS: 15,
  TAN: 16,
  ASIN: 17,
  ACOS: 18,
  ATAN: 19,
  SINH: 20,
  COSH: 21,
  TANH: 22,
  ABS: 23,
  ATAN2: 24,
  MIN: 25,
  MAX: 26,
} as const;

export type OpCode = (typeof Op)[keyof typeof Op];

/** Functions callable from expressions: name -> operation and number of arguments. */
export const FUNCTIONS: Readonly<Record<string, { op: OpCode; arity: number }>> = Object.freeze({
  exp: { op: Op.EXP, arity: 1 },
  log: { op: Op.LOG, arity: 1 },
  ln: { op: Op.LOG, arity: 1 },
  log10: { op: Op.LOG10, arity: 1 },
  sqrt: { op: Op.SQRT, arity: 1 },
  sin: { op: Op.SIN, arity: 1 },
  cos: { op: Op.COS, arity: 1 },
  tan: { op: Op.TAN, arity: 1 },
  asin: { op: Op.ASIN, arity: 1 },
  acos: { op: Op.ACOS, arity: 1 },
  atan: { op: Op.ATAN, arity: 1 },
  sinh: { op: Op.SINH, arity: 1 },
  cosh: { op: Op.COSH, arity: 1 },
  tanh: { op: Op.TANH, arity: 1 },
  abs: { op: Op.ABS, arity: 1 },
  pow: { op: Op.POW, arity: 2 },
  atan2: { op: Op.ATAN2, arity: 2 },
  min: { op: Op.MIN, arity: 2 },
  max: { op: Op.MAX, arity: 2 },
});

/** Named constants. `e` is only a constant when no parameter or variable is called `e`. */
export const CONSTANTS: Readonly<Record<string, number>> = Object.freeze({ pi: Math.PI, PI: Math.PI, e: Math.E });

const LN10 = Math.LN10;

/** a^c for a compile-time constant c; the common small integer powers by multiplication (exact sign for a < 0). */
export function powConst(a: number, c: number): number {
  if (c === 2) return a * a;
  if (c === 1) return a;
  if (c === -1) return 1 / a;
  return pm.pow(a, c);
}

/** Value of a non-leaf operation. */
export function scalarValue(op: number, a: number, b: number, c: number): number {
  switch (op) {
    case Op.ADD: return a + b;
    case Op.SUB: return a - b;
    case Op.MUL: return a * b;
    case Op.DIV: return a / b;
    case Op.NEG: return -a;
    case Op.POWC: return powConst(a, c);
    case Op.POW: return pm.pow(a, b);
    case Op.EXP: return pm.exp(a);
    case Op.LOG: return pm.log(a);
    case Op.LOG10: return pm.log10(a);
    case Op.SQRT: return Math.sqrt(a);
    case Op.SIN: return pm.sin(a);
    case Op.COS: return pm.cos(a);
    case Op.TAN: return pm.tan(a);
    case Op.ASIN: return pm.asin(a);
    case Op.ACOS: return pm.acos(a);
    case Op.ATAN: return pm.atan(a);
    case Op.SINH: return pm.sinh(a);
    case Op.COSH: return pm.cosh(a);
    case Op.TANH: return pm.tanh(a);
    case Op.ABS: return Math.abs(a);
    case Op.ATAN2: return pm.atan2(a, b);
    case Op.MIN: return Math.min(a, b);
    case Op.MAX: return Math.max(a, b);
    default: return NaN;
  }
}

/**
 * d(a^b)/da given v = a^b: b v / a saves a second pow; at a = 0 b a^(b-1), except b = 0, where
 * a^0 = 1 is constant in a (0 * Infinity would be NaN). Small and separate from partialA so the
 * tape's column loop inlines it (a double returned from a call V8 does not inline is boxed).
 */
export function powPartialA(a: number, b: number, v: number): number {
  return a !== 0 ? (b * v) / a : b === 0 ? 0 : b * pm.pow(a, b - 1);
}

/** d(a^b)/db = a^b ln a given v = a^b; its limit is 0 where a^b = 0 (a = 0, b > 0), where ln a = -Infinity. */
export function powPartialB(a: number, v: number): number {
  return v === 0 ? 0 : v * pm.log(a);
}

/** df/da at (a, b), given the value v = f(a, b). */
export function partialA(op: number, a: number, b: number, v: number, c: number): number {
  switch (op) {
    case Op.ADD: return 1;
    case Op.SUB: return 1;
    case Op.MUL: return b;
    case Op.DIV: return 1 / b;
    case Op.NEG: return -1;
    case Op.POWC:
      // d(a^c)/da = c a^(c-1); c = 0 is the constant 1 (avoid 0 * Infinity at a = 0).
      if (c === 0) return 0;
      if (c === 1) return 1;
      if (c === 2) return 2 * a;
      return c * powConst(a, c - 1);
    // b a^(b-1) = b v / a saves a second pow; at a = 0 (0/0) use the power itself.
    // at a = 0: b a^(b-1), except b = 0 where a^0 = 1 is constant in a (0 * Infinity would be NaN)
    case Op.POW: return powPartialA(a, b, v);
    case Op.EXP: return v;
    case Op.LOG: return 1 / a;
    case Op.LOG10: return 1 / (a * LN10);
    case Op.SQRT: return 0.5 / v;
    case Op.SIN: return pm.cos(a);
    case Op.COS: return -pm.sin(a);
    case Op.TAN: return 1 + v * v;
    case Op.ASIN: return 1 / Math.sqrt(1 - a * a);
    case Op.ACOS: return -1 / Math.sqrt(1 - a * a);
    case Op.ATAN: return 1 / (1 + a * a);
    case Op.SINH: return pm.cosh(a);
    case Op.COSH: return pm.sinh(a);
    case Op.TANH: return 1 - v * v;
    // |a|' = sign(a); 0 at the kink (a subgradient), NaN stays NaN.
    case Op.ABS: return a > 0 ? 1 : a < 0 ? -1 : a === 0 ? 0 : NaN;
    // atan2(y = a, x = b): d/dy = x / (x^2 + y^2)
    case Op.ATAN2: return b / (a * a + b * b);
    // Ties go to the first argument, the one Math.min/max returns.
    case Op.MIN: return a <= b ? 1 : 0;
    case Op.MAX: return a >= b ? 1 : 0;
    default: return NaN;
  }
}

/** df/db at (a, b), given the value v = f(a, b) (binary operations only). */
export function partialB(op: number, a: number, b: number, v: number): number {
  switch (op) {
    case Op.ADD: return 1;
    case Op.SUB: return -1;
    case Op.MUL: return a;
    case Op.DIV: return -v / b;
    // d(a^b)/db = a^b ln a; its limit is 0 where a^b = 0 (a = 0, b > 0), where ln a = -Infinity.
    case Op.POW: return powPartialB(a, v);
    case Op.ATAN2: return -a / (a * a + b * b);
    case Op.MIN: return a <= b ? 0 : 1;
    case Op.MAX: return a >= b ? 0 : 1;
    default: return NaN;
  }
}

/** True when the operation takes two operands. */
export function isBinary(op: number): boolean {
  return op === Op.ADD || op === Op.SUB || op === Op.MUL || op === Op.DIV || op === Op.POW || op === Op.ATAN2 || op === Op.MIN || op === Op.MAX;
}
