// lsqkit browser example: bundled NIST data or a CSV, a model expression, Levenberg-
// Marquardt watched iteration by iteration (onIteration), data + fitted curve +
// residuals drawn as SVG, and the fit report.
import { init, curveFit, compileExpression, expressionIdentifiers } from "lsqkit";

const PRESETS = {
  Misra1a: "b1*(1-exp(-b2*x))",
  Chwirut2: "exp(-b1*x)/(b2+b3*x)",
  DanWood: "b1*x^b2",
  Thurber: "(b1 + b2*x + b3*x^2 + b4*x^3) / (1 + b5*x + b6*x^2 + b7*x^3)",
};
const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";
let data = null; // { x: number[], y: number[], name }

function status(text, isError = false) {
  $("status").textContent = text;
  $("status").className = isError ? "err" : "";
}

async function loadPreset(name) {
  const problem = await (await fetch(`/data/nist/${name}.json`)).json();
  data = { name, x: problem.x, y: problem.y };
  $("expr").value = PRESETS[name];
  $("p0").value = problem.start1.join(", ");
  drawPlots(null);
}

/** Two numeric columns; lines that do not parse (a header) are skipped. */
function parseCsv(text) {
  const x = [];
  const y = [];
  for (const line of text.split(/\r?\n/)) {
    const cells = line.split(/[,;\t ]+/).filter(Boolean).map(Number);
    if (cells.length >= 2 && Number.isFinite(cells[0]) && Number.isFinite(cells[1])) {
      x.push(cells[0]);
      y.push(cells[1]);
    }
  }
  if (x.length < 2) throw new Error("the CSV needs at least two rows of two numeric columns");
  return { x, y };
}

// ---- plotting (plain SVG) ----
function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (parent) parent.appendChild(e);
  return e;
}

function niceTicks(lo, hi, n = 5) {
  const span = hi - lo || 1;
  const step0 = span / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= n) ?? 10 * mag;
  const ticks = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(+t.toPrecision(12));
  return ticks;
}

function frame(svg, xr, yr, title) {
  svg.replaceChildren();
  const W = +svg.getAttribute("width");
  const H = +svg.getAttribute("height");
  const m = { l: 64, r: 12, t: 20, b: 28 };
  const sx = (v) => m.l + ((v - xr[0]) / (xr[1] - xr[0] || 1)) * (W - m.l - m.r);
  const sy = (v) => H - m.b - ((v - yr[0]) / (yr[1] - yr[0] || 1)) * (H - m.t - m.b);
  el("text", { x: m.l, y: 14, "font-size": 12, fill: "#444" }, svg).textContent = title;
  for (const t of niceTicks(xr[0], xr[1])) {
    el("line", { x1: sx(t), x2: sx(t), y1: m.t, y2: H - m.b, stroke: "#eee" }, svg);
    el("text", { x: sx(t), y: H - m.b + 14, "font-size": 10, "text-anchor": "middle", fill: "#666" }, svg).textContent = String(t);
  }
  for (const t of niceTicks(yr[0], yr[1], 6)) {
    el("line", { x1: m.l, x2: W - m.r, y1: sy(t), y2: sy(t), stroke: "#eee" }, svg);
    el("text", { x: m.l - 6, y: sy(t) + 3, "font-size": 10, "text-anchor": "end", fill: "#666" }, svg).textContent = String(t);
  }
  el("rect", { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, fill: "none", stroke: "#bbb" }, svg);
  return { sx, sy };
}

function range(values, pad = 0.05) {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  const d = (hi - lo || Math.abs(hi) || 1) * pad;
  return [lo - d, hi + d];
}

/** fit: { predict(xs) } or null (data only); label: the iteration shown. */
function drawPlots(fit, label = "") {
  const xr = range(data.x);
  const curveX = Array.from({ length: 200 }, (_, i) => xr[0] + ((xr[1] - xr[0]) * i) / 199);
  const curveY = fit ? Array.from(fit.predict(curveX)) : [];
  const finite = curveY.filter(Number.isFinite);
  const yr = range([...data.y, ...(finite.length ? [Math.min(...finite), Math.max(...finite)] : [])].filter(Number.isFinite));
  const p = frame($("plot"), xr, [Math.max(yr[0], Math.min(...data.y) - 2 * (yr[1] - yr[0])), yr[1]], `${data.name}: data and fitted curve ${label}`);
  for (let i = 0; i < data.x.length; i++) el("circle", { cx: p.sx(data.x[i]), cy: p.sy(data.y[i]), r: 3, fill: "#1f77b4" }, $("plot"));
  if (fit) {
    const d = curveX.map((x, i) => (Number.isFinite(curveY[i]) ? `${i ? "L" : "M"}${p.sx(x).toFixed(1)},${p.sy(curveY[i]).toFixed(1)}` : "")).join("");
    el("path", { d, fill: "none", stroke: "#d62728", "stroke-width": 2 }, $("plot"));
    const fitted = Array.from(fit.predict(data.x));
    const res = data.y.map((y, i) => y - fitted[i]);
    const rr = range([...res, 0].filter(Number.isFinite), 0.15);
    const q = frame($("resid"), xr, rr, "residuals y - f(x)");
    el("line", { x1: q.sx(xr[0]), x2: q.sx(xr[1]), y1: q.sy(0), y2: q.sy(0), stroke: "#888" }, $("resid"));
    for (let i = 0; i < res.length; i++) {
      el("line", { x1: q.sx(data.x[i]), x2: q.sx(data.x[i]), y1: q.sy(0), y2: q.sy(res[i]), stroke: "#2ca02c" }, $("resid"));
      el("circle", { cx: q.sx(data.x[i]), cy: q.sy(res[i]), r: 2.5, fill: "#2ca02c" }, $("resid"));
    }
  } else {
    frame($("resid"), xr, [-1, 1], "residuals (fit to see them)");
  }
}

// ---- fit report ----
const fmt = (v) => (typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toPrecision(8)) : String(v));

function showReport(fit, names) {
  const rows = names.map((n, i) => [n, fmt(fit.x[i]), fit.stdErrors ? `± ${fmt(fit.stdErrors[i])}` : ""]);
  const stats = [
    ["termination", fit.termination ?? "", fit.success ? "success" : "not converged"],
    ["iterations", fmt(fit.iterations), ""],
    ["final cost ½Σr²", fmt(fit.finalCost), ""],
    ["χ²", fit.chiSquare !== undefined ? fmt(fit.chiSquare) : "", ""],
    ["reduced χ²", fit.reducedChiSquare !== undefined ? fmt(fit.reducedChiSquare) : "", ""],
    ["R²", fit.rSquared !== undefined ? fmt(fit.rSquared) : "", ""],
    ["dof", fit.degreesOfFreedom !== undefined ? fmt(fit.degreesOfFreedom) : "", ""],
  ];
  $("report").replaceChildren();
  const head = $("report").insertRow();
  for (const h of ["", "value", "std. error"]) head.appendChild(Object.assign(document.createElement("th"), { textContent: h }));
  for (const r of [...rows, ...stats]) {
    const tr = $("report").insertRow();
    for (const c of r) tr.insertCell().textContent = c;
  }
}

function iterationRow(info) {
  const tr = $("iters").insertRow();
  for (const v of [info.iteration, info.cost.toExponential(6), info.damping.toExponential(2), Number.isFinite(info.gainRatio) ? info.gainRatio.toFixed(3) : "–", info.accepted ? "✓" : "✗"]) {
    tr.insertCell().textContent = String(v);
  }
  $("iters").scrollTop = $("iters").scrollHeight;
}

const frameDelay = () => new Promise((r) => setTimeout(r, 120));

async function runFit() {
  window.__fitDone = false;
  window.__report = null;
  try {
    const expr = $("expr").value.trim();
    const names = expressionIdentifiers(expr).filter((n) => n !== "x");
    const p0 = $("p0").value.split(/[,\s]+/).filter(Boolean).map(Number);
    if (p0.length !== names.length) throw new Error(`${names.length} parameters (${names.join(", ")}) need ${names.length} start values, got ${p0.length}`);
    const sample = { x: data.x, y: data.y };
    const start = Object.fromEntries(names.map((n, i) => [n, p0[i]])); // p0 by parameter name
    // Levenberg-Marquardt runs synchronously; onIteration records each iteration.
    const log = [];
    const fit = curveFit(expr, sample, start, { onIteration: (info) => void log.push({ ...info }) });
    // Watch it iterate: the point after k iterations is the fit stopped at maxIterations = k
    // (the solver is deterministic), replayed with the iteration table.
    $("iters").replaceChildren();
    const head = $("iters").insertRow();
    for (const h of ["iter", "cost", "λ", "gain ρ", "acc"]) head.appendChild(Object.assign(document.createElement("th"), { textContent: h }));
    const model = compileExpression(expr, names, ["x"]);
    drawPlots({ predict: (xs) => xs.map((x) => model.evaluate(p0, [x])) }, "(start values)");
    for (let k = 0; k < log.length; k++) {
      status(`iteration ${log[k].iteration}: cost ${log[k].cost.toExponential(6)}`);
      iterationRow(log[k]);
      if (log[k].accepted) drawPlots(curveFit(expr, sample, start, { maxIterations: log[k].iteration }), `(iteration ${log[k].iteration})`);
      await frameDelay();
    }
    drawPlots(fit, "(final)");
    showReport(fit, names);
    status(`${fit.message ?? fit.reason ?? ""} — ${fit.iterations} iterations, ${fit.residualEvaluations} residual evaluations`);
    window.__report = { x: Array.from(fit.x), iterations: fit.iterations, success: fit.success, logged: log.length };
  } catch (e) {
    status(String(e.message ?? e), true);
    window.__report = { error: String(e.message ?? e) };
  }
  window.__fitDone = true;
}

$("dataset").addEventListener("change", async (ev) => {
  const v = ev.target.value;
  $("csvLabel").hidden = v !== "csv";
  if (v !== "csv") await loadPreset(v);
});
$("csv").addEventListener("change", async (ev) => {
  const file = ev.target.files[0];
  if (!file) return;
  try {
    data = { name: file.name, ...parseCsv(await file.text()) };
    drawPlots(null);
    status(`${data.x.length} points from ${file.name}`);
  } catch (e) {
    status(String(e.message ?? e), true);
  }
});
$("fit").addEventListener("click", runFit);

await init(); // the portable path: compiles the inlined wasm asynchronously
await loadPreset("Misra1a");
window.__ready = true;
if (new URLSearchParams(location.search).has("autofit")) runFit();
