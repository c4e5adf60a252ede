// Loads data/ml CSVs (numeric, header row, target last) and standardises with train statistics.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function loadCsv(name: string): { header: string[]; x: number[][]; y: number[] } {
  const text = readFileSync(fileURLToPath(new URL(`../../data/ml/${name}`, import.meta.url)), "utf8").trim();
  const lines = text.split("\n");
  const header = lines[0].split(",");
  const rows = lines.slice(1).map((l) => l.split(",").map(Number));
  return { header, x: rows.map((r) => r.slice(0, -1)), y: rows.map((r) => r[r.length - 1]) };
}

/** Column means and (population) standard deviations of `x`, and a function applying them. */
export function standardizer(x: number[][]) {
  const n = x.length;
  const m = x[0].length;
  const mean = new Array(m).fill(0);
  const sd = new Array(m).fill(0);
  for (const r of x) r.forEach((v, j) => (mean[j] += v / n));
  for (const r of x) r.forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / n));
  for (let j = 0; j < m; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  return { mean, sd, apply: (rows: number[][]) => rows.map((r) => r.map((v, j) => (v - mean[j]) / sd[j])) };
}
