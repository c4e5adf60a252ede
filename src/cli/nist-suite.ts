/**
 * The NIST StRD reference suite as the CLI runs it: the 27 nonlinear problems
 * from both of NIST's starting points with expression models (exact
 * derivatives) and default options, and the 11 linear problems with
 * polyfit / lstsq. Accuracy is the LRE (McCullough 1998):
 *
 *     LRE = -log10(|estimate - certified| / |certified|)   (-log10|estimate| when certified = 0)
 *
 * worst over the parameters, capped at the digits NIST certifies (11
 * nonlinear, 15 linear).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pm from "../math/portable.js";
import { nistModelExpression } from "../models/nist.js";
import { DataError } from "./csv.js";

export interface NistProblemData {
  name: string;
  kind: "linear" | "nonlinear";
  difficulty: string;
  x: number[] | number[][];
  y: number[];
  params: string[];
  start1?: number[];
  start2?: number[];
  certified: number[];
  certifiedStdDev: number[];
  model: {
    js?: string;
    predictors: string[];
    responseTransform?: string | null;
    polynomialDegree?: number | null;
    intercept?: boolean;
  };
}

/** Loads data/nist/index.json's problems of one kind (all when `names` is empty), in index order. */
export function loadNistProblems(dir: string, kind: "linear" | "nonlinear", names: readonly string[] = []): NistProblemData[] {
  const index = nistProblemNames(dir);
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return index
    .filter((e) => e.kind === kind && (wanted.size === 0 || wanted.has(e.name.toLowerCase())))
    .map((e) => {
      const file = join(dir, `${e.name}.json`);
      let p: NistProblemData;
      try {
        p = JSON.parse(readFileSync(file, "utf8")) as NistProblemData;
      } catch (err) {
        // a damaged --data folder is bad data (exit 1 naming the file), not an "unexpected error"
        throw new DataError(`cannot read ${file}: ${(err as Error).message}`);
      }
      // the fields the runners read (schema: data/nist/SOURCE.md)
      const bad = !p || typeof p !== "object" ? "not an object"
        : !Array.isArray(p.x) ? "x is not an array"
        : !Array.isArray(p.y) ? "y is not an array"
        : !Array.isArray(p.params) ? "params is not an array"
        : !Array.isArray(p.certified) ? "certified is not an array"
        : !Array.isArray(p.certifiedStdDev) ? "certifiedStdDev is not an array"
        : !p.model || typeof p.model !== "object" ? "model is not an object"
        : null;
      if (bad !== null) throw new DataError(`${file}: ${bad} (see data/nist/SOURCE.md for the schema)`);
      return p;
    });
}

/** All problem names in data/nist/index.json (an array of { name, kind }; anything else is an Error naming the entry). */
export function nistProblemNames(dir: string): { name: string; kind: string }[] {
  const index = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as unknown;
  if (!Array.isArray(index)) throw new Error("index.json must be an array of { name, kind } entries");
  index.forEach((e: unknown, i) => {
    const o = e as { name?: unknown; kind?: unknown } | null;
    if (o === null || typeof o !== "object" || typeof o.name !== "string" || !/^[A-Za-z0-9_]+$/.test(o.name) || typeof o.kind !== "string") {
      throw new Error(`index.json entry ${i} must be { name, kind } with a plain problem name, got ${JSON.stringify(e)}`);
    }
  });
  return index as { name: string; kind: string }[];
}

export function lre(estimate: number, certified: number, cap: number): number {
  if (!Number.isFinite(estimate)) return 0;
  if (estimate === certified) return cap;
  const err = certified === 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
  return Math.max(0, Math.min(cap, -pm.log10(err)));
}

export function minLre(est: ArrayLike<number>, cert: readonly number[], cap: number): number {
  let m = cap;
  for (let i = 0; i < cert.length; i++) m = Math.min(m, lre(est[i], cert[i], cap));
  return m;
}

/** What the suite needs from a curve fit (a subset of FitResult). */
export interface FitLike {
  x: ArrayLike<number>;
  stdErrors?: ArrayLike<number> | null;
  success: boolean;
  termination: string;
  iterations: number;
}

export type CurveFitLike = (model: string, data: { x: Record<string, number[]>; y: number[] }, p0: Record<string, number>) => FitLike;

export interface NonlinearCase {
  problem: string;
  difficulty: string;
  start: 1 | 2;
  expression: string;
  params: string[];
  estimates: number[];
  certified: number[];
  stdErrors: number[] | null;
  certifiedStdDev: number[];
  /** worst-parameter LRE, capped at 11 */
  lre: number;
  /** worst standard-error LRE, capped at 11 (null when the fit gave no standard errors) */
  lreStdErrors: number | null;
  iterations: number;
  success: boolean;
  termination: string;
  timeMs: number;
  /** the fit threw (bad input is a bug here: the suite's inputs are fixed) */
  error?: string;
}

/** Model expression, predictor columns and response (log y for Nelson) of a nonlinear problem. */
export function nonlinearSetup(p: NistProblemData): { expression: string; x: Record<string, number[]>; y: number[] } {
  const expression = nistModelExpression(p.model.js as string);
  const preds = p.model.predictors;
  const x: Record<string, number[]> = {};
  if (preds.length === 1) x[preds[0]] = p.x as number[];
  else preds.forEach((name, j) => (x[name] = (p.x as number[][])[j]));
  // portable log: Nelson's data (and so its printed LRE) must not depend on the runtime's Math.log
  const y = p.model.responseTransform === "log" ? p.y.map((v) => pm.log(v)) : p.y;
  return { expression, x, y };
}

export function runNonlinearCase(p: NistProblemData, start: 1 | 2, fit: CurveFitLike, now: () => number): NonlinearCase {
  const { expression, x, y } = nonlinearSetup(p);
  const s = (start === 1 ? p.start1 : p.start2) as number[];
  const p0: Record<string, number> = {};
  p.params.forEach((name, k) => (p0[name] = s[k]));
  const base = { problem: p.name, difficulty: p.difficulty, start, expression, params: p.params, certified: p.certified, certifiedStdDev: p.certifiedStdDev };
  const t0 = now();
  try {
    const r = fit(expression, { x, y }, p0);
    const timeMs = now() - t0;
    const estimates = Array.from(r.x);
    const stdErrors = r.stdErrors ? Array.from(r.stdErrors) : null;
    return {
      ...base,
      estimates,
      stdErrors,
      lre: minLre(estimates, p.certified, 11),
      lreStdErrors: stdErrors ? minLre(stdErrors, p.certifiedStdDev, 11) : null,
      iterations: r.iterations,
      success: r.success,
      termination: r.termination,
      timeMs,
    };
  } catch (err) {
    return { ...base, estimates: [], stdErrors: null, lre: 0, lreStdErrors: null, iterations: 0, success: false, termination: "error", timeMs: now() - t0, error: (err as Error).message };
  }
}

export interface LinearCase {
  problem: string;
  difficulty: string;
  method: "polyfit" | "lstsq";
  estimates: number[];
  certified: number[];
  stdErrors: number[] | null;
  /** worst-coefficient LRE, capped at 15 */
  lre: number;
  lreStdErrors: number | null;
  timeMs: number;
  error?: string;
}

interface LinearFitLike {
  coefficients: ArrayLike<number>;
  stdErrors: ArrayLike<number> | null;
}

export interface LinearSolvers {
  lstsq(A: number[][], b: number[]): LinearFitLike;
  polyfit(x: number[], y: number[], degree: number, options: { intercept: boolean }): LinearFitLike;
}

/** Polynomial problems by polyfit (ascending powers), Longley by lstsq on [1, x1..x6]. */
export function runLinearCase(p: NistProblemData, solvers: LinearSolvers, now: () => number): LinearCase {
  const intercept = p.model.intercept !== false;
  const multi = Array.isArray(p.x[0]);
  const method = multi ? "lstsq" : "polyfit";
  const base = { problem: p.name, difficulty: p.difficulty, method: method as LinearCase["method"], certified: p.certified };
  const t0 = now();
  try {
    let coef: number[];
    let se: number[] | null;
    if (multi) {
      const cols = p.x as number[][];
      const A = p.y.map((_, i) => [...(intercept ? [1] : []), ...cols.map((c) => c[i])]);
      const r = solvers.lstsq(A, p.y);
      coef = Array.from(r.coefficients);
      se = r.stdErrors ? Array.from(r.stdErrors) : null;
    } else {
      const r = solvers.polyfit(p.x as number[], p.y, p.model.polynomialDegree ?? 1, { intercept });
      // without an intercept polyfit still reports c0 (= 0); NIST certifies c1.. only
      coef = Array.from(r.coefficients).slice(intercept ? 0 : 1);
      se = r.stdErrors ? Array.from(r.stdErrors).slice(intercept ? 0 : 1) : null;
    }
    const timeMs = now() - t0;
    return { ...base, estimates: coef, stdErrors: se, lre: minLre(coef, p.certified, 15), lreStdErrors: se ? minLre(se, p.certifiedStdDev, 15) : null, timeMs };
  } catch (err) {
    return { ...base, estimates: [], stdErrors: null, lre: 0, lreStdErrors: null, timeMs: now() - t0, error: (err as Error).message };
  }
}

export interface SuiteSummary {
  nonlinearCases: number;
  /** cases with parameter LRE >= 6 */
  nonlinearAtLeast6: number;
  nonlinearMeanLre: number;
  nonlinearMinLre: number;
  /** cases whose standard errors reach LRE >= 4 where the parameters reach LRE >= 6 (over those) */
  stdErrorsAtLeast4: number;
  stdErrorsChecked: number;
  nonlinearTimeMs: number;
  linearProblems: number;
  linearMeanLre: number;
  linearMinLre: number;
  linearTimeMs: number;
}

export function summarize(nonlinear: readonly NonlinearCase[], linear: readonly LinearCase[]): SuiteSummary {
  const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN);
  const nl = nonlinear.map((c) => c.lre);
  const good = nonlinear.filter((c) => c.lre >= 6);
  const seChecked = good.filter((c) => c.lreStdErrors !== null);
  return {
    nonlinearCases: nonlinear.length,
    nonlinearAtLeast6: good.length,
    nonlinearMeanLre: mean(nl),
    nonlinearMinLre: nl.length ? Math.min(...nl) : NaN,
    stdErrorsAtLeast4: seChecked.filter((c) => (c.lreStdErrors as number) >= 4).length,
    stdErrorsChecked: seChecked.length,
    nonlinearTimeMs: nonlinear.reduce((a, c) => a + c.timeMs, 0),
    linearProblems: linear.length,
    linearMeanLre: mean(linear.map((c) => c.lre)),
    linearMinLre: linear.length ? Math.min(...linear.map((c) => c.lre)) : NaN,
    linearTimeMs: linear.reduce((a, c) => a + c.timeMs, 0),
  };
}
