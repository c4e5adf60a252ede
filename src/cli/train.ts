/**
 * `lsqkit train DATA.csv --target COL [--layers 16,16] [--optimizer levenbergMarquardt]
 *  [--epochs N] [--seed S] ...`: trains an MLP on the numeric columns of a CSV file
 * (features standardised with the training part's mean / SD; for regression the target too),
 * prints one progress line per epoch and the held-out test score; --save writes the model JSON.
 */
import { writeFileSync } from "node:fs";
import { UsageError, formatFlags, parseArgs, suggest, type FlagSpec } from "./args.js";
import { DataError, columnIndex, numericColumn, readCsvFile } from "./csv.js";
import { EXIT, type CliIo } from "./io.js";
import { mlp } from "../nn/mlp.js";
import { trainTestSplit } from "../nn/data.js";
import { formatLogs } from "../nn/history.js";
import { FIT_DEFAULTS } from "../nn/fit.js";
import { ACTIVATIONS, type ActivationName } from "../nn/activations.js";
import { OPTIMIZERS, type OptimizerName } from "../nn/optimizers.js";

const TRAIN_FLAGS: readonly FlagSpec[] = [
  { name: "target", kind: "string", value: "COL", help: "the column to predict (name or 1-based number); required" },
  { name: "features", kind: "string", value: "COL,...", help: "input columns (default: every other column)" },
  { name: "layers", kind: "string", value: "N,N,...", help: "hidden layer sizes (default 16)" },
  { name: "activation", kind: "string", value: "NAME", help: `hidden activation: ${ACTIVATIONS.filter((a) => a !== "softmax").join(", ")} (default tanh)` },
  { name: "classify", kind: "boolean", help: "treat the target as integer class labels 0..K-1 (softmax + crossEntropy)" },
  { name: "optimizer", kind: "string", value: "NAME", help: `${OPTIMIZERS.join(", ")} (default levenbergMarquardt)` },
  { name: "learning-rate", kind: "number", value: "LR", help: "first-order learning rate (default: the optimizer's)" },
  { name: "epochs", kind: "number", value: "N", help: "epochs (default 100)" },
  { name: "batch-size", kind: "number", value: "N", help: "rows per step (default: all for LM/GN, 32 otherwise)" },
  { name: "l2", kind: "number", value: "L", help: "L2 penalty on the weights (default 0)" },
  { name: "test-size", kind: "number", value: "F", help: "fraction of rows held out for the test score (default 0.2; 0 = none)" },
  { name: "seed", kind: "number", value: "S", help: `seed of the initialiser, split and shuffling (default ${FIT_DEFAULTS.seed}, the library default)` },
  { name: "delimiter", kind: "string", value: "C", help: "field separator (default ,; 'tab' for tabs)" },
  { name: "save", kind: "string", value: "FILE", help: "write the trained model (loadModel JSON) to FILE" },
  { name: "quiet", kind: "boolean", help: "no per-epoch lines" },
];

export const TRAIN_HELP = `Usage: lsqkit train DATA.csv --target COL [options]

Trains a multilayer perceptron on the numeric columns of a CSV file with
Levenberg-Marquardt (default) or a first-order optimizer, printing one line per
epoch and the score on a held-out test part.

Options:
${formatFlags(TRAIN_FLAGS)}

DATA.csv is a path relative to the current directory (or "-" for stdin).

Examples (diabetes.csv ships with the package; digits.csv is in the repository's data/ml/):
  lsqkit train node_modules/lsqkit/data/ml/diabetes.csv --target target --layers 16 --epochs 30 --l2 10
  lsqkit train data/ml/digits.csv --target target --classify --layers 32 --optimizer adam --epochs 20
`;

function intList(text: string, flag: string): number[] {
  const parts = text.split(",").map((s) => s.trim());
  return parts.map((p) => {
    const v = Number(p);
    if (p === "" || !Number.isInteger(v) || v < 1) throw new UsageError(`--${flag} must be a comma-separated list of positive integers, got '${text}'`);
    return v;
  });
}

function choice<T extends string>(v: unknown, allowed: readonly T[], flag: string): T {
  if (!allowed.includes(v as T)) {
    const near = suggest(String(v), allowed);
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}; got '${v}'${near ? ` (did you mean '${near}'?)` : ""}`);
  }
  return v as T;
}

/** Runs `lsqkit train`; returns the exit code (0 ok, 3 training diverged). */
export async function trainCommand(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, TRAIN_FLAGS, "train");
  if (flags.get("help")) {
    io.out(TRAIN_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`lsqkit train takes one data file, got ${positionals.length} (see 'lsqkit train --help')`);
  const target = flags.get("target");
  if (typeof target !== "string") throw new UsageError("--target COL is required (the column to predict)");
  const hidden = intList((flags.get("layers") as string | undefined) ?? "16", "layers");
  const activation = choice((flags.get("activation") as string | undefined) ?? "tanh", ACTIVATIONS.filter((a) => a !== "softmax") as ActivationName[], "activation");
  const optimizerName = choice((flags.get("optimizer") as string | undefined) ?? "levenbergMarquardt", OPTIMIZERS as OptimizerName[], "optimizer");
  const classify = flags.get("classify") === true;
  const num = (name: string, def: number, ok: (v: number) => boolean, need: string): number => {
    const v = flags.has(name) ? (flags.get(name) as number) : def;
    if (!ok(v)) throw new UsageError(`--${name} must be ${need}, got ${v}`);
    return v;
  };
  const epochs = num("epochs", 100, (v) => Number.isInteger(v) && v >= 0, "a non-negative integer");
  // the library default (FIT_DEFAULTS.seed; mlp and trainTestSplit default to the same seed)
  const seed = num("seed", FIT_DEFAULTS.seed, Number.isFinite, "a number");
  const testSize = num("test-size", 0.2, (v) => v >= 0 && v < 1, "in [0, 1)");
  const l2 = num("l2", 0, (v) => v >= 0, ">= 0");

  const file = positionals[0];
  const table = readCsvFile(io, file, flags.get("delimiter") as string | undefined);
  const yIndex = columnIndex(table, target);
  const xIndices = flags.has("features") ? (flags.get("features") as string).split(",").map((c) => columnIndex(table, c.trim())) : table.names.map((_, j) => j).filter((j) => j !== yIndex);
  if (xIndices.length === 0) throw new DataError(`${file}: no feature columns besides the target '${table.names[yIndex]}'`);
  if (xIndices.includes(yIndex)) throw new UsageError(`column '${table.names[yIndex]}' is both the target and a feature`);
  const cols = xIndices.map((j) => numericColumn(table, j));
  const yAll = numericColumn(table, yIndex);
  const xAll = yAll.map((_, i) => cols.map((c) => c[i]));
  let classes = 1;
  if (classify) {
    yAll.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0) throw new DataError(`${file} line ${table.lines[i]}: class label '${table.rows[i][yIndex]}' in column '${table.names[yIndex]}' must be an integer >= 0`);
    });
    classes = Math.max(...yAll) + 1;
    if (classes < 2) throw new DataError(`${file}: --classify needs at least 2 classes in '${table.names[yIndex]}'`);
  }

  const split = testSize > 0 ? trainTestSplit(xAll, yAll, { testSize, seed }) : { xTrain: xAll, yTrain: yAll, xTest: [] as number[][], yTest: [] as number[] };
  // Standardise with training statistics only (no leakage from the test rows).
  const m = xIndices.length;
  const mean = new Array<number>(m).fill(0);
  const sd = new Array<number>(m).fill(0);
  for (const r of split.xTrain) r.forEach((v, j) => (mean[j] += v / split.xTrain.length));
  for (const r of split.xTrain) r.forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / split.xTrain.length));
  for (let j = 0; j < m; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const scale = (rows: number[][]) => rows.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
  let yMean = 0;
  let ySd = 1;
  if (!classify) {
    yMean = split.yTrain.reduce((a, b) => a + b, 0) / split.yTrain.length;
    ySd = Math.sqrt(split.yTrain.reduce((a, b) => a + (b - yMean) ** 2, 0) / split.yTrain.length) || 1;
  }
  const model = mlp([m, ...hidden, classify ? classes : 1], { activation, outputActivation: classify ? "softmax" : "linear", seed });
  io.out(`lsqkit train: ${file}, ${split.xTrain.length} training rows, ${split.xTest.length} test rows, ${m} features -> ${classify ? `${classes} classes` : `'${table.names[yIndex]}'`}\n`);
  io.out(model.summary() + "\n");
  const lr = flags.get("learning-rate") as number | undefined;
  const optimizer = lr !== undefined ? ({ type: optimizerName, learningRate: lr } as never) : optimizerName;
  const quiet = flags.get("quiet") === true;
  const history = model.fit(scale(split.xTrain), classify ? split.yTrain : split.yTrain.map((v) => (v - yMean) / ySd), {
    optimizer,
    epochs,
    seed,
    l2,
    batchSize: flags.has("batch-size") ? (flags.get("batch-size") as number) : undefined,
    verbose: false,
    onEpochEnd: quiet ? undefined : (_e, logs) => void io.out(formatLogs(logs, epochs) + "\n"),
  });
  io.out(`status: ${history.status} (${history.message}), ${history.totalTimeMs.toFixed(0)} ms\n`);
  const trainLoss = history.loss.length ? history.loss[history.loss.length - 1] : history.initialLoss;
  io.out(classify ? `training loss (cross-entropy): ${trainLoss.toPrecision(6)}\n` : `training MSE: ${(trainLoss * ySd * ySd).toPrecision(6)} (original units)\n`);
  if (split.xTest.length > 0) {
    const pred = model.predict(scale(split.xTest));
    if (classify) {
      const correct = pred.filter((p, i) => p.indexOf(Math.max(...p)) === split.yTest[i]).length;
      io.out(`test accuracy: ${((100 * correct) / split.yTest.length).toFixed(2)} % (${correct}/${split.yTest.length})\n`);
    } else {
      const mse = pred.reduce((s, p, i) => s + (p[0] * ySd + yMean - split.yTest[i]) ** 2, 0) / split.yTest.length;
      io.out(`test MSE: ${mse.toPrecision(6)} (original units)\n`);
    }
  }
  const save = flags.get("save");
  if (typeof save === "string") {
    const json = { ...model.toJSON(), preprocessing: { features: xIndices.map((j) => table.names[j]), mean, sd, targetMean: yMean, targetSd: ySd } };
    writeFileSync(save, JSON.stringify(json));
    io.out(`model written to ${save} (inputs must be standardised with 'preprocessing'; outputs * targetSd + targetMean)\n`);
  }
  return history.status === "diverged" ? EXIT.notConverged : EXIT.ok;
}
