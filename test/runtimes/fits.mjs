// The ONE script every runtime runs (Node ESM, Node CJS, Deno, Chromium, workerd).
// It takes the imported namespaces of "lsqkit" and "lsqkit/nn" and the NIST problems (each harness loads
// them its own way: fs, Deno.readTextFile, fetch, worker JSON modules) and returns
// a JSON-able object in which every Float64 is the hex of its 64 bits, so the
// runner (run.mjs) can compare runtimes bit for bit.
//
// Parts (each runs when the API exists; the final suite requires all three):
//   linear    NIST Longley with lstsq on the design matrix [1, x1..x6]
//   nonlinear NIST Misra1a with curveFit and the expression "b1*(1-exp(-b2*x))" from start1
//   mlp       a tiny MLP (1-8-1, tanh) fitted with a fixed seed on arithmetic-only data (from "lsqkit/nn")
// plus `sharedCore`: "lsqkit" and "lsqkit/nn" must be ONE wasm core (the same init,
// initSync and LsqError objects, i.e. one evaluation of the shared chunk's module state).

/** Hex of a double's bits ("-0" and NaN payloads included): identical iff bit-identical. */
export function f64hex(x) {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  return dv.getBigUint64(0).toString(16).padStart(16, "0");
}

// Keys whose values legitimately differ between runs (wall-clock times).
// (stack: file paths differ by runtime)
const VOLATILE = /time|elapsed|duration|^stack$/i;

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
  // p0 by name: the expression's parameters are b1, b2 (NIST's names)
  const p0 = { b1: misra1a.start1[0], b2: misra1a.start1[1] };
  const fit = lib.curveFit("b1*(1-exp(-b2*x))", { x: misra1a.x, y: misra1a.y }, p0, {
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
  // and a first-order run: seeded shuffling and mini-batches must replay identically too
  const adamModel = lib.mlp([1, 6, 1], { activation: "tanh", seed: 3 });
  const adamHistory = adamModel.fit(x, y, { optimizer: "adam", epochs: 20, batchSize: 8, seed: 3 });
  // a classifier: He (normal) init, sigmoid hidden, softmax output, cross-entropy, momentum + cosine schedule
  const cx = [];
  const cy = [];
  for (let i = 0; i < 16; i++) {
    const a = (i % 4) / 3 - 0.5;
    const b = ((i >> 2) % 4) / 3 - 0.5;
    cx.push([a, b]);
    cy.push(a * b > 0 ? [1, 0] : [0, 1]);
  }
  const classifier = lib.mlp([2, 6, 2], { init: "he", activation: "sigmoid", outputActivation: "softmax", seed: 5 });
  const classifierHistory = classifier.fit(cx, cy, {
    loss: "crossEntropy",
    optimizer: "momentum",
    epochs: 12,
    batchSize: 4,
    seed: 5,
    learningRateSchedule: { type: "cosine", decayEpochs: 12 },
  });
  return {
    history: exact(history),
    prediction: exact(prediction),
    weights: exact(weights),
    adam: { history: exact(adamHistory), prediction: exact(adamModel.predict([[-0.75], [0], [0.5]])) },
    classifier: { history: exact(classifierHistory), prediction: exact(classifier.predict([[0.25, 0.25], [-0.25, 0.25]])) },
    check: { firstLoss: firstLoss(history), lastLoss: lastLoss(history) },
  };
}

function lossList(history) {
  const l = history && (history.loss ?? history.history?.loss);
  return Array.isArray(l) || ArrayBuffer.isView(l) ? Array.from(l) : [];
}
const firstLoss = (h) => lossList(h)[0];
const lastLoss = (h) => lossList(h).at(-1);

/** Seeded arguments for the elementary-function probes. */
function probeArguments() {
  let s = 2024;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const xs = [];
  for (let i = 0; i < 300; i++) xs.push(i % 2 ? (r() - 0.5) * 40 : r() * 3);
  return xs;
}

const UNARY = ["exp", "expm1", "log", "log1p", "log2", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "cbrt"];

/** f(x) for every probe argument, as bit patterns; `math` is Math or lsqkit's portable math. */
function probeMath(math) {
  const xs = probeArguments();
  const out = {};
  for (const f of UNARY) out[f] = xs.map((x) => f64hex(math[f](f === "asin" || f === "acos" ? x / 20 : x)));
  out.pow = xs.map((x, i) => f64hex(math.pow(Math.abs(x) + 0.5, xs[(i + 7) % xs.length] / 4)));
  out.atan2 = xs.map((x, i) => f64hex(math.atan2(x, xs[(i + 3) % xs.length])));
  return out;
}

/**
 * Runs every part whose API exists. `lib`, `nn`: the namespaces of "lsqkit" and
 * "lsqkit/nn" as the runtime imports them. `required` names parts that must exist.
 * `portableMath`: lsqkit's src/math/portable (build/lib/math/portable.js), probed
 * beside the engine's Math (whose bits are allowed to differ, and are counted).
 */
export async function runFits(lib, nn, data, { required = [], portableMath = null } = {}) {
  const parts = {};
  const errors = {};
  if (portableMath) parts.portableMath = probeMath(portableMath);
  const engineMath = probeMath(Math);
  const missing = [];
  const want = { linear: "lstsq", nonlinear: "curveFit", mlp: "mlp" };
  const from = { linear: lib, nonlinear: lib, mlp: nn };
  // same function objects <=> the same module instance of src/wasm/module.ts (one `current` core)
  parts.sharedCore = { init: nn.init === lib.init, initSync: nn.initSync === lib.initSync, LsqError: nn.LsqError === lib.LsqError };
  for (const [part, api] of Object.entries(want)) {
    if (typeof from[part][api] !== "function") {
      missing.push(part);
      continue;
    }
    try {
      if (part === "linear") parts.linear = linear(lib, data.longley);
      if (part === "nonlinear") parts.nonlinear = nonlinear(lib, data.misra1a);
      if (part === "mlp") parts.mlp = neural(nn);
    } catch (e) {
      parts[part] = { threw: exact(e) };
      errors[part] = String((e && e.stack) || e);
    }
  }
  for (const r of required) if (missing.includes(r)) throw new Error(`lsqkit API for '${r}' (${want[r]}) is not exported`);
  return { parts, missing, errors, exports: { lsqkit: Object.keys(lib).sort(), nn: Object.keys(nn).sort() }, engineMath };
}
