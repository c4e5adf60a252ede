// NIST StRD nonlinear problems as lsqkit problems (test helper).
// Function models: the bundled model.js compiled with Function (trusted test data,
// exactly as data/nist/SOURCE.md prescribes); expression models: the NIST formula
// translated to lsqkit's expression syntax (src/models/nist.ts) with exact derivatives.
import { compileExpression } from "../../src/models/expression.js";
import { nistModelExpression } from "../../src/models/nist.js";
import type { NistProblem } from "./nist.js";

export function nistColumns(p: NistProblem): Float64Array[] {
  return p.model.predictors.length === 1 ? [Float64Array.from(p.x as number[])] : (p.x as number[][]).map((c) => Float64Array.from(c));
}

export function nistResponse(p: NistProblem): Float64Array {
  return Float64Array.from(p.y, (v) => (p.model.responseTransform === "log" ? Math.log(v) : v));
}

/** (x, p) => number model from model.js; x is a number or [x1, x2] (Nelson). */
export function nistFunctionModel(p: NistProblem): (x: number | number[], b: ArrayLike<number>) => number {
  const body = `const [${p.params.join(",")}] = b; ${p.model.predictors.length === 1 ? `const ${p.model.predictors[0]} = __x;` : `const [${p.model.predictors.join(",")}] = __x;`} return (${p.model.js});`;
  return new Function("__x", "b", body) as (x: number | number[], b: ArrayLike<number>) => number;
}

/** Problem with finite differences (no jacobian). Residual r_i = f(x_i) - y_i. */
export function nistFunctionProblem(p: NistProblem) {
  const f = nistFunctionModel(p);
  const cols = nistColumns(p);
  const y = nistResponse(p);
  const m = y.length;
  const multi = cols.length > 1;
  const xs: (number | number[])[] = [];
  for (let i = 0; i < m; i++) xs.push(multi ? cols.map((c) => c[i]) : cols[0][i]);
  return {
    numResiduals: m,
    residuals(b: Float64Array, out: Float64Array) {
      for (let i = 0; i < m; i++) out[i] = f(xs[i], b) - y[i];
    },
  };
}

/** Problem from the expression model with exact derivatives (evaluateBatch). */
export function nistExpressionProblem(p: NistProblem) {
  const expr = compileExpression(nistModelExpression(p.model.js!), p.params, p.model.predictors);
  const cols = nistColumns(p);
  const y = nistResponse(p);
  const m = y.length;
  const tmp = new Float64Array(m);
  return {
    numResiduals: m,
    residuals(b: Float64Array, out: Float64Array) {
      expr.evaluateBatch(b, cols, out);
      for (let i = 0; i < m; i++) out[i] -= y[i];
    },
    jacobian(b: Float64Array, out: Float64Array) {
      expr.evaluateBatch(b, cols, tmp, out);
    },
  };
}
