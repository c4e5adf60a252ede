// Adversarial files and flags for `lsqkit fit`: every bad file names the file, line and column;
// usage mistakes exit 2 naming the flag; odd but valid CSV (quotes, CRLF, BOM, other delimiters)
// gives the exact fit of y = 2 x + 1 (closed form: the data lie on the line).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/main.js";

async function run(argv: string[], files: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io = {
    out: (s: string) => void (out += s),
    err: (s: string) => void (err += s),
    readFile: (p: string): string => {
      if (Object.prototype.hasOwnProperty.call(files, p)) return files[p];
      throw new Error(`ENOENT: no such file or directory, open '${p}'`);
    },
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const LINE = "x,y\n0,1\n1,3\n2,5\n3,7\n4,9\n";
const FIT = ["fit", "d.csv", "--model", "a*x+b", "--start", "a=1,b=0"];

async function fitJson(text: string, extra: string[] = []): Promise<Record<string, { value: number }>> {
  const r = await run([...FIT, "--json", ...extra], { "d.csv": text });
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.out).parameters;
}

function expectLine(p: Record<string, { value: number }>): void {
  expect(Math.abs(p.a.value - 2)).toBeLessThan(1e-12);
  expect(Math.abs(p.b.value - 1)).toBeLessThan(1e-12);
}

describe("lsqkit fit: files", () => {
  it("missing file, empty file, comments only, header only", async () => {
    let r = await run(FIT, {});
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot read 'd\.csv'/);
    r = await run(FIT, { "d.csv": "" });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/d\.csv: no data/);
    r = await run(FIT, { "d.csv": "# a\n# b\n" });
    expect(r.err).toMatch(/d\.csv: no data/);
    r = await run(FIT, { "d.csv": "x,y\n" });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/d\.csv: the header has no data rows/);
  });
  it("non-numeric, empty, non-finite and hex cells are named by line and column", async () => {
    const cases: [string, RegExp][] = [
      ["x,y\n0,1\n1,abc\n2,5\n", /d\.csv line 3, column 'y': the value is 'abc', not a number/],
      ["x,y\n0,1\n1,\n2,5\n", /d\.csv line 3, column 'y': the value is empty/],
      ["x,y\n0,1\n1,nan\n2,5\n", /d\.csv line 3, column 'y'.*'nan', not a finite number/],
      ["x,y\n0,1\n1,1e999\n2,5\n", /line 3, column 'y'.*'1e999'/],
      ["x,y\n0,1\n0x10,3\n2,5\n", /line 3, column 'x'.*'0x10', not a number/],
      ["x,y\n0,1\n1\n2,5\n", /d\.csv line 3: expected 2 fields \(x, y\), found 1/],
      ["x,y\n0,1,5\n1,3\n", /d\.csv line 2: expected 2 fields/],
      ['x,y\n"0,1\n1,3\n', /d\.csv line \d+: .*[Qq]uote/],
      ["x,x\n0,1\n1,2\n", /line 1: column name 'x' appears twice/],
    ];
    for (const [text, re] of cases) {
      const r = await run(FIT, { "d.csv": text });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(re);
    }
  });
  it("quoted fields, CRLF line ends, a BOM, comments and blank lines give the same exact fit", async () => {
    expectLine(await fitJson('x,y\n"0","1"\n1,"3"\n2,5\n3,7\n'));
    expectLine(await fitJson(LINE.replace(/\n/g, "\r\n")));
    expectLine(await fitJson("\uFEFF" + LINE));
    expectLine(await fitJson("# comment\n\n" + LINE + "\n\n"));
  });
  it("a ';'-separated file without --delimiter is named as such; with it, it fits", async () => {
    const semi = LINE.replace(/,/g, ";");
    const r = await run(FIT, { "d.csv": semi });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/d\.csv line 1: .*looks ';'-separated; pass --delimiter ';'/);
    expectLine(await fitJson(semi, ["--delimiter", ";"]));
    expectLine(await fitJson(LINE.replace(/,/g, "\t"), ["--delimiter", "tab"]));
    const t = await run(FIT, { "d.csv": LINE.replace(/,/g, "\t") });
    expect(t.err).toMatch(/looks 'tab'-separated; pass --delimiter tab/);
  });
  it("--delimiter must be one character (usage error)", async () => {
    for (const d of ["", "ab", '"']) {
      const r = await run([...FIT, `--delimiter=${d}`], { "d.csv": LINE });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--delimiter must be one character/);
    }
  });
});

describe("lsqkit fit: --start and other flags", () => {
  it("unknown names, missing values, non-decimal numbers are usage errors naming the entry", async () => {
    const cases: [string, RegExp][] = [
      ["a=1,b=0,c=3", /--start: the model does not use a parameter 'c'/],
      ["a=1", /--start has no value for b/],
      ["a=,b=0", /--start: the value of 'a' must be a finite number, got ''/],
      ["a,b=0", /--start: 'a' is not name=value/],
      ["a=nan,b=0", /the value of 'a'.*'nan'/],
      ["a=inf,b=0", /the value of 'a'.*'inf'/],
      ["a=0x10,b=0", /the value of 'a'.*'0x10'/],
      ["a=1_0,b=0", /the value of 'a'.*'1_0'/],
      ["a=1,b=0,x=1", /'x' is a predictor column/],
      [",,,", /--start is empty/],
    ];
    for (const [start, re] of cases) {
      const r = await run(["fit", "d.csv", "--model", "a*x+b", "--start", start], { "d.csv": LINE });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(re);
    }
    const noValue = await run(["fit", "d.csv", "--model", "a*x+b", "--start"], { "d.csv": LINE });
    expect(noValue.code).toBe(2);
    expect(noValue.err).toMatch(/'--start' needs a value/);
  });
  it("--max-iterations and --timeout-ms are checked as usage errors naming the flag", async () => {
    for (const v of ["0", "-1", "1.5"]) {
      const r = await run([...FIT, "--max-iterations", v], { "d.csv": LINE });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--max-iterations must be a positive integer/);
    }
    const t = await run([...FIT, "--timeout-ms", "-5"], { "d.csv": LINE });
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/--timeout-ms/);
  });
  it("parameters named e and exp, and a 5000-term model", async () => {
    let r = await run(["fit", "d.csv", "--model", "e*x+b", "--start", "e=1,b=0", "--json"], { "d.csv": LINE });
    expect(r.code).toBe(0);
    expect(Math.abs(JSON.parse(r.out).parameters.e.value - 2)).toBeLessThan(1e-12);
    r = await run(["fit", "d.csv", "--model", "exp*x+b", "--start", "exp=1,b=0", "--json"], { "d.csv": LINE });
    expect(r.code).toBe(0);
    expect(Math.abs(JSON.parse(r.out).parameters.exp.value - 2)).toBeLessThan(1e-12);
    // 5000 a x + b = 2 x + 1 -> a = 2 / 5000
    r = await run(["fit", "d.csv", "--model", Array(5000).fill("a*x").join("+") + "+b", "--start", "a=1,b=0", "--json"], { "d.csv": LINE });
    expect(r.err).toBe("");
    expect(Math.abs(JSON.parse(r.out).parameters.a.value - 2 / 5000)).toBeLessThan(1e-15);
  });
  it("a column named like a constant (e, pi) that the model mentions is that column, not the constant", async () => {
    for (const name of ["e", "pi"]) {
      const r = await run(["fit", "d.csv", "--model", `a*${name}+b`, "--start", "a=1,b=0", "--json"], { "d.csv": LINE.replace("x,y", `${name},y`) });
      expect(r.code).toBe(0);
      expectLine(JSON.parse(r.out).parameters);
    }
  });
  it("number flags take decimal syntax only; --problem '' is a usage error", async () => {
    const r = await run([...FIT, "--loss-scale", "0x10"], { "d.csv": LINE });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/'--loss-scale' needs a number, got '0x10'/);
    const n = await run(["nist", "--problem", ""]);
    expect(n.code).toBe(2);
    expect(n.err).toMatch(/--problem is empty/);
  });
  it("a model nested too deeply is a parse error (exit 1), not an unexpected error", async () => {
    const r = await run(["fit", "d.csv", "--model", "(".repeat(1000) + "a*x" + ")".repeat(1000), "--start", "a=1"], { "d.csv": LINE });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PARSE_ERROR: .*nested too deeply/);
    expect(r.err).not.toMatch(/unexpected error/);
  });
});

describe("lsqkit nist: a damaged --data folder is bad data (exit 1 naming the file), not an unexpected error", () => {
  it("index.json not an array, an entry without a plain name, a missing or malformed problem file", async () => {
    const root = mkdtempSync(join(tmpdir(), "lsqkit-edge-nist-"));
    const folder = (name: string, files: Record<string, string>): string => {
      const d = join(root, name);
      mkdirSync(d);
      for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
      return d;
    };
    const cases: [string, RegExp][] = [
      [folder("notarray", { "index.json": '{"problems": 5}' }), /index\.json must be an array/],
      [folder("badname", { "index.json": '[{"name": "../x", "kind": "nonlinear"}]' }), /entry 0 must be \{ name, kind \}/],
      [folder("nofile", { "index.json": '[{"name": "X", "kind": "nonlinear"}]' }), /cannot read .*X\.json/],
      [folder("empty", { "index.json": '[{"name": "X", "kind": "nonlinear"}]', "X.json": "{}" }), /X\.json: x is not an array/],
      [folder("badjson", { "index.json": "[{bad" }), /cannot read .*index\.json/],
    ];
    for (const [dir, re] of cases) {
      const r = await run(["nist", "--data", dir]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(re);
      expect(r.err).not.toMatch(/unexpected error/);
    }
  });
});
