// lsqkit public API. Named exports only; one name per concept (see DESIGN.md).
export { init, initSync } from "./wasm/module.js";
export type { InitOptions } from "./wasm/module.js";
export { LsqError } from "./errors.js";
export type { LsqErrorCode } from "./errors.js";
