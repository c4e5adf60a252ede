// Smoke runs of examples/ in their runtimes (called by run.mjs). Each checks that the
// example ran and that its answer matches NIST's certified Misra1a values (LRE >= 6).
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serve, waitFor, withChromium } from "./browser.mjs";
import { denoBinary, root, runCommand } from "./process.mjs";
import { WORKERD_PACKAGE, withWorkerd } from "./workerd.mjs";

const misra = JSON.parse(readFileSync(join(root, "data/nist/Misra1a.json"), "utf8"));
export const SCREENSHOT = join(root, "build/screenshots/browser-example.png");

function checkMisra(params, where) {
  for (let i = 0; i < 2; i++) {
    const rel = Math.abs(params[i] - misra.certified[i]) / Math.abs(misra.certified[i]);
    if (!(rel < 1e-6)) throw new Error(`${where}: b${i + 1} = ${params[i]}, certified ${misra.certified[i]}`);
  }
}

/**
 * The Node demos at the top of examples/ (neural-net showcases): each must run to the
 * end in its quick mode (env ADAM_SEEDS=1, SKIP_LM=1 as their headers document).
 */
function nodeDemos() {
  const quick = { ...process.env, ADAM_SEEDS: "1", SKIP_LM: "1" };
  return readdirSync(join(root, "examples"))
    .filter((f) => f.endsWith(".mjs"))
    .sort()
    .map((f) => [
      `example: examples/${f} (Node, quick mode)`,
      async () => {
        const out = await runCommand(process.execPath, [join(root, "examples", f)], { env: quick, timeoutMs: 90_000 });
        if (!out.trim()) throw new Error("printed nothing");
        return `${out.trim().split("\n").length} lines of output`;
      },
    ]);
}

/** [name, fn] pairs for run.mjs's test(). */
export function checkExamples() {
  return [
    ...nodeDemos(),
    [
      "example: examples/node/fit.mjs",
      async () => {
        const out = await runCommand(process.execPath, [join(root, "examples/node/fit.mjs")]);
        const m = out.match(/b1 = (\S+) ± \S+, b2 = (\S+) ±/);
        if (!m) throw new Error(`unexpected output:\n${out}`);
        checkMisra([+m[1], +m[2]], "node example");
        return "Misra1a matches NIST";
      },
    ],
    [
      "example: examples/deno/fit.ts",
      async () => {
        const out = await runCommand(denoBinary, ["run", "--allow-read", join(root, "examples/deno/fit.ts")], { env: { ...process.env, NO_COLOR: "1" } });
        checkMisra(JSON.parse(out.trim().split("\n").pop()).params, "deno example");
        return "Misra1a matches NIST";
      },
    ],
    [
      "example: examples/worker/worker.mjs in workerd (POST a fit)",
      async () =>
        withWorkerd(
          [
            { name: "worker.mjs", kind: "esModule", file: join(root, "examples/worker/worker.mjs") },
            ...WORKERD_PACKAGE,
          ],
          async (base, log) => {
            const r = await fetch(`${base}/`, {
              method: "POST",
              body: JSON.stringify({ model: "b1*(1-exp(-b2*x))", x: misra.x, y: misra.y, p0: { b1: misra.start1[0], b2: misra.start1[1] } }),
            });
            const body = await r.json();
            if (r.status !== 200) throw new Error(`worker answered ${r.status}: ${JSON.stringify(body)}\n${log()}`);
            checkMisra([body.parameters.b1, body.parameters.b2], "worker example");
            const bad = await fetch(`${base}/`, { method: "POST", body: JSON.stringify({ model: "b1*(1-exp(-b2*x))", x: [1, 2], y: [1], p0: { b1: 1, b2: 1 } }) });
            if (bad.status !== 400) throw new Error(`bad input answered ${bad.status}, expected 400 (LsqError)`);
            return "Misra1a matches NIST; bad input -> 400";
          },
        ),
    ],
    [
      "example: examples/browser (headless Chromium, screenshot)",
      async () => {
        const server = await serve();
        try {
          return await withChromium(async (context) => {
            const page = await context.newPage();
            await page.setViewportSize({ width: 1120, height: 640 });
            const errors = [];
            page.on("pageerror", (e) => errors.push(String(e.stack || e)));
            page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
            await page.goto(`${server.url}/examples/browser/?autofit`);
            await waitFor(page, "window.__fitDone === true", errors);
            const report = await page.evaluate(() => window.__report);
            mkdirSync(join(root, "build/screenshots"), { recursive: true });
            await page.screenshot({ path: SCREENSHOT });
            if (errors.length) throw new Error(`page errors:\n${errors.join("\n")}`);
            if (report.error) throw new Error(`page reported: ${report.error}`);
            checkMisra(report.x, "browser example");
            const drawn = await page.evaluate(() => ({
              points: document.querySelectorAll("#plot circle").length,
              curve: document.querySelectorAll("#plot path").length,
              residuals: document.querySelectorAll("#resid circle").length,
              iterationRows: document.querySelectorAll("#iters tr").length - 1,
              reportRows: document.querySelectorAll("#report tr").length,
            }));
            if (drawn.points !== misra.x.length || drawn.curve !== 1 || drawn.residuals !== misra.x.length || drawn.iterationRows < 1 || drawn.reportRows < 3) {
              throw new Error(`page did not draw everything: ${JSON.stringify(drawn)}`);
            }
            // CSV upload path: y = 3 exp(-x/2) exactly at x = 0..9, model typed by the user
            const csv = ["x,y", ...Array.from({ length: 10 }, (_, i) => `${i},${3 * Math.exp(-i / 2)}`)].join("\n");
            await page.selectOption("#dataset", "csv");
            await page.setInputFiles("#csv", { name: "decay.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
            await waitFor(page, "document.querySelectorAll('#plot circle').length === 10", errors);
            await page.fill("#expr", "a*exp(-b*x)");
            await page.fill("#p0", "1, 1");
            await page.click("#fit");
            await waitFor(page, "window.__fitDone === true && window.__report && window.__report.x && window.__report.x.length === 2", errors);
            const csvFit = await page.evaluate(() => window.__report);
            if (csvFit.error || Math.abs(csvFit.x[0] - 3) > 1e-9 || Math.abs(csvFit.x[1] - 0.5) > 1e-9) {
              throw new Error(`CSV fit: ${JSON.stringify(csvFit)}`);
            }
            return `${report.iterations} LM iterations shown; plot, residuals and report drawn; CSV upload fit a = 3, b = 0.5; screenshot ${SCREENSHOT.slice(root.length + 1)}`;
          });
        } finally {
          await server.close();
        }
      },
    ],
  ];
}
