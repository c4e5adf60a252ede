// The two public entries (package.json exports "." and "./nn"): which names each offers.
// Source of the expected lists: the API split of issue 5's size work -- the neural-network
// API lives in lsqkit/nn only, which also re-exports init/initSync/LsqError so that it
// works on its own; both share one wasm core (the same objects).
import { describe, expect, it } from "vitest";
import * as main from "../src/index.js";
import * as nn from "../src/nn.js";

const NN_API = ["FIT_DEFAULTS", "Model", "OPTIMIZER_DEFAULTS", "dense", "loadModel", "mlp", "sequential", "trainTestSplit"];
const SHARED = ["LsqError", "init", "initSync"];

describe("public entries", () => {
  it("lsqkit/nn exports exactly the network API plus init, initSync, LsqError", () => {
    expect(Object.keys(nn).sort()).toEqual([...NN_API, ...SHARED].sort());
  });

  it("lsqkit exports none of the network API, and keeps init, initSync, LsqError, lstsq", () => {
    const keys = Object.keys(main);
    for (const name of NN_API) expect(keys).not.toContain(name);
    for (const name of [...SHARED, "lstsq", "curveFit", "leastSquares", "polyfit"]) expect(keys).toContain(name);
  });

  it("the shared names are the same objects (one module state, one core)", () => {
    for (const name of SHARED) expect((nn as Record<string, unknown>)[name]).toBe((main as Record<string, unknown>)[name]);
  });
});
