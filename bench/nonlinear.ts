/**
 * `npm run bench -- nonlinear`: nonlinear least squares, lsqkit beside peers in the same run.
 *
 * 1. NIST StRD nonlinear suite (27 problems x 2 starts): total time and accuracy (worst-parameter
 *    LRE, capped at 11) for lsqkit curveFit (expression models = exact derivatives; function
 *    models = finite differences), ml-levenberg-marquardt (defaults) and scipy
 *    least_squares(method='lm') with finite differences (when python3 + scipy are installed).
 * 2. 1000 small Gaussian-peak fits y = a exp(-(x - mu)^2 / (2 s^2)) + noise (50 points, seeded
 *    noise sigma 0.02, start = truth perturbed by up to 25 %): time per fit and accuracy =
 *    relative excess of the final RSS over the best RSS any method reached for that data set
 *    (converged = excess < 1e-6).
 * Timings include everything a user pays per call (validation, setup, copying).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { levenbergMarquardt as mlLm } from "ml-levenberg-marquardt";
import { curveFit } from "../src/models/curve-fit.js";
import { leastSquares } from "../src/lsq/least-squares.js";
import { nistModelExpression } from "../src/models/nist.js";
import { mulberry32 } from "../test/helpers/reference.js";

const NIST = join(process.cwd(), "data/nist");
interface P {
  name: string;
  kind: string;
  x: number[] | number[][];
  y: number[];
  params: string[];
  start1: number[];
  start2: number[];
  certified: number[];
  model: { js: string; predictors: string[]; responseTransform?: string | null };
}
const problems: P[] = (JSON.parse(readFileSync(join(NIST, "index.json"), "utf8")) as { name: string; kind: string }[])
  .filter((e) => e.kind === "nonlinear")
  .map((e) => JSON.parse(readFileSync(join(NIST, `${e.name}.json`), "utf8")) as P);

function lre(est: ArrayLike<number>, cert: number[]): number {
  let m = 11;
  for (let j = 0; j < cert.length; j++) {
    const e = est[j];
    const v = !Number.isFinite(e) ? 0 : e === cert[j] ? 11 : Math.max(0, Math.min(11, -Math.log10(Math.abs(e - cert[j]) / Math.abs(cert[j]))));
    m = Math.min(m, v);
  }
  return m;
}
const yOf = (p: P) => (p.model.responseTransform === "log" ? p.y.map(Math.log) : p.y);
const fnOf = (p: P) =>
  new Function("__x", "b", `const [${p.params.join(",")}] = b; ${p.model.predictors.length === 1 ? `const x = __x;` : `const [${p.model.predictors.join(",")}] = __x;`} return (${p.model.js});`) as (x: unknown, b: ArrayLike<number>) => number;

interface Suite {
  label: string;
  ms: number;
  mean: number;
  ok6: number;
  ok4: number;
}
/** Passes over the 54 cases, for every implementation alike (scipy's script does the same). */
const PASSES = 5;
/** Best of PASSES passes (the first passes also warm up the JIT and wasm tier-up for every model). */
function suite(label: string, fit: (p: P, start: number[]) => ArrayLike<number>): Suite {
  let best = suiteOnce(label, fit);
  for (let i = 1; i < PASSES; i++) {
    const r = suiteOnce(label, fit);
    if (r.ms < best.ms) best = r;
  }
  return best;
}
function suiteOnce(label: string, fit: (p: P, start: number[]) => ArrayLike<number>): Suite {
  let sum = 0,
    ok6 = 0,
    ok4 = 0;
  const t0 = performance.now();
  for (const p of problems)
    for (const s of [p.start1, p.start2]) {
      let x: ArrayLike<number>;
      try {
        x = fit(p, s);
      } catch {
        x = s.map(() => NaN);
      }
      const l = lre(x, p.certified);
      sum += l;
      if (l >= 6) ok6++;
      if (l >= 4) ok4++;
    }
  return { label, ms: performance.now() - t0, mean: sum / 54, ok6, ok4 };
}

function xData(p: P) {
  return p.model.predictors.length === 1 ? (p.x as number[]) : Object.fromEntries(p.model.predictors.map((nm, j) => [nm, (p.x as number[][])[j]]));
}

// warm-up (JIT + wasm tier-up)
for (let i = 0; i < 3; i++) curveFit(nistModelExpression(problems[0].model.js), { x: xData(problems[0]), y: yOf(problems[0]) }, Object.fromEntries(problems[0].params.map((n, j) => [n, problems[0].start1[j]])));

const suites: Suite[] = [];
suites.push(suite("lsqkit curveFit, expression (exact derivatives)", (p, s) => curveFit(nistModelExpression(p.model.js), { x: xData(p), y: yOf(p) }, Object.fromEntries(p.params.map((n, j) => [n, s[j]]))).x));
suites.push(suite("lsqkit curveFit, function + adaptive differences (default)", (p, s) => curveFit(fnOf(p), { x: p.x, y: yOf(p) }, s).x));
suites.push(suite("lsqkit curveFit, function + central differences", (p, s) => curveFit(fnOf(p), { x: p.x, y: yOf(p) }, s, { jacobian: "central" }).x));
suites.push(suite("lsqkit curveFit, function + forward differences", (p, s) => curveFit(fnOf(p), { x: p.x, y: yOf(p) }, s, { jacobian: "forward" }).x));
suites.push(
  suite("ml-levenberg-marquardt (defaults)", (p, s) => {
    if (p.model.predictors.length > 1) throw new Error("scalar x only");
    const f = fnOf(p);
    return mlLm({ x: p.x as number[], y: yOf(p) }, (b: number[]) => (x: number) => f(x, b), { initialValues: s }).parameterValues;
  }),
);

// ---- scipy (optional) ---------------------------------------------------------
let python = false;
try {
  execFileSync("python3", ["-c", "import scipy"], { stdio: "ignore" });
  python = true;
} catch {
  python = false;
}
const dir = mkdtempSync(join(tmpdir(), "lsqkit-bench-"));
const SCIPY_NIST = `
import json, math, sys, time, numpy as np
from scipy.optimize import least_squares
probs = json.load(open(sys.argv[1]))
def lre(est, cert):
    m = 11
    for e, c in zip(est, cert):
        v = 11 if e == c else (0 if not np.isfinite(e) else max(0, min(11, -math.log10(abs(e - c) / abs(c)))))
        m = min(m, v)
    return m
env = {'exp': np.exp, 'pow': np.power, 'cos': np.cos, 'sin': np.sin, 'atan': np.arctan, 'PI': math.pi}
fits = []
for p in probs:
    preds = p['model']['predictors']
    X = [np.array(p['x'], float)] if len(preds) == 1 else [np.array(c, float) for c in p['x']]
    y = np.array(p['y'], float)
    if p['model'].get('responseTransform') == 'log': y = np.log(y)
    f = eval('lambda ' + ','.join(p['params'] + preds) + ': ' + p['model']['js'].replace('Math.', ''), env)
    for st in ('start1', 'start2'):
        fits.append((f, X, y, np.array(p[st], float), p['certified']))
ms = float('inf')
for rep in range(int(sys.argv[2])):
    t = time.perf_counter()
    res = []
    for f, X, y, s, c in fits:
        try:
            r = least_squares(lambda b: f(*b, *X) - y, s, method='lm', xtol=1e-15, ftol=1e-15, gtol=1e-15)
            res.append(lre(r.x, c))
        except Exception:
            res.append(0)
    ms = min(ms, (time.perf_counter() - t) * 1000)
print(json.dumps({'ms': ms, 'mean': sum(res) / len(res), 'ok6': sum(1 for v in res if v >= 6), 'ok4': sum(1 for v in res if v >= 4)}))
`;
if (python) {
  writeFileSync(join(dir, "nist.py"), SCIPY_NIST);
  writeFileSync(join(dir, "nist.json"), JSON.stringify(problems));
  const r = JSON.parse(execFileSync("python3", [join(dir, "nist.py"), join(dir, "nist.json"), String(PASSES)], { encoding: "utf8" })) as Suite;
  suites.push({ ...r, label: "scipy least_squares(method='lm'), finite differences, tol 1e-15" });
}

console.log("\n## Nonlinear: NIST StRD suite (54 cases)\n");
console.log("| implementation | total ms | mean LRE | cases LRE >= 6 | cases LRE >= 4 |");
console.log("|---|---|---|---|---|");
const base = suites[0].ms;
for (const s of suites) console.log(`| ${s.label} | ${s.ms.toFixed(0)} (${(s.ms / base).toFixed(1)}x) | ${s.mean.toFixed(2)} | ${s.ok6} | ${s.ok4} |`);

// ---- 1000 Gaussian-peak fits ----------------------------------------------------
const NFITS = 1000;
const M = 50;
const rand = mulberry32(12345);
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-300)) * Math.cos(2 * Math.PI * rand());
const gx = Array.from({ length: M }, (_, i) => (i / (M - 1)) * 10);
const sets = Array.from({ length: NFITS }, () => {
  const a = 1 + 4 * rand(),
    mu = 3 + 4 * rand(),
    s = 0.5 + 1.5 * rand();
  const y = gx.map((x) => a * Math.exp(-((x - mu) ** 2) / (2 * s * s)) + 0.02 * gauss());
  const p0 = [a * (1 + 0.5 * (rand() - 0.5)), mu * (1 + 0.5 * (rand() - 0.5)), s * (1 + 0.5 * (rand() - 0.5))];
  return { y, p0 };
});
const peak = (x: number, p: ArrayLike<number>) => p[0] * Math.exp(-((x - p[1]) ** 2) / (2 * p[2] * p[2]));
const rss = (p: ArrayLike<number>, y: number[]) => gx.reduce((acc, x, i) => acc + (peak(x, p) - y[i]) ** 2, 0);

type Fitter = (y: number[], p0: number[]) => ArrayLike<number>;
/** the tuned ml-levenberg-marquardt takes ~50 ms per fit: it runs on the first SLOW_SETS data sets only */
const SLOW_SETS = 100;
const fitters: [string, Fitter][] = [
  ["lsqkit leastSquares, analytic jacobian", (y, p0) => {
    const yy = Float64Array.from(y);
    return leastSquares(
      {
        numResiduals: M,
        residuals(p, out) {
          for (let i = 0; i < M; i++) out[i] = p[0] * Math.exp(-((gx[i] - p[1]) ** 2) / (2 * p[2] * p[2])) - yy[i];
        },
        jacobian(p, J) {
          for (let i = 0; i < M; i++) {
            const d = gx[i] - p[1];
            const e = Math.exp(-(d * d) / (2 * p[2] * p[2]));
            J[3 * i] = e;
            J[3 * i + 1] = (p[0] * e * d) / (p[2] * p[2]);
            J[3 * i + 2] = (p[0] * e * d * d) / (p[2] * p[2] * p[2]);
          }
        },
      },
      p0,
    ).x;
  }],
  ["lsqkit curveFit, function + adaptive differences (default)", (y, p0) => curveFit(peak, { x: gx, y }, p0).x],
  ["lsqkit curveFit, function + central differences", (y, p0) => curveFit(peak, { x: gx, y }, p0, { jacobian: "central" }).x],
  ["lsqkit curveFit, function + forward differences", (y, p0) => curveFit(peak, { x: gx, y }, p0, { jacobian: "forward" }).x],
  ["lsqkit curveFit, expression string", (y, p0) => curveFit("a*exp(-(x-mu)^2/(2*s^2))", { x: gx, y }, { a: p0[0], mu: p0[1], s: p0[2] }).x],
  ["ml-levenberg-marquardt (defaults)", (y, p0) => mlLm({ x: gx, y }, (p: number[]) => (x: number) => peak(x, p), { initialValues: p0 }).parameterValues],
  [
    "ml-levenberg-marquardt (tuned: step 1e-6, central, 1000 its, errorTolerance 1e-12)",
    (y, p0) => mlLm({ x: gx, y }, (p: number[]) => (x: number) => peak(x, p), { initialValues: p0, gradientDifference: 1e-6, centralDifference: true, maxIterations: 1000, errorTolerance: 1e-12 }).parameterValues,
  ],
];
// Interleaved in chunks of 50 data sets (round-robin over the fitters), so a change of load on
// the shared host hits every implementation alike and the ratios stay meaningful.
const results: { label: string; perFitUs: number; x: ArrayLike<number>[] }[] = fitters.map(([label]) => ({ label, perFitUs: 0, x: [] }));
for (const [, f] of fitters) for (let i = 0; i < 20; i++) f(sets[i].y, sets[i].p0); // warm-up
const CHUNK = 50;
for (let c = 0; c < NFITS; c += CHUNK) {
  fitters.forEach(([label, f], q) => {
    if (label.includes("tuned") && c >= SLOW_SETS) return;
    const r = results[q];
    const t0 = performance.now();
    for (let k = c; k < c + CHUNK; k++) r.x.push(f(sets[k].y, sets[k].p0));
    r.perFitUs += (performance.now() - t0) * 1000;
  });
}
for (const r of results) {
  r.perFitUs /= r.x.length;
  if (r.x.length < NFITS) r.label += ` [first ${r.x.length} sets]`;
}
let scipyPeak: { perFitUs: number; x: number[][] } | null = null;
if (python) {
  writeFileSync(join(dir, "peaks.json"), JSON.stringify({ x: gx, sets }));
  writeFileSync(
    join(dir, "peaks.py"),
    `
import json, sys, time, numpy as np
from scipy.optimize import curve_fit
d = json.load(open(sys.argv[1])); x = np.array(d['x'])
f = lambda x, a, mu, s: a * np.exp(-(x - mu) ** 2 / (2 * s * s))
out = []
t = time.perf_counter()
for s in d['sets']:
    try:
        p, _ = curve_fit(f, x, np.array(s['y']), p0=s['p0'])
        out.append(list(p))
    except Exception:
        out.append([float('nan')] * 3)
us = (time.perf_counter() - t) * 1e6 / len(d['sets'])
print(json.dumps({'perFitUs': us, 'x': out}))
`,
  );
  scipyPeak = JSON.parse(execFileSync("python3", [join(dir, "peaks.py"), join(dir, "peaks.json")], { encoding: "utf8", maxBuffer: 1 << 26 }));
  results.push({ label: "scipy curve_fit (defaults: MINPACK lm, forward differences)", perFitUs: scipyPeak!.perFitUs, x: scipyPeak!.x });
}
const best = sets.map((s, k) => Math.min(...results.map((r) => (k < r.x.length && Array.from(r.x[k]).every(Number.isFinite) ? rss(r.x[k], s.y) : Infinity))));
console.log(`\n## Nonlinear: ${NFITS} Gaussian-peak fits (m = ${M}, 3 parameters)\n`);
console.log("| implementation | us per fit | ml-lm (defaults) / this | converged (RSS excess < 1e-6) | median RSS excess | max RSS excess |");
console.log("|---|---|---|---|---|---|");
const mlDefault = results.find((r) => r.label.startsWith("ml-levenberg-marquardt (defaults)"))!.perFitUs;
for (const r of results) {
  const cnt = r.x.length;
  const ex = r.x.map((x, k) => (Array.from(x).every(Number.isFinite) ? rss(x, sets[k].y) / best[k] - 1 : Infinity)).sort((a, b) => a - b);
  const conv = ex.filter((e) => e < 1e-6).length;
  console.log(`| ${r.label} | ${r.perFitUs.toFixed(1)} | ${(mlDefault / r.perFitUs).toFixed(1)}x | ${conv}/${cnt} | ${ex[cnt >> 1].toExponential(1)} | ${ex[cnt - 1].toExponential(1)} |`);
}
if (!python) console.log("\n(scipy not measured: python3 with scipy is not installed)");
export {};
