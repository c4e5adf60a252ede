// Expression models: cost of one residual + Jacobian evaluation (the solver's inner call) on NIST
// problems, compiled tape (sparse forward-mode AD over columns) vs a hand-written JS closure of the
// same model and derivatives (the floor), and vs the per-point gradient path.
// Run: npm run compile && node build/ts/bench/expression.js
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileExpression } from "../src/models/expression.js";
import { nistModelExpression } from "../src/models/nist.js";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = [join(here, "../data/nist"), join(here, "../../../data/nist")].find((d) => {
  try {
    readFileSync(join(d, "index.json"));
    return true;
  } catch {
    return false;
  }
}) as string;

interface Prob { name: string; x: number[]; params: string[]; certified: number[]; model: { js: string } }
const load = (name: string) => JSON.parse(readFileSync(join(dataDir, `${name}.json`), "utf8")) as Prob;

/** Hand-written value + Jacobian for the benchmarked models (the baseline a user would code). */
const hand: Record<string, (p: ArrayLike<number>, x: Float64Array, out: Float64Array, J: Float64Array) => void> = {
  Misra1a(p, x, out, J) {
    for (let i = 0; i < x.length; i++) {
      const e = Math.exp(-p[1] * x[i]);
      out[i] = p[0] * (1 - e);
      J[i * 2] = 1 - e;
      J[i * 2 + 1] = p[0] * x[i] * e;
    }
  },
  Gauss1(p, x, out, J) {
    for (let i = 0; i < x.length; i++) {
      const t = x[i];
      const e1 = Math.exp(-p[1] * t);
      const u = (t - p[3]) / p[4];
      const e2 = Math.exp(-u * u);
      const v = (t - p[6]) / p[7];
      const e3 = Math.exp(-v * v);
      out[i] = p[0] * e1 + p[2] * e2 + p[5] * e3;
      const r = i * 8;
      J[r] = e1;
      J[r + 1] = -p[0] * t * e1;
      J[r + 2] = e2;
      J[r + 3] = (p[2] * e2 * 2 * u) / p[4];
      J[r + 4] = (p[2] * e2 * 2 * u * u) / p[4];
      J[r + 5] = e3;
      J[r + 6] = (p[5] * e3 * 2 * v) / p[7];
      J[r + 7] = (p[5] * e3 * 2 * v * v) / p[7];
    }
  },
};

function time(f: () => void, minMs = 200): number {
  for (let i = 0; i < 50; i++) f();
  let reps = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (let i = 0; i < 20; i++) f();
    reps += 20;
    t = performance.now();
  }
  return ((t - t0) * 1000) / reps; // microseconds per call
}

const rows: string[] = [];
rows.push("problem    m  n  tape us  hand us  tape/hand  per-point us  per-point/tape  slots");
for (const name of ["Misra1a", "Gauss1", "ENSO", "Thurber", "Bennett5", "Rat43", "Misra1a"]) {
  const p = load(name);
  const e = compileExpression(nistModelExpression(p.model.js), p.params, ["x"]);
  const x = Float64Array.from(p.x);
  const m = x.length;
  const n = p.params.length;
  const out = new Float64Array(m);
  const J = new Float64Array(m * n);
  const g = new Float64Array(n);
  const pt = [0];
  const P = Float64Array.from(p.certified);
  const cols = [x];
  const tTape = time(() => e.evaluateBatch(P, cols, out, J));
  const tPoint = time(() => {
    for (let i = 0; i < m; i++) {
      pt[0] = x[i];
      out[i] = e.evaluateWithGradient(p.certified, pt, g);
    }
  });
  const h = hand[name];
  const tHand = h ? time(() => h(p.certified, x, out, J)) : NaN;
  const slots = (e as unknown as { tape: { op: Int32Array } }).tape.op.length;
  rows.push(
    `${name.padEnd(9)} ${String(m).padStart(3)} ${String(n).padStart(2)} ${tTape.toFixed(2).padStart(8)} ${Number.isNaN(tHand) ? "       -" : tHand.toFixed(2).padStart(8)} ${Number.isNaN(tHand) ? "        -" : (tTape / tHand).toFixed(2).padStart(10)} ${tPoint.toFixed(2).padStart(13)} ${(tPoint / tTape).toFixed(1).padStart(15)} ${String(slots).padStart(6)}`,
  );
}
console.log("Expression models: values + Jacobian per call at the certified parameters (microseconds)");
console.log(rows.join("\n"));
