/**
 * `lsqkit nist`: runs the bundled NIST StRD suite and prints the LRE tables
 * (what the README quotes; `npm start` runs it).
 */
import { UsageError, formatFlags, parseArgs, suggest, type FlagSpec } from "./args.js";
import { DataError } from "./csv.js";
import { EXIT, type CliIo, type CliLibrary } from "./io.js";
import {
  loadNistProblems,
  nistProblemNames,
  runLinearCase,
  runNonlinearCase,
  summarize,
  type LinearCase,
  type NonlinearCase,
  type SuiteSummary,
} from "./nist-suite.js";
import { nistDataDir } from "./package-root.js";

export const NIST_FLAGS: readonly FlagSpec[] = [
  { name: "problem", kind: "string", value: "NAME[,NAME...]", help: "only these problems (case-insensitive), e.g. Misra1a,Thurber" },
  { name: "start", kind: "number", value: "1|2", help: "only NIST's first or second starting point (default both)" },
  { name: "kind", kind: "string", value: "KIND", help: "nonlinear, linear or all (default all)" },
  { name: "verbose", kind: "boolean", help: "also print every estimate and standard error next to NIST's certified value" },
  { name: "json", kind: "boolean", help: "print the cases and the summary as JSON" },
  { name: "data", kind: "string", value: "DIR", help: "folder with index.json and the problem files (default: the package's data/nist)" },
];

export const NIST_HELP = `Usage: lsqkit nist [options]

Runs the NIST Statistical Reference Datasets bundled with lsqkit: the 27
nonlinear least-squares problems from both of NIST's starting points
(expression models with exact derivatives, default options, no tuning), and
the 11 linear problems (polyfit, lstsq for Longley). For each case it prints
the LRE, the number of correct significant digits of the worst parameter
(-log10 of the relative error against NIST's certified value; 11 = all the
digits NIST certifies for nonlinear problems, 15 for linear ones), the LRE of
the standard errors, iterations and time.

Options:
${formatFlags(NIST_FLAGS)}
`;

const f1 = (v: number | null): string => (v === null || !Number.isFinite(v) ? "-" : v.toFixed(1));

function nonlinearTable(cases: readonly NonlinearCase[], verbose: boolean): string {
  const head = ["problem", "difficulty", "start", "LRE", "LRE(se)", "iters", "time ms", "termination"];
  const rows = cases.map((c) => [c.problem, c.difficulty, String(c.start), f1(c.lre), f1(c.lreStdErrors), String(c.iterations), c.timeMs.toFixed(2), c.error ? `error: ${c.error.split("\n")[0]}` : c.termination]);
  const lines = table(head, rows, [false, false, true, true, true, true, true, false]);
  if (!verbose) return lines;
  const detail: string[] = [];
  for (const c of cases) {
    detail.push(`\n${c.problem} (start ${c.start}): ${c.expression}`);
    const drows = c.params.map((name, k) => [
      name,
      c.estimates[k] === undefined ? "-" : c.estimates[k].toPrecision(11),
      c.certified[k].toPrecision(11),
      c.stdErrors ? c.stdErrors[k].toPrecision(6) : "-",
      c.certifiedStdDev[k].toPrecision(6),
    ]);
    detail.push(table(["param", "estimate", "certified", "std error", "certified"], drows, [false, true, true, true, true]));
  }
  return lines + detail.join("\n");
}

function linearTable(cases: readonly LinearCase[]): string {
  const head = ["problem", "difficulty", "method", "LRE", "LRE(se)", "time ms", ""];
  const rows = cases.map((c) => [c.problem, c.difficulty, c.method, f1(c.lre), f1(c.lreStdErrors), c.timeMs.toFixed(2), c.error ? `error: ${c.error.split("\n")[0]}` : ""]);
  return table(head, rows, [false, false, false, true, true, true, false]);
}

function table(head: string[], rows: string[][], right: boolean[]): string {
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const fmt = (r: string[]) => r.map((v, j) => (right[j] ? v.padStart(w[j]) : v.padEnd(w[j]))).join("  ").trimEnd();
  return [fmt(head), fmt(w.map((n) => "-".repeat(n))), ...rows.map(fmt)].join("\n");
}

function summaryLines(s: SuiteSummary): string {
  const lines: string[] = [];
  if (s.nonlinearCases > 0) {
    lines.push(`Nonlinear: ${s.nonlinearAtLeast6}/${s.nonlinearCases} cases with LRE >= 6; mean LRE ${f1(s.nonlinearMeanLre)}; worst ${f1(s.nonlinearMinLre)}; total time ${s.nonlinearTimeMs.toFixed(1)} ms`);
    lines.push(`Standard errors: LRE >= 4 in ${s.stdErrorsAtLeast4}/${s.stdErrorsChecked} of the cases with LRE >= 6`);
  }
  if (s.linearProblems > 0) lines.push(`Linear: ${s.linearProblems} problems; mean LRE ${f1(s.linearMeanLre)}; worst ${f1(s.linearMinLre)}; total time ${s.linearTimeMs.toFixed(1)} ms`);
  return lines.join("\n");
}

/** Runs `lsqkit nist`; returns the exit code (0 when every case ran; the LREs are reported, not judged). */
export function nistCommand(argv: readonly string[], io: CliIo, lib: CliLibrary, now: () => number = () => performance.now()): number {
  const { flags, positionals } = parseArgs(argv, NIST_FLAGS, "nist");
  if (flags.get("help")) {
    io.out(NIST_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`lsqkit nist takes no positional arguments, got '${positionals[0]}' (did you mean --problem ${positionals[0]}?)`);
  const kind = (flags.get("kind") as string | undefined) ?? "all";
  if (!["all", "nonlinear", "linear"].includes(kind)) throw new UsageError(`--kind must be nonlinear, linear or all; got '${kind}'`);
  const startFlag = flags.get("start") as number | undefined;
  if (startFlag !== undefined && startFlag !== 1 && startFlag !== 2) throw new UsageError(`--start must be 1 or 2, got ${startFlag}`);
  const dir = (flags.get("data") as string | undefined) ?? nistDataDir();
  if (dir === null) throw new DataError("cannot find the bundled NIST data (data/nist next to lsqkit's package.json); pass --data DIR");
  let all: { name: string; kind: string }[];
  try {
    all = nistProblemNames(dir);
  } catch (err) {
    throw new DataError(`cannot read ${dir}/index.json: ${(err as Error).message}`);
  }
  const requested = typeof flags.get("problem") === "string" ? (flags.get("problem") as string).split(",").map((s) => s.trim()).filter((s) => s !== "") : [];
  // "--problem ''" (an empty shell variable) must not silently run the whole suite
  if (flags.has("problem") && requested.length === 0) throw new UsageError("--problem is empty: give problem names, e.g. --problem Misra1a,Thurber");
  for (const r of requested) {
    if (!all.some((p) => p.name.toLowerCase() === r.toLowerCase())) {
      const near = suggest(r, all.map((p) => p.name));
      throw new UsageError(`--problem: no NIST problem '${r}'${near ? `; did you mean '${near}'?` : ""} (problems: ${all.map((p) => p.name).join(", ")})`);
    }
  }
  const starts: (1 | 2)[] = startFlag === undefined ? [1, 2] : [startFlag as 1 | 2];
  const nonlinear: NonlinearCase[] = [];
  const linear: LinearCase[] = [];
  if (kind !== "linear") {
    for (const p of loadNistProblems(dir, "nonlinear", requested)) for (const s of starts) nonlinear.push(runNonlinearCase(p, s, lib.curveFit, now));
  }
  let linearSkipped = false;
  if (kind !== "nonlinear") {
    const lin = loadNistProblems(dir, "linear", requested);
    if (lib.lstsq && lib.polyfit) {
      for (const p of lin) linear.push(runLinearCase(p, { lstsq: lib.lstsq, polyfit: lib.polyfit }, now));
    } else linearSkipped = lin.length > 0;
  }
  const summary = summarize(nonlinear, linear);
  if (flags.get("json")) {
    io.out(JSON.stringify({ nonlinear, linear, summary }, null, 2) + "\n");
    return EXIT.ok;
  }
  if (nonlinear.length > 0) {
    io.out("NIST StRD nonlinear regression: expression models, exact derivatives, default options\n");
    io.out("(LRE = correct significant digits of the worst parameter, 11 = all certified digits)\n\n");
    io.out(nonlinearTable(nonlinear, Boolean(flags.get("verbose"))) + "\n\n");
  }
  if (linear.length > 0) {
    io.out("NIST StRD linear regression (LRE capped at 15)\n\n");
    io.out(linearTable(linear) + "\n\n");
  }
  if (linearSkipped) io.out("Linear problems skipped: lstsq/polyfit are not available in this build.\n");
  io.out(summaryLines(summary) + "\n");
  return EXIT.ok;
}
