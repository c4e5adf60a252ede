// The ONE script every runtime runs (Node ESM, Node CJS, Deno, Chromium, workerd).
// It takes the imported lsqkit namespace and the NIST problems (each harness loads
// them its own way: fs, Deno.readTextFile, fetch, worker JSON modules) and returns
// a JSON-able object in which every Float64 is the hex of its 64 bits, so the
// runner (run.mjs) can compare runtimes bit for bit.
//
// Parts (each runs when the API exists; the final suite requires all three):
//   linear    NIST Longley with lstsq on the design matrix [1, x1..x6]
//   nonlinear NIST Misra1a with curveFit and the expression "b1*(1-exp(-b2*x))" from start1
//   mlp       a tiny MLP (1-8-1, tanh) fitted with a fixed seed on arithmetic-only data

/** Hex of a double's bits ("-0" and NaN payloads included): identical iff bit-identical. */
export function f64hex(x) {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  return dv.getBigUint64(0).toString(16).padStart(16, "0");
}

// Keys whose values legitimately differ between runs (wall-clock times).
const VOLATILE = /time|elapsed|duration/i;

/** Deep copy with every number replaced by its bit pattern; functions dropped. */
export function exact(value, depth = 0) {
  if (depth > 8) return "<deep>";
  if (typeof value === "number") return f64hex(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value, (v) => exact(v, depth + 1));
  if (Array.isArray(value)) return value.map((v) => exact(v, depth + 1));
  if (value instanceof Error) return { error: value.name, code: value.code, message: value.message };
  const out = {};
  for (const key of Object.keys(value).sort()) {
    if (VOLATILE.test(key)) continue;
    const v = exact(value[key], depth + 1);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function columnsToRows(columns) {
  const n = columns[0].length;
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(columns.map((c) => c[i]));
  return rows;
}

function linear(lib, longley) {
  const cols = Array.isArray(longley.x[0]) ? longley.x : [longley.x];
  const A = columnsToRows(cols).map((row) => [1, ...row]);
  const fit = lib.lstsq(A, longley.y);
  return {
    problem: "Longley",
    coefficients: exact(fit.coefficients),
    stdErrors: exact(fit.stdErrors),
    residualSumOfSquares: exact(fit.residualSumOfSquares),
    rank: fit.rank,
    rSquared: exact(fit.rSquared),
    fit: exact(fit),
    // plain numbers for the runner's sanity check against NIST's certified values
    check: { estimate: Array.from(fit.coefficients), certified: longley.certified },
  };
}

function nonlinear(lib, misra1a) {
  const iterations = [];
  const fit = lib.curveFit("b1*(1-exp(-b2*x))", { x: misra1a.x, y: misra1a.y }, misra1a.start1, {
    onIteration: (it) => {
      iterations.push(exact(it));
    },
  });
  const p = Array.from(fit.x ?? fit.params ?? fit.parameters);
  return {
    problem: "Misra1a",
    parameters: exact(p),
    finalCost: exact(fit.finalCost),
    stdErrors: exact(fit.stdErrors),
    iterations: fit.iterations,
    onIteration: iterations,
    prediction: typeof fit.predict === "function" ? exact(Array.from(fit.predict([1, 100, 500]))) : null,
    fit: exact(fit),
    check: { estimate: p, certified: misra1a.certified },
  };
}

/** Training data from + - * / only (IEEE-exact everywhere): y = x^3 - x/2 on [-1, 1]. */
function mlpData() {
  const x = [];
  const y = [];
  for (let i = 0; i < 24; i++) {
    const t = -1 + (2 * i) / 23;
    x.push([t]);
    y.push([t * t * t - t / 2]);
  }
  return { x, y };
}

function neural(lib) {
  const { x, y } = mlpData();
  const model = lib.mlp([1, 8, 1], { activation: "tanh", seed: 7 });
  const history = model.fit(x, y, { optimizer: "levenbergMarquardt", epochs: 15, seed: 7 });
  const prediction = model.predict([[-0.75], [0], [0.5]]);
  const weights = typeof model.toJSON === "function" ? model.toJSON() : null;
  return { history: exact(history), prediction: exact(prediction), weights: exact(weights) };
}

/** Runs every part whose API exists. `required` names parts that must exist. */
export async function runFits(lib, data, { required = [] } = {}) {
  const parts = {};
  const missing = [];
  const want = { linear: "lstsq", nonlinear: "curveFit", mlp: "mlp" };
  for (const [part, api] of Object.entries(want)) {
    if (typeof lib[api] !== "function") {
      missing.push(part);
      continue;
    }
    try {
      if (part === "linear") parts.linear = linear(lib, data.longley);
      if (part === "nonlinear") parts.nonlinear = nonlinear(lib, data.misra1a);
      if (part === "mlp") parts.mlp = neural(lib);
    } catch (e) {
      parts[part] = { threw: exact(e), stack: String(e && e.stack) };
    }
  }
  for (const r of required) if (missing.includes(r)) throw new Error(`lsqkit API for '${r}' (${want[r]}) is not exported`);
  return { parts, missing, exports: Object.keys(lib).sort() };
}
