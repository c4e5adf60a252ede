/**
 * Finds lsqkit's package folder from this module's location, so bundled data
 * (data/nist) is found wherever the CLI runs from: src/cli (vitest),
 * build/ts/src/cli (tsc), dist/cli.js (rollup), node_modules/lsqkit/dist.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Walks up from `start` to the first folder whose package.json has name "lsqkit"; null if none. */
export function findPackageRoot(start: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = start;
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === "lsqkit") return dir;
      } catch {
        // an unreadable package.json is not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** data/nist inside the package, or null when it cannot be found. */
export function nistDataDir(): string | null {
  const root = findPackageRoot();
  if (root === null) return null;
  const dir = join(root, "data", "nist");
  return existsSync(join(dir, "index.json")) ? dir : null;
}
