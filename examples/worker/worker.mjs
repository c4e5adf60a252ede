// lsqkit in a Cloudflare Worker (workerd). Bundled with wrangler, `import "lsqkit"`
// picks the package's "workerd" build, which imports lsqkit.wasm as a compiled module
// (workerd forbids compiling wasm from bytes at run time) — nothing to initialise.
// Other edge runtimes that need it explicit:
//   import wasm from "lsqkit/lsqkit.wasm";        // a WebAssembly.Module there
//   import { init, curveFit } from "lsqkit/slim";  // no inlined bytes
//   await init({ module: wasm });
//
// POST / with JSON { "model": "b1*(1-exp(-b2*x))", "x": [...], "y": [...], "p0": { "b1": 500, "b2": 1e-4 } }
// answers { parameters, stdErrors, cost, iterations, message }.
import { curveFit, LsqError } from "lsqkit";

export default {
  async fetch(request) {
    if (request.method !== "POST") {
      return new Response('POST {"model", "x", "y", "p0"} to fit a curve\n', { headers: { "content-type": "text/plain" } });
    }
    try {
      const { model, x, y, p0, sigma } = await request.json();
      const fit = curveFit(model, sigma ? { x, y, sigma } : { x, y }, p0);
      return Response.json({
        parameters: fit.params,
        stdErrors: Array.from(fit.stdErrors),
        cost: fit.finalCost,
        iterations: fit.iterations,
        success: fit.success,
        message: fit.message,
      });
    } catch (e) {
      const status = e instanceof LsqError ? 400 : 500;
      return Response.json({ error: String(e.message ?? e), code: e.code }, { status });
    }
  },
};
