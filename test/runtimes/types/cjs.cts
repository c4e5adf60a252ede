// CommonJS consumer: `require("lsqkit")` types come from dist/types/index.d.cts.
import lsqkit = require("lsqkit");

lsqkit.initSync();
const fit: lsqkit.LinearFit = lsqkit.lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
export const first: number = fit.coefficients[0];
