// `lsqkit train` through trainCommand with captured output.
import { describe, expect, it } from "vitest";
import { trainCommand } from "../src/cli/train.js";
import { UsageError } from "../src/cli/args.js";
import { FIT_DEFAULTS } from "../src/nn/fit.js";
import { SEQUENTIAL_DEFAULTS } from "../src/nn/sequential.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s) }, out, err };
}

describe("lsqkit train", () => {
  it("trains on diabetes with LM, one progress line per epoch, and prints a test MSE", async () => {
    const c = capture();
    const code = await trainCommand(["data/ml/diabetes.csv", "--target", "target", "--layers", "8", "--optimizer", "levenbergMarquardt", "--epochs", "5", "--seed", "3", "--l2", "10"], c.io);
    expect(code).toBe(0);
    const text = c.out.join("");
    expect(text.match(/^epoch \d+\/5 /gm)?.length).toBe(5);
    expect(text).toMatch(/test MSE: \d/);
  });
  it("classifies with --classify and Adam", async () => {
    const c = capture();
    const code = await trainCommand(["data/ml/digits.csv", "--target", "target", "--classify", "--layers", "16", "--optimizer", "adam", "--learning-rate", "0.01", "--epochs", "3", "--quiet"], c.io);
    expect(code).toBe(0);
    expect(c.out.join("")).toMatch(/test accuracy: \d+\.\d+ %/);
  });
  it("usage errors name the flag", async () => {
    const c = capture();
    await expect(trainCommand(["data/ml/diabetes.csv"], c.io)).rejects.toThrow(UsageError);
    await expect(trainCommand(["data/ml/diabetes.csv", "--target", "target", "--optimizer", "adma"], c.io)).rejects.toThrow(/did you mean 'adam'/);
    await expect(trainCommand(["data/ml/diabetes.csv", "--target", "target", "--layers", "16,x"], c.io)).rejects.toThrow(/--layers/);
  });
  it("without --seed trains with the library's default seed (same run as --seed FIT_DEFAULTS.seed), and --help says so", async () => {
    expect(SEQUENTIAL_DEFAULTS.seed).toBe(FIT_DEFAULTS.seed);
    const args = ["data/ml/diabetes.csv", "--target", "target", "--layers", "4", "--optimizer", "adam", "--epochs", "2", "--quiet"];
    const strip = (t: string) => t.replace(/[\d.]+ ms/g, "ms");
    const a = capture();
    const b = capture();
    const c = capture();
    expect(await trainCommand(args, a.io)).toBe(0);
    expect(await trainCommand([...args, "--seed", String(FIT_DEFAULTS.seed)], b.io)).toBe(0);
    expect(await trainCommand([...args, "--seed", String(FIT_DEFAULTS.seed + 1)], c.io)).toBe(0);
    expect(strip(a.out.join(""))).toBe(strip(b.out.join("")));
    expect(strip(a.out.join(""))).not.toBe(strip(c.out.join("")));
    const h = capture();
    await trainCommand(["--help"], h.io);
    expect(h.out.join("")).toMatch(new RegExp(`--seed S.*\\(default ${FIT_DEFAULTS.seed}\\b`));
  });
});
