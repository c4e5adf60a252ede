/**
 * `lsqkit fit data.csv --model EXPR --start b1=1,...`: reads a CSV, fits an
 * expression (or built-in) model with curveFit, prints the fit report or JSON.
 */
import { builtinModels, polynomialModel } from "../models/builtins.js";
import { expressionIdentifiers } from "../models/expression.js";
import { CONSTANTS } from "../models/expression/ops.js";
import { UsageError, formatFlags, parseArgs, parseAssignments, suggest, type FlagSpec } from "./args.js";
import { DataError, columnIndex, numericColumn, readCsvFile, type CsvTable } from "./csv.js";
import { EXIT, type CliIo, type CliLibrary, type FitResultLike } from "./io.js";

const METHODS = ["levenbergMarquardt", "gaussNewton", "dogleg"];
const LINEAR_SOLVERS = ["auto", "qr", "cholesky"];
const LOSSES = ["linear", "huber", "softL1", "cauchy", "arctan"];

export const FIT_FLAGS: readonly FlagSpec[] = [
  { name: "model", kind: "string", value: "EXPR|NAME", help: `model expression in the predictor(s) and parameters, e.g. "b1*exp(-b2*x)+b3", or a built-in: ${Object.keys(builtinModels).join(", ")}, polynomialN` },
  { name: "start", kind: "string", value: "p=v,...", help: "starting values of every parameter, e.g. b1=1,b2=0.1,b3=0 (their order is the parameter order)" },
  { name: "x", kind: "string", value: "col[,col...]", help: "predictor column(s) by header name or 1-based number (default: the model's names that are columns, else 'x', else the first column)" },
  { name: "y", kind: "string", value: "col", help: "response column (default: 'y' if present, else the second column)" },
  { name: "sigma", kind: "string", value: "col", help: "column of measurement standard deviations (weights 1/sigma^2)" },
  { name: "absolute-sigma", kind: "boolean", help: "sigma are true standard deviations: covariance not rescaled by the reduced chi-square (scipy's absolute_sigma)" },
  { name: "loss", kind: "string", value: "NAME", help: `robust loss: ${LOSSES.join(", ")} (default linear)` },
  { name: "loss-scale", kind: "number", value: "S", help: "residual scale where the robust loss starts to down-weight (default 1)" },
  { name: "method", kind: "string", value: "NAME", help: `${METHODS.join(", ")} (default levenbergMarquardt)` },
  { name: "linear-solver", kind: "string", value: "NAME", help: `${LINEAR_SOLVERS.join(", ")} (default auto)` },
  { name: "lower", kind: "string", value: "p=v,...", help: "lower bounds, e.g. b2=0 (inf / -inf allowed)" },
  { name: "upper", kind: "string", value: "p=v,...", help: "upper bounds" },
  { name: "fix", kind: "string", value: "p[,p...]", help: "parameters held at their start values" },
  { name: "max-iterations", kind: "number", value: "N", help: "stop after N iterations (success false)" },
  { name: "timeout-ms", kind: "number", value: "MS", help: "stop after this wall time in milliseconds (success false)" },
  { name: "nan-policy", kind: "string", value: "raise|omit", help: "raise (default): an empty, non-numeric or non-finite value in a used column is an error naming its line; omit: drop such rows" },
  { name: "delimiter", kind: "string", value: "C", help: "field delimiter (default ','; 'tab' for tab-separated)" },
  { name: "json", kind: "boolean", help: "print the result as JSON instead of the report" },
];

export const FIT_HELP = `Usage: lsqkit fit DATA.csv --model EXPR --start p1=v1,p2=v2,... [options]

Fits a model to the columns of a CSV file by nonlinear least squares
(Levenberg-Marquardt with exact derivatives of the expression) and prints the
fit report: parameters with standard errors, correlations, fit statistics.

DATA.csv may be - for standard input. The first row is a header unless it is
all numbers (then the columns are col1, col2, ...). Lines starting with # and
blank lines are skipped. A single predictor can always be called x in the
model, whatever its column name.

Options:
${formatFlags(FIT_FLAGS)}

Expressions: + - * / ^ (or **), unary minus, parentheses, numbers (1e-3, .5),
exp log sqrt sin cos tan asin acos atan sinh cosh tanh abs log10 and
pow(a,b) atan2(y,x) min(a,b) max(a,b), constants pi and e.

Exit codes: 0 converged; 1 bad data or model; 2 bad usage; 3 did not converge.

Example:
  lsqkit fit decay.csv --model "b1*exp(-b2*t)+b3" --start b1=1,b2=0.1,b3=0 --x t --y counts
`;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface ModelChoice {
  expression: string;
  /** parameter order from a built-in, used when --start is missing to say what is needed */
  builtinParameters: readonly string[] | null;
}

function chooseModel(text: string): ModelChoice {
  const t = text.trim();
  if (Object.prototype.hasOwnProperty.call(builtinModels, t)) return { expression: builtinModels[t].expression, builtinParameters: builtinModels[t].parameters };
  const poly = /^polynomial\s*\(?\s*(\d+)\s*\)?$/.exec(t);
  if (poly) {
    const pm = polynomialModel(Number(poly[1]));
    return { expression: pm.expression, builtinParameters: pm.parameters };
  }
  return { expression: t, builtinParameters: null };
}

function jsonNumber(v: number): number | string {
  return Number.isFinite(v) ? v : String(v);
}

/** JSON view of a FitResult: every scalar statistic it has, parameters by name, matrices as rows. */
export function fitToJson(r: FitResultLike, names: readonly string[], extra: Record<string, unknown>): Record<string, unknown> {
  const params: Record<string, { value: number | string; stdError: number | string | null }> = {};
  names.forEach((name, k) => {
    params[name] = { value: jsonNumber(r.x[k]), stdError: r.stdErrors ? jsonNumber(r.stdErrors[k]) : null };
  });
  const out: Record<string, unknown> = { ...extra, parameters: params };
  for (const [key, v] of Object.entries(r)) {
    if (key === "x" || key === "params" || key === "stdErrors" || key === "residuals" || key === "log") continue;
    if (typeof v === "number") out[key] = jsonNumber(v);
    else if (typeof v === "boolean" || typeof v === "string") out[key] = v;
    else if (Array.isArray(v) && v.every((row) => Array.isArray(row))) {
      out[key] = (v as number[][]).map((row) => row.map(jsonNumber));
    } else if (v && typeof v === "object" && "rows" in v && "cols" in v && "data" in v) {
      const m = v as { rows: number; cols: number; data: ArrayLike<number> };
      out[key] = Array.from({ length: m.rows }, (_, i) => Array.from({ length: m.cols }, (_, j) => jsonNumber(m.data[i * m.cols + j])));
    }
  }
  return out;
}

/** Runs `lsqkit fit`; returns the exit code. */
export function fitCommand(argv: readonly string[], io: CliIo, lib: CliLibrary): number {
  const { flags, positionals } = parseArgs(argv, FIT_FLAGS, "fit");
  if (flags.get("help")) {
    io.out(FIT_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("lsqkit fit needs a data file: lsqkit fit DATA.csv --model EXPR --start p=v,... (see 'lsqkit fit --help')");
  if (positionals.length > 1) throw new UsageError(`lsqkit fit takes one data file, got ${positionals.length}: ${positionals.join(" ")} (quote the model expression?)`);
  const modelText = flags.get("model");
  if (typeof modelText !== "string" || modelText.trim() === "") throw new UsageError('--model is required, e.g. --model "b1*exp(-b2*x)+b3" or --model gaussian');
  const enumFlag = (name: string, allowed: string[]): string | undefined => {
    const v = flags.get(name);
    if (v === undefined) return undefined;
    if (!allowed.includes(v as string)) {
      const near = suggest(v as string, allowed);
      throw new UsageError(`--${name} must be one of ${allowed.join(", ")}; got '${v}'${near ? ` (did you mean '${near}'?)` : ""}`);
    }
    return v as string;
  };
  const method = enumFlag("method", METHODS);
  const linearSolver = enumFlag("linear-solver", LINEAR_SOLVERS);
  const loss = enumFlag("loss", LOSSES);

  const model = chooseModel(modelText);
  // Syntax errors surface here, before the data is read (LsqError PARSE_ERROR with the column).
  const used = expressionIdentifiers(model.expression);

  const file = positionals[0];
  const table = readCsvFile(io, file, flags.get("delimiter") as string | undefined);

  // Parameter names given in --start are never taken for predictor columns.
  const startText = flags.get("start");
  const startNames = typeof startText === "string" ? parseAssignments(startText, "start").map(([n]) => n) : [];
  // Response, sigma and predictor columns.
  const sigmaIndex = flags.has("sigma") ? columnIndex(table, flags.get("sigma") as string) : -1;
  const explicitX = flags.has("x") ? parseColumnList(table, flags.get("x") as string) : null;
  // A column named like a constant (e, pi, PI) that the expression mentions is that column, as a
  // parameter of that name would be (names shadow constants); expressionIdentifiers omits them.
  const constantNames = new Set(Object.keys(CONSTANTS));
  const constantColumns = table.names.filter((n) => constantNames.has(n) && !startNames.includes(n) && new RegExp(`\\b${n}\\b`).test(model.expression));
  const usedNames = [...used, ...constantColumns];
  const modelColumns = table.names.map((n, j) => (usedNames.includes(n) && !startNames.includes(n) ? j : -1)).filter((j) => j >= 0 && j !== sigmaIndex);
  let yIndex: number;
  if (flags.has("y")) yIndex = columnIndex(table, flags.get("y") as string);
  else if (table.names.includes("y")) yIndex = table.names.indexOf("y");
  else {
    // default x is the first column, so y is the first other one
    const taken = new Set<number>(explicitX ?? (modelColumns.length > 0 ? modelColumns : [table.names.includes("x") ? table.names.indexOf("x") : 0]));
    if (sigmaIndex >= 0) taken.add(sigmaIndex);
    yIndex = table.names.findIndex((_, j) => !taken.has(j));
    if (yIndex < 0) throw new DataError(`${file}: no column left for the response y (columns: ${table.names.join(", ")}); name it with --y`);
  }
  const xIndices = explicitX ?? defaultPredictors(table, modelColumns, yIndex, sigmaIndex);
  if (sigmaIndex >= 0 && (sigmaIndex === yIndex || xIndices.includes(sigmaIndex))) throw new UsageError(`column '${table.names[sigmaIndex]}' cannot be sigma and also the response or a predictor`);
  for (const j of xIndices) {
    if (j === yIndex) throw new UsageError(`column '${table.names[j]}' is both the response (--y) and a predictor (--x)`);
  }
  // The names the expression sees: the column names, or x for a single predictor.
  let predictorNames = xIndices.map((j) => table.names[j]);
  if (xIndices.length === 1 && !usedNames.includes(predictorNames[0])) predictorNames = ["x"];
  for (const name of predictorNames) {
    if (!IDENT.test(name)) throw new DataError(`${file}: column '${name}' cannot be used in a model expression (names are letters, digits and _); rename it in the header`);
  }
  const parameterNamesInModel = used.filter((n) => !predictorNames.includes(n));

  // Parameters: the names in --start, in that order; each must be used by the model and cover it.
  if (typeof startText !== "string") {
    const need = model.builtinParameters ?? parameterNamesInModel;
    throw new UsageError(`--start is required: give a starting value for ${need.length === 1 ? "the parameter" : "each parameter"} ${need.join(", ")} (e.g. --start ${need.map((n) => `${n}=1`).join(",")})`);
  }
  const start = parseAssignments(startText, "start");
  const names = start.map(([n]) => n);
  for (const n of names) {
    if (predictorNames.includes(n)) throw new UsageError(`--start: '${n}' is a predictor column, not a parameter`);
    // a parameter may be called e or pi (it then shadows the constant); expressionIdentifiers omits those names
    if (!used.includes(n) && !(constantNames.has(n) && new RegExp(`\\b${n}\\b`).test(model.expression))) {
      throw new UsageError(`--start: the model does not use a parameter '${n}' (it uses ${parameterNamesInModel.join(", ") || "no parameters"})`);
    }
  }
  const missing = parameterNamesInModel.filter((n) => !names.includes(n));
  if (missing.length > 0) {
    throw new UsageError(`--start has no value for ${missing.join(", ")}: every name in the model that is not a predictor (${predictorNames.join(", ")}) is a parameter`);
  }
  const p0: Record<string, number> = Object.fromEntries(start);

  const options: Record<string, unknown> = {};
  if (method) options.method = method;
  if (linearSolver) options.linearSolver = linearSolver;
  if (loss) options.loss = loss;
  if (flags.has("loss-scale")) options.lossScale = flags.get("loss-scale");
  if (flags.has("max-iterations")) {
    const v = flags.get("max-iterations") as number;
    if (!Number.isInteger(v) || v < 1) throw new UsageError(`--max-iterations must be a positive integer, got ${v}`);
    options.maxIterations = v;
  }
  if (flags.has("timeout-ms")) {
    const v = flags.get("timeout-ms") as number;
    if (!(v >= 0)) throw new UsageError(`--timeout-ms must be a number >= 0, got ${v}`);
    options.timeoutMs = v;
  }
  if (flags.get("absolute-sigma")) {
    if (sigmaIndex < 0) throw new UsageError("--absolute-sigma needs --sigma COLUMN");
    options.absoluteSigma = true;
  }
  for (const side of ["lower", "upper"] as const) {
    const t = flags.get(side);
    if (typeof t !== "string") continue;
    const bound = names.map(() => (side === "lower" ? -Infinity : Infinity));
    for (const [n, v] of parseAssignments(t, side, true)) {
      const k = names.indexOf(n);
      if (k < 0) throw new UsageError(`--${side}: '${n}' is not a parameter (parameters: ${names.join(", ")})`);
      bound[k] = v;
    }
    options[side] = bound;
  }
  if (typeof flags.get("fix") === "string") {
    const fixed = names.map(() => false);
    for (const raw of (flags.get("fix") as string).split(",")) {
      const n = raw.trim();
      if (n === "") continue;
      const k = names.indexOf(n);
      if (k < 0) throw new UsageError(`--fix: '${n}' is not a parameter (parameters: ${names.join(", ")})`);
      fixed[k] = true;
    }
    options.fixed = fixed;
  }

  const nanPolicy = enumFlag("nan-policy", ["raise", "omit"]);
  const omit = nanPolicy === "omit";
  if (omit) options.nanPolicy = "omit";
  const y = numericColumn(table, yIndex, omit, omit);
  const xCols = xIndices.map((j) => numericColumn(table, j, omit, omit));
  const data: { x: number[] | Record<string, number[]>; y: number[]; sigma?: number[] } = {
    x: predictorNames.length === 1 && predictorNames[0] === "x" ? xCols[0] : Object.fromEntries(predictorNames.map((n, k) => [n, xCols[k]])),
    y,
  };
  if (sigmaIndex >= 0) {
    const sigma = numericColumn(table, sigmaIndex, omit, omit);
    sigma.forEach((s, i) => {
      if (!(s > 0) && !(omit && !Number.isFinite(s))) throw new DataError(`${file} line ${table.lines[i]}, column '${table.names[sigmaIndex]}': sigma must be > 0, got ${s}`);
    });
    data.sigma = sigma;
  }

  const result = lib.curveFit(model.expression, data, p0, options);
  if (flags.get("json")) {
    const extra = {
      file,
      model: model.expression,
      predictors: Object.fromEntries(predictorNames.map((n, k) => [n, table.names[xIndices[k]]])),
      response: table.names[yIndex],
      sigma: sigmaIndex >= 0 ? table.names[sigmaIndex] : null,
      rows: y.length,
    };
    io.out(JSON.stringify(fitToJson(result, names, extra), null, 2) + "\n");
  } else {
    let kept = 0;
    for (let i = 0; i < y.length; i++) {
      if (Number.isFinite(y[i]) && xCols.every((c) => Number.isFinite(c[i])) && (!data.sigma || Number.isFinite(data.sigma[i]))) kept++;
    }
    const rowsText = kept === y.length ? `${y.length} rows` : `${kept} of ${y.length} rows; ${y.length - kept} with missing or non-finite values omitted`;
    io.out(`Data: ${file} (${rowsText}), y = ${table.names[yIndex]}, ${predictorNames.map((n, k) => `${n} = ${table.names[xIndices[k]]}`).join(", ")}${sigmaIndex >= 0 ? `, sigma = ${table.names[sigmaIndex]}` : ""}\n`);
    io.out(`Model: ${model.expression}\n\n`);
    io.out(result.report().replace(/\n?$/, "\n"));
  }
  return result.success ? EXIT.ok : EXIT.notConverged;
}

function parseColumnList(table: CsvTable, spec: string): number[] {
  const parts = spec.split(",").map((s) => s.trim()).filter((s) => s !== "");
  if (parts.length === 0) throw new UsageError("--x is empty");
  const idx = parts.map((s) => columnIndex(table, s));
  if (new Set(idx).size !== idx.length) throw new UsageError(`--x names a column twice: ${spec}`);
  return idx;
}

/** The model's names that are columns; else the column 'x'; else the first column that is not y or sigma. */
function defaultPredictors(table: CsvTable, modelColumns: number[], yIndex: number, sigmaIndex: number): number[] {
  const fromModel = modelColumns.filter((j) => j !== yIndex);
  if (fromModel.length > 0) return fromModel;
  const xi = table.names.indexOf("x");
  if (xi >= 0 && xi !== yIndex && xi !== sigmaIndex) return [xi];
  for (let j = 0; j < table.names.length; j++) if (j !== yIndex && j !== sigmaIndex) return [j];
  throw new DataError(`${table.file}: no column left for the predictor (columns: ${table.names.join(", ")})`);
}
