# Plain workerd (no wrangler): `npm run build`, then from this folder
#   ../../node_modules/.bin/workerd serve config.capnp
# and POST a fit to http://127.0.0.1:8787/. The modules are listed as wrangler would
# bundle them: the package's workerd build named "lsqkit", the chunk it imports
# (./core-workerd.js) and its wasm beside it. To use the neural-network API add
#   (name = "lsqkit/nn", esModule = embed "../../dist/nn/workerd.js"),
# (it imports ../core-workerd.js: the same module, so one wasm instance for both).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "lsqkit", esModule = embed "../../dist/workerd.js"),
    (name = "core-workerd.js", esModule = embed "../../dist/core-workerd.js"),
    (name = "lsqkit.wasm", wasm = embed "../../dist/lsqkit.wasm"),
  ],
  compatibilityDate = "2024-09-23",
);
