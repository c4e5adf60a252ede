// The documented explicit pattern for edge runtimes that hand over the .wasm as a
// compiled module (workerd, and bundlers' `?module` imports elsewhere): no inlined bytes.
// init() is called from "lsqkit/slim" only; "lsqkit/slim/nn" shares its core (one
// instance): with no bytes inside and compiling bytes blocked here, the MLP fit can
// only run on the module passed to that init.
import wasm from "lsqkit/lsqkit.wasm";
import { init, lstsq } from "lsqkit/slim";
import { mlp, init as nnInit } from "lsqkit/slim/nn";

export default {
  async fetch() {
    await init({ module: wasm });
    const fit = lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
    // y = x on 8 points, a 1-3-1 tanh net, LM: the loss must drop
    const x = [];
    const y = [];
    for (let i = 0; i < 8; i++) x.push([i / 7 - 0.5]), y.push([i / 7 - 0.5]);
    const history = mlp([1, 3, 1], { activation: "tanh", seed: 1 }).fit(x, y, { optimizer: "levenbergMarquardt", epochs: 5, seed: 1 });
    return Response.json({ coefficients: Array.from(fit.coefficients), nnLoss: Array.from(history.loss), sameInit: nnInit === init });
  },
};
