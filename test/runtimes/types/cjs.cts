// CommonJS consumer: `require("lsqkit")` types come from dist/types/index.d.cts,
// `require("lsqkit/nn")` from dist/types/nn.d.cts.
import lsqkit = require("lsqkit");
import nn = require("lsqkit/nn");

lsqkit.initSync();
const fit: lsqkit.LinearFit = lsqkit.lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
export const first: number = fit.coefficients[0];
const options: nn.MlpOptions = { seed: 1 };
export const model: nn.Model = nn.mlp([1, 4, 1], options);
export const err: lsqkit.LsqError | null = null as nn.LsqError | null;
