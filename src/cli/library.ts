/**
 * The library functions the CLI commands call (kept in one place so that
 * tests can substitute them and the commands stay independent of the solver).
 */
import { lstsq } from "../linalg/lstsq.js";
import { polyfit } from "../linalg/polyfit.js";
import { curveFit } from "../models/curve-fit.js";
import type { CliLibrary, FitResultLike } from "./io.js";

export const defaultLibrary: CliLibrary = {
  curveFit: (model, data, p0, options) => curveFit(model, data, p0, options) as unknown as FitResultLike,
  lstsq: (A, b) => lstsq(A, b),
  polyfit: (x, y, degree, options) => polyfit(x, y, degree, options),
};
