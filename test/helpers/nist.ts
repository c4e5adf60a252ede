// Loads the bundled NIST StRD problems (data/nist/*.json; schema in data/nist/SOURCE.md).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const NIST_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../data/nist");

export interface NistProblem {
  name: string;
  kind: "linear" | "nonlinear";
  difficulty: string;
  nObservations: number;
  xNames: string[];
  /** one array (single predictor) or an array of columns */
  x: number[] | number[][];
  y: number[];
  params: string[];
  start1?: number[];
  start2?: number[];
  certified: number[];
  certifiedStdDev: number[];
  residualSumOfSquares: number;
  residualStdDev: number;
  degreesOfFreedom: number;
  model: {
    js?: string;
    predictors: string[];
    responseTransform?: string | null;
    polynomialDegree?: number;
    intercept?: boolean;
    regressors?: string[];
    constants?: Record<string, number>;
  };
}

export function loadNist(kind: "linear" | "nonlinear"): NistProblem[] {
  const index = JSON.parse(readFileSync(join(NIST_DIR, "index.json"), "utf8")) as { name: string; kind: string }[];
  return index.filter((e) => e.kind === kind).map((e) => JSON.parse(readFileSync(join(NIST_DIR, `${e.name}.json`), "utf8")) as NistProblem);
}

export function nistNames(): string[] {
  return readdirSync(NIST_DIR).filter((f) => f.endsWith(".json") && f !== "index.json").map((f) => f.slice(0, -5));
}
