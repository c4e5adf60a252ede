/**
 * The library functions the CLI commands call (kept in one place so that
 * tests can substitute them and the commands stay independent of the solver).
 */
import { lstsq } from "../linalg/lstsq.js";
import { polyfit } from "../linalg/polyfit.js";
import type { CliLibrary, CurveFitFn } from "./io.js";

// curveFit (src/models/curve-fit.ts) is being written by the solver engineer; wired in when it lands.
const curveFit: CurveFitFn = () => {
  throw new Error("curveFit is not available in this build yet");
};

export const defaultLibrary: CliLibrary = {
  curveFit,
  lstsq: (A, b) => lstsq(A, b),
  polyfit: (x, y, degree, options) => polyfit(x, y, degree, options),
};
