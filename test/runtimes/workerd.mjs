// Runs a worker in the real workerd binary (the npm package `workerd`, which ships it
// in @cloudflare/workerd-linux-64) on a localhost port and asks it for a fit.
// The config lists the package's files as a user's bundler would: dist/workerd.js as
// the module "lsqkit", dist/nn/workerd.js as "lsqkit/nn", the chunk both import
// (dist/core-workerd.js; "./core-workerd.js" from "lsqkit" and "../core-workerd.js" from
// "lsqkit/nn" name the same module) and dist/lsqkit.wasm as a wasm module beside it.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

export function workerdBinary() {
  const require = createRequire(join(root, "package.json"));
  try {
    return join(dirname(require.resolve("@cloudflare/workerd-linux-64/package.json")), "bin/workerd");
  } catch {
    return join(root, "node_modules/.bin/workerd");
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts workerd with the given modules ([{ name, kind: esModule|wasm|json|text, file }])
 * and calls fn(baseUrl); always stops workerd. Fails loudly if workerd cannot start.
 */
export async function withWorkerd(modules, fn, options = {}) {
  // the free port is picked before workerd binds it: retry once if another process took it
  try {
    return await serveOnce(modules, fn, options);
  } catch (e) {
    if (!/address already in use|EADDRINUSE/i.test(String(e.message))) throw e;
    return serveOnce(modules, fn, options);
  }
}

async function serveOnce(modules, fn, { timeoutMs = 30_000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "lsqkit-workerd-"));
  const port = await freePort();
  const entries = modules.map((m, i) => {
    const local = `m${i}-${m.name.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
    copyFileSync(m.file, join(dir, local));
    return `    (name = ${JSON.stringify(m.name)}, ${m.kind} = embed ${JSON.stringify(local)})`;
  });
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [
${entries.join(",\n")}
  ],
  compatibilityDate = "2024-09-23",
);
`,
  );
  const child = spawn(workerdBinary(), ["serve", join(dir, "config.capnp")], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));
  child.on("error", (e) => (exited = { error: e.message }));
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`workerd exited before serving (${JSON.stringify(exited)}):\n${log}`);
      try {
        await fetch(`${base}/__ping`, { signal: AbortSignal.timeout(2000) }).then((r) => r.arrayBuffer());
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`workerd did not answer on ${base} within ${timeoutMs} ms:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return await fn(base, () => log);
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (exited ? r() : child.on("exit", r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

/** lsqkit's workerd build as workerd modules: both entries, their shared chunk, the wasm. */
export const WORKERD_PACKAGE = [
  { name: "lsqkit", kind: "esModule", file: join(root, "dist/workerd.js") },
  { name: "lsqkit/nn", kind: "esModule", file: join(root, "dist/nn/workerd.js") },
  { name: "core-workerd.js", kind: "esModule", file: join(root, "dist/core-workerd.js") },
  { name: "lsqkit.wasm", kind: "wasm", file: join(root, "dist/lsqkit.wasm") },
];

/** The runtime test: the shared fits in a worker, answered on a localhost request. */
export async function runWorkerdFits() {
  const here = (f) => join(root, "test/runtimes", f);
  return withWorkerd(
    [
      { name: "worker.mjs", kind: "esModule", file: here("workerd-worker.mjs") },
      { name: "fits.mjs", kind: "esModule", file: here("fits.mjs") },
      { name: "portable.js", kind: "esModule", file: join(root, "build/lib/math/portable.js") },
      ...WORKERD_PACKAGE,
      { name: "Longley.json", kind: "json", file: join(root, "data/nist/Longley.json") },
      { name: "Misra1a.json", kind: "json", file: join(root, "data/nist/Misra1a.json") },
    ],
    async (base, log) => {
      const blocked = await (await fetch(`${base}/bytes-compile`)).json();
      const r = await fetch(`${base}/fit`);
      const body = await r.text();
      if (r.status !== 200) throw new Error(`worker answered ${r.status}: ${body}\n${log()}`);
      return { ...JSON.parse(body), bytesCompile: blocked };
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runWorkerdFits()));
}
