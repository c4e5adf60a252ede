// Child processes for the runtime tests: a runtime that cannot start rejects (loudly).
import { existsSync } from "node:fs";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** The deno npm package ships its binary; this is its bin link. */
export const denoBinary = join(root, "node_modules/.bin/deno");

/** Runs a command, resolves stdout; rejects with its output on non-zero exit or timeout. */
export function runCommand(cmd, args, { timeoutMs = 120_000, cwd = root, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    if (cmd.includes("/") && !existsSync(cmd)) return reject(new Error(`${cmd} not found: the runtime cannot start`));
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} could not start: ${e.message}`));
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${[cmd, ...args].join(" ")} exited ${code ?? signal}\n${err || out}`));
    });
  });
}
