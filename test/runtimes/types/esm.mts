// ESM consumer: types come from dist/types/index.d.ts ("types" -> "default").
import { curveFit, init, initSync, lstsq, LsqError, mlp, type InitOptions, type LinearFit } from "lsqkit";
import * as slim from "lsqkit/slim";

const options: InitOptions = {};
await init(options);
initSync();
const fit: LinearFit = lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
const first: number = fit.coefficients[0];
const nonlinear = curveFit("a*x + b", { x: [1, 2, 3], y: [2, 4, 6] }, { a: 1, b: 0 });
const model = mlp([1, 4, 1], { seed: 1 });
const err: LsqError | null = null;
await slim.init({ module: undefined });
export { first, nonlinear, model, err };
