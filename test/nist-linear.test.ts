// NIST StRD linear regression: LRE of lstsq (design built in double) and polyfit against
// NIST's certified coefficients and standard errors. Bars (issue 2):
//   lstsq coefficients >= 9 (Filip >= 7: its double-rounded design has an exact LS solution
//   7.6 digits from the certified one), polyfit >= 9 on every polynomial problem,
//   standard errors >= 6 everywhere.
import { describe, expect, it } from "vitest";
import { lstsq } from "../src/linalg/lstsq.js";
import { polyfit } from "../src/linalg/polyfit.js";
import { loadNist, type NistProblem } from "./helpers/nist.js";
import { minLre } from "./helpers/lre.js";

const problems = loadNist("linear");

/** Design matrix in double: powers by repeated multiplication (or Math.pow), or Longley's columns. */
function design(p: NistProblem, usePow = false): number[][] {
  const m = p.y.length;
  const rows: number[][] = [];
  const intercept = p.model.intercept !== false;
  if (Array.isArray(p.x[0])) {
    const cols = p.x as number[][];
    for (let i = 0; i < m; i++) rows.push([...(intercept ? [1] : []), ...cols.map((c) => c[i])]);
    return rows;
  }
  const x = p.x as number[];
  const deg = p.model.polynomialDegree ?? 1;
  for (let i = 0; i < m; i++) {
    const row: number[] = [];
    let v = 1;
    for (let k = 0; k <= deg; k++) {
      if (k > 0) v = usePow ? Math.pow(x[i], k) : v * x[i];
      if (k > 0 || intercept) row.push(v);
    }
    rows.push(row);
  }
  return rows;
}

interface Row {
  name: string;
  lstsq: number;
  lstsqSe: number;
  polyfit: number | null;
  polyfitSe: number | null;
  /** normal equations + Cholesky: printed for information only (no bar; it squares cond(A)) */
  cholesky: number;
  /** Cholesky failed (not positive definite in double) and lstsq fell back to QR */
  choleskyFellBack: boolean;
}

const table: Row[] = [];

describe("NIST StRD linear", () => {
  it("has the 11 problems", () => {
    expect(problems.map((p) => p.name).sort()).toEqual(
      ["Filip", "Longley", "NoInt1", "NoInt2", "Norris", "Pontius", "Wampler1", "Wampler2", "Wampler3", "Wampler4", "Wampler5"].sort(),
    );
  });

  for (const p of problems) {
    it(`${p.name}: lstsq and polyfit reach the LRE bars`, () => {
      const fit = lstsq(design(p), p.y);
      expect(fit.rank).toBe(p.certified.length);
      const chol = lstsq(design(p), p.y, { method: "cholesky" });
      const row: Row = {
        name: p.name,
        lstsq: minLre(fit.coefficients, p.certified),
        lstsqSe: minLre(fit.stdErrors!, p.certifiedStdDev),
        polyfit: null,
        polyfitSe: null,
        cholesky: minLre(chol.coefficients, p.certified),
        choleskyFellBack: chol.method !== "cholesky",
      };
      expect(row.lstsq).toBeGreaterThanOrEqual(p.name === "Filip" ? 7 : 9);
      expect(row.lstsqSe).toBeGreaterThanOrEqual(6);
      // the same bars when the powers come from Math.pow (different last-bit rounding)
      const fitPow = lstsq(design(p, true), p.y);
      expect(minLre(fitPow.coefficients, p.certified)).toBeGreaterThanOrEqual(p.name === "Filip" ? 7 : 9);
      expect(minLre(fitPow.stdErrors!, p.certifiedStdDev)).toBeGreaterThanOrEqual(6);
      if (!Array.isArray(p.x[0])) {
        const intercept = p.model.intercept !== false;
        const pf = polyfit(p.x as number[], p.y, p.model.polynomialDegree ?? 1, { intercept });
        const c = intercept ? pf.coefficients : pf.coefficients.subarray(1);
        const se = intercept ? pf.stdErrors! : pf.stdErrors!.subarray(1);
        row.polyfit = minLre(c, p.certified);
        row.polyfitSe = minLre(se, p.certifiedStdDev);
        expect(row.polyfit).toBeGreaterThanOrEqual(9);
        expect(row.polyfitSe).toBeGreaterThanOrEqual(6);
      }
      table.push(row);
    });
  }

  it("prints the LRE table", () => {
    const f = (v: number | null) => (v === null ? "  -  " : v.toFixed(1).padStart(5));
    const lines = ["problem    lstsq  lstsq-se  polyfit  polyfit-se  cholesky(info)"];
    for (const r of table) lines.push(`${r.name.padEnd(9)} ${f(r.lstsq)}  ${f(r.lstsqSe)}     ${f(r.polyfit)}    ${f(r.polyfitSe)}       ${f(r.cholesky)}${r.choleskyFellBack ? " (fell back to QR)" : ""}`);
    console.log(lines.join("\n"));
    expect(table.length).toBe(problems.length);
  });
});
