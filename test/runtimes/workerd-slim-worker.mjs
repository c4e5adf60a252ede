// The documented explicit pattern for edge runtimes that hand over the .wasm as a
// compiled module (workerd, and bundlers' `?module` imports elsewhere): no inlined bytes.
import wasm from "lsqkit/lsqkit.wasm";
import { init, lstsq } from "lsqkit/slim";

export default {
  async fetch() {
    await init({ module: wasm });
    const fit = lstsq([[1, 0], [0, 1], [1, 1]], [1, 2, 3]);
    return Response.json({ coefficients: Array.from(fit.coefficients) });
  },
};
