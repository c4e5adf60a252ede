// ESM consumer: types come from dist/types/index.d.ts and nn.d.ts ("types" -> "default").
import { curveFit, init, initSync, lstsq, LsqError, type InitOptions, type LinearFit } from "lsqkit";
import { mlp, init as nnInit, LsqError as NnLsqError, type MlpOptions, type History } from "lsqkit/nn";
import * as slim from "lsqkit/slim";
import * as slimNn from "lsqkit/slim/nn";
// @ts-expect-error -- the neural-network API lives in "lsqkit/nn", not in "lsqkit"
import { mlp as notInMain } from "lsqkit";

const options: InitOptions = {};
await init(options);
await nnInit(options);
initSync();
const fit: LinearFit = lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
const first: number = fit.coefficients[0];
const nonlinear = curveFit("a*x + b", { x: [1, 2, 3], y: [2, 4, 6] }, { a: 1, b: 0 });
const mlpOptions: MlpOptions = { seed: 1 };
const model = mlp([1, 4, 1], mlpOptions);
const history: History = model.fit([[0], [1]], [[0], [1]], { epochs: 1 });
// one LsqError class whichever entry it is imported from
const err: LsqError | null = null as NnLsqError | null;
await slim.init({ module: undefined });
await slimNn.init({ module: undefined });
export { first, nonlinear, model, history, err, notInMain };
