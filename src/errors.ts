/**
 * LsqError: thrown for bad input only (never for numerical trouble, which is
 * reported in results). `code` is a stable machine-readable tag; the message
 * names the argument, the row/column and the offending value.
 */
export type LsqErrorCode =
  | "INVALID_ARGUMENT"
  | "NON_FINITE"
  | "SHAPE_MISMATCH"
  | "EMPTY_INPUT"
  | "TOO_FEW_ROWS"
  | "UNKNOWN_OPTION"
  | "PARSE_ERROR"
  | "NOT_INITIALIZED"
  | "WASM_ERROR";

// A registered symbol brands every LsqError, so `instanceof LsqError` holds across copies of the
// class: the ESM and CJS builds loaded side by side (the dual-package hazard), or two bundles.
const BRAND = Symbol.for("lsqkit.LsqError");

export class LsqError extends Error {
  readonly code: LsqErrorCode;
  constructor(code: LsqErrorCode, message: string) {
    super(message);
    this.name = "LsqError";
    this.code = code;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** Formats a value for an error message: numbers exactly, others by JSON where possible. */
export function describeValue(v: unknown): string {
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  if (Array.isArray(v)) return `array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `${v.constructor.name} of length ${(v as unknown as { length: number }).length}`;
  return typeof v;
}
