// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; never a
// downloaded browser) loading pages from a localhost server started here (node:http,
// port 0) that serves the repository read-only.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const CHROMIUM = process.env.LSQKIT_CHROMIUM || "/usr/bin/chromium";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};

/** Serves files under `dir` on 127.0.0.1:<free port>; resolves { url, close }. */
export function serve(dir = root) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = normalize(join(dir, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/**
 * Launches Chromium with a fresh profile (--user-data-dir, given to playwright as the
 * persistent context's directory), calls fn(context), always closes both.
 */
export async function withChromium(fn) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium; .ci/run does this)`);
  }
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "lsqkit-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
  try {
    return await fn(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Waits until `expression` is true in the page; fails at once on a page error. */
export async function waitFor(page, expression, errors, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (errors.length) throw new Error(`page errors:\n${errors.join("\n")}`);
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`page: '${expression}' not true after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The runtime test: test/runtimes/browser.html runs the shared fits; returns its result. */
export async function runBrowserFits() {
  const server = await serve();
  try {
    return await withChromium(async (browser) => {
      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e.stack || e)));
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
      await page.goto(`${server.url}/test/runtimes/browser.html`);
      await waitFor(page, "window.__done === true", errors);
      const { result, error } = await page.evaluate(() => ({ result: window.__result, error: window.__error }));
      if (error) throw new Error(`page failed: ${error}`);
      if (errors.length) throw new Error(`page errors: ${errors.join("\n")}`);
      return result;
    });
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await runBrowserFits()));
}
