// lsqkit public API. Named exports only; one name per concept (see DESIGN.md).
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
export { mlp, sequential, dense, loadModel, trainTestSplit, Model, OPTIMIZER_DEFAULTS, FIT_DEFAULTS } from "./nn/index.js";
export type { DenseOptions, DenseLayer, SequentialOptions, MlpOptions, ModelJSON, TrainTestSplitOptions, TrainTestSplit, OptimizerName, OptimizerOptions, FitOptions, EarlyStoppingOptions, History, EpochLogs, FitStatus, LearningRateSchedule, ActivationName, LossName, InitName } from "./nn/index.js";
