// NIST StRD nonlinear regression (27 problems x 2 starts) through curveFit with
// default options and no per-problem tuning. Sources of truth: NIST's certified
// parameters and standard deviations (data/nist/*.json). LRE = -log10(rel. error),
// worst parameter, capped at 11 (NIST certifies 11 digits).
import { describe, expect, it } from "vitest";
import { curveFit, type FitResult } from "../src/models/curve-fit.js";
import { nistModelExpression } from "../src/models/nist.js";
import { lre, minLre } from "./helpers/lre.js";
import { loadNist, type NistProblem } from "./helpers/nist.js";
import { nistFunctionModel, nistResponse } from "./helpers/nist-problems.js";

const problems = loadNist("nonlinear");
const CAP = 11;

/**
 * Standard errors scale with sqrt(RSS). When ||r|| / ||y|| is below 1e-10 the
 * residuals themselves are rounding-limited in double precision (each r_i has an
 * error ~ eps |y_i|), so the certified RSS, and with it the standard errors, cannot
 * be reproduced: only Lanczos1 (RSS 1.4e-25; data/nist/SOURCE.md "compare
 * parameters, not the RSS"). Its parameters are still checked.
 */
function stdErrorsResolvable(p: NistProblem): boolean {
  const yy = Array.from(nistResponse(p)).reduce((a, v) => a + v * v, 0);
  return Math.sqrt(p.residualSumOfSquares / yy) >= 1e-10;
}

interface Row {
  name: string;
  resolvable: boolean;
  start: string;
  lre: number;
  stdErrLre: number;
  iterations: number;
  evaluations: number;
  termination: string;
  ms: number;
}

function xData(p: NistProblem): number[] | Record<string, number[]> {
  if (p.model.predictors.length === 1) return p.x as number[];
  const cols = p.x as number[][];
  return Object.fromEntries(p.model.predictors.map((nm, j) => [nm, cols[j]]));
}

function run(kind: "expression" | "function"): Row[] {
  const rows: Row[] = [];
  for (const p of problems) {
    const y = Array.from(nistResponse(p));
    for (const start of ["start1", "start2"] as const) {
      const s0 = p[start]!;
      const t = performance.now();
      let fit: FitResult;
      if (kind === "expression") {
        fit = curveFit(nistModelExpression(p.model.js!), { x: xData(p), y }, Object.fromEntries(p.params.map((nm, j) => [nm, s0[j]])));
      } else {
        const f = nistFunctionModel(p);
        const x = p.model.predictors.length === 1 ? (p.x as number[]) : (p.x as number[][]);
        fit = curveFit(f, { x, y }, s0);
      }
      const ms = performance.now() - t;
      rows.push({
        name: p.name,
        resolvable: stdErrorsResolvable(p),
        start,
        lre: minLre(fit.x, p.certified, CAP),
        stdErrLre: minLre(fit.stdErrors, p.certifiedStdDev, CAP),
        iterations: fit.iterations,
        evaluations: fit.residualEvaluations,
        termination: fit.termination,
        ms,
      });
    }
  }
  return rows;
}

function table(title: string, rows: Row[]): string {
  const lines = [`${title}`, "| problem | start | LRE params | LRE std errors | iterations | evaluations | termination | ms |", "|---|---|---|---|---|---|---|---|"];
  for (const r of rows) lines.push(`| ${r.name} | ${r.start} | ${r.lre.toFixed(2)} | ${r.stdErrLre.toFixed(2)} | ${r.iterations} | ${r.evaluations} | ${r.termination} | ${r.ms.toFixed(1)} |`);
  const mean = rows.reduce((a, r) => a + r.lre, 0) / rows.length;
  lines.push(`mean LRE ${mean.toFixed(2)}; >= 6: ${rows.filter((r) => r.lre >= 6).length}/${rows.length}; >= 4: ${rows.filter((r) => r.lre >= 4).length}/${rows.length}`);
  return lines.join("\n");
}

describe("NIST StRD nonlinear", () => {
  it("has the 27 problems with two starts each", () => {
    expect(problems.length).toBe(27);
    for (const p of problems) expect(p.start1 && p.start2).toBeTruthy();
  });

  it("expression models (exact derivatives): every case LRE >= 6, mean >= 9.5; std errors LRE >= 4; guard: every case >= 8, mean >= 10.4", () => {
    const rows = run("expression");
    console.log(table("expression models, default options", rows));
    for (const r of rows) expect(r.lre, `${r.name} ${r.start}`).toBeGreaterThanOrEqual(6);
    const mean = rows.reduce((a, r) => a + r.lre, 0) / rows.length;
    expect(mean).toBeGreaterThanOrEqual(9.5);
    for (const r of rows) if (r.lre >= 6 && r.resolvable) expect(r.stdErrLre, `${r.name} ${r.start} std errors`).toBeGreaterThanOrEqual(4);
    // Regression guard just under the figures the README reports (mean 10.58, worst case 8.55):
    // the bars above leave room for a silent loss of two digits.
    expect(mean, "regression guard: README reports mean LRE 10.58").toBeGreaterThanOrEqual(10.4);
    for (const r of rows) expect(r.lre, `regression guard: ${r.name} ${r.start}`).toBeGreaterThanOrEqual(8);
  });

  it("function models with finite differences: >= 52/54 cases LRE >= 4, mean >= 7.5; guard: >= 52/54 cases >= 6, mean >= 9.5", () => {
    const rows = run("function");
    console.log(table("function models + finite differences, default options", rows));
    expect(rows.filter((r) => r.lre >= 4).length).toBeGreaterThanOrEqual(52);
    const mean = rows.reduce((a, r) => a + r.lre, 0) / rows.length;
    expect(mean).toBeGreaterThanOrEqual(7.5);
    for (const r of rows) if (r.lre >= 6 && r.resolvable) expect(r.stdErrLre, `${r.name} ${r.start} std errors`).toBeGreaterThanOrEqual(4);
    // Regression guard just under the figures the README reports (mean 9.70, 53 of 54 cases >= 6).
    expect(mean, "regression guard: README reports mean LRE 9.70").toBeGreaterThanOrEqual(9.5);
    expect(rows.filter((r) => r.lre >= 6).length, "regression guard: README reports 53/54 cases >= 6").toBeGreaterThanOrEqual(52);
  });

  it("the LRE helper agrees with a hand computation (sanity of the yardstick)", () => {
    // |1.0000001 - 1| / 1 = 1e-7 -> 7 digits
    expect(lre(1.0000001, 1, CAP)).toBeCloseTo(7, 6);
  });

  it("only Lanczos1 has rounding-limited residuals (std errors not comparable)", () => {
    expect(problems.filter((p) => !stdErrorsResolvable(p)).map((p) => p.name)).toEqual(["Lanczos1"]);
  });
});
