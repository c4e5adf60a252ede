/**
 * Built-in curve models as expression strings with their parameter names, so
 * they get exact derivatives like any user expression:
 * `curveFit(builtinModels.gaussian.expression, data, { a: 1, mu: 0, sigma: 1 })`.
 */
import { LsqError } from "../errors.js";

export interface BuiltinModel {
  readonly name: string;
  /** the model in expression syntax, in the predictor `x` */
  readonly expression: string;
  /** parameter names in their conventional order */
  readonly parameters: readonly string[];
  readonly description: string;
}

// `parameters` arrives frozen: freezing a caller's array here would count as a side
// effect of importing this module for bundlers (rollup keeps the whole table then,
// even in bundles that never use builtinModels); freezing array literals does not.
function model(name: string, expression: string, parameters: readonly string[], description: string): BuiltinModel {
  return Object.freeze({ name, expression, parameters, description });
}

export const builtinModels: Readonly<Record<string, BuiltinModel>> = Object.freeze({
  gaussian: model("gaussian", "a*exp(-(x-mu)^2/(2*sigma^2))", Object.freeze(["a", "mu", "sigma"]), "Gaussian peak of height a at mu with standard deviation sigma"),
  lorentzian: model("lorentzian", "a*gamma^2/((x-x0)^2+gamma^2)", Object.freeze(["a", "x0", "gamma"]), "Lorentzian (Cauchy) peak of height a at x0 with half width at half maximum gamma"),
  exponentialDecay: model("exponentialDecay", "a*exp(-k*x)+c", Object.freeze(["a", "k", "c"]), "exponential decay from a + c towards the baseline c with rate k"),
  exponential: model("exponential", "a*exp(b*x)", Object.freeze(["a", "b"]), "exponential growth (b > 0) or decay (b < 0)"),
  powerLaw: model("powerLaw", "a*x^b", Object.freeze(["a", "b"]), "power law a x^b (x > 0 unless b is an integer)"),
  logistic: model("logistic", "L/(1+exp(-k*(x-x0)))", Object.freeze(["L", "k", "x0"]), "logistic curve with upper asymptote L, rate k and midpoint x0"),
  michaelisMenten: model("michaelisMenten", "vmax*x/(km+x)", Object.freeze(["vmax", "km"]), "Michaelis-Menten rate vmax x / (km + x)"),
  hill: model("hill", "vmax*x^n/(k^n+x^n)", Object.freeze(["vmax", "k", "n"]), "Hill equation vmax x^n / (k^n + x^n) (x > 0)"),
  sine: model("sine", "a*sin(omega*x+phi)+c", Object.freeze(["a", "omega", "phi", "c"]), "sinusoid with amplitude a, angular frequency omega, phase phi and offset c"),
});

/**
 * Polynomial c0 + c1 x + ... + cd x^d of degree d, written in Horner form
 * c0 + x*(c1 + x*(c2 + ...)) (fewer operations, no explicit powers).
 */
export function polynomialModel(degree: number): BuiltinModel {
  if (!Number.isInteger(degree) || degree < 0 || degree > 100) {
    throw new LsqError("INVALID_ARGUMENT", `polynomial degree must be an integer in [0, 100], got ${String(degree)}`);
  }
  const parameters = Array.from({ length: degree + 1 }, (_, k) => `c${k}`);
  let expr = `c${degree}`;
  for (let k = degree - 1; k >= 0; k--) expr = `c${k}+x*(${expr})`;
  return model(`polynomial${degree}`, expr, Object.freeze(parameters), `polynomial of degree ${degree} with coefficients c0..c${degree}`);
}
