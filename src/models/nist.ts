/**
 * NIST StRD model formulas in expression syntax. The bundled problems
 * (data/nist/*.json, schema in data/nist/SOURCE.md) give each model as an
 * ES5 JavaScript expression over Math.exp/pow/cos/sin/atan/PI; this maps it
 * to lsqkit's expression language by text substitution only (the result is
 * then parsed and checked by compileExpression, never evaluated as JS).
 *
 * Roszman1's pi (NIST: 3.141592653589793238462643383279) rounds to the same
 * double as Math.PI, and its arctan is the principal branch, like atan here.
 */
import { LsqError } from "../errors.js";

const ALLOWED = /^(exp|log|pow|sqrt|sin|cos|tan|atan|abs|min|max)$/;

/** "b1*(1-Math.exp(-b2*x))" -> "b1*(1-exp(-b2*x))"; Math.PI -> pi. */
export function nistModelExpression(js: string): string {
  if (typeof js !== "string") throw new LsqError("INVALID_ARGUMENT", "NIST model.js must be a string");
  return js.replace(/Math\.([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    if (name === "PI") return "pi";
    if (!ALLOWED.test(name)) throw new LsqError("PARSE_ERROR", `NIST model uses Math.${name}, which has no expression equivalent`);
    return name;
  });
}
