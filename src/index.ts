// lsqkit public API. Named exports only; one name per concept.
export { init, initSync } from "./wasm/module.js";
export type { InitOptions } from "./wasm/module.js";
export { LsqError } from "./errors.js";
export type { LsqErrorCode } from "./errors.js";
export { lstsq } from "./linalg/lstsq.js";
export type { LstsqOptions } from "./linalg/lstsq.js";
export { polyfit } from "./linalg/polyfit.js";
export type { PolyfitOptions } from "./linalg/polyfit.js";
export type { LinearFit } from "./linalg/linear-fit.js";
export { compileExpression, expressionIdentifiers } from "./models/expression.js";
export type { CompiledExpression } from "./models/expression.js";
export { builtinModels, polynomialModel } from "./models/builtins.js";
export type { BuiltinModel } from "./models/builtins.js";
// Neural networks: the subpath entry "lsqkit/nn" (src/nn.ts), sharing the wasm core with this one.
export { leastSquares } from "./lsq/least-squares.js";
export { LEAST_SQUARES_DEFAULTS } from "./lsq/options.js";
export type { LeastSquaresOptions, Method, LinearSolver, FiniteDifference, Damping, RobustLossName } from "./lsq/options.js";
export type { Problem } from "./lsq/problem.js";
export type { Summary, Termination, IterationInfo } from "./lsq/summary.js";
export { curveFit, CURVE_FIT_DEFAULTS } from "./models/curve-fit.js";
export type { CurveFitData, CurveFitOptions, FitResult, ModelFunction } from "./models/curve-fit.js";
