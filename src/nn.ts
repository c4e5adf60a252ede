// lsqkit/nn public API: neural networks (dense layers, MLPs, LM / Gauss-Newton and
// first-order training). A separate entry so that `import { lstsq } from "lsqkit"`
// does not download the network code (the default entry stays within its size budget).
//
// Both entries share one bundle chunk holding the wasm core (module state, arena,
// errors, linalg): `init()` from "lsqkit" initialises what "lsqkit/nn" uses and vice
// versa -- one WebAssembly instance, one arena. init, initSync and LsqError are
// re-exported so that `import { init, mlp } from "lsqkit/nn"` works on its own.
export { init, initSync } from "./wasm/module.js";
export type { InitOptions } from "./wasm/module.js";
export { LsqError } from "./errors.js";
export type { LsqErrorCode } from "./errors.js";
export { mlp, sequential, dense, loadModel, trainTestSplit, Model, OPTIMIZER_DEFAULTS, FIT_DEFAULTS } from "./nn/index.js";
export type { DenseOptions, DenseLayer, SequentialOptions, MlpOptions, ModelJSON, TrainTestSplitOptions, TrainTestSplit, OptimizerName, OptimizerOptions, FitOptions, EarlyStoppingOptions, History, EpochLogs, FitStatus, LearningRateSchedule, ActivationName, LossName, InitName } from "./nn/index.js";
