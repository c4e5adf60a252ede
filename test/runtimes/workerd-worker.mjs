// workerd (Cloudflare Workers runtime): the worker imports "lsqkit" the worker way —
// the `workerd` build, which imports lsqkit.wasm as a compiled module (compiling
// wasm from bytes is blocked here). The fit runs when a request arrives.
import * as lib from "lsqkit";
import * as nn from "lsqkit/nn";
import { runFits } from "./fits.mjs";
import * as portableMath from "./portable.js";
import longley from "./Longley.json";
import misra1a from "./Misra1a.json";

export default {
  async fetch(request) {
    const url = new URL(request.url);
    try {
      if (url.pathname === "/bytes-compile") {
        // The reason for the workerd build: prove that compiling bytes is refused here.
        try {
          await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
          return Response.json({ blocked: false });
        } catch (e) {
          return Response.json({ blocked: true, message: String(e.message) });
        }
      }
      const result = await runFits(lib, nn, { longley, misra1a }, { portableMath });
      return Response.json({ runtime: "workerd", ...result });
    } catch (e) {
      return Response.json({ error: String((e && e.stack) || e) }, { status: 500 });
    }
  },
};
