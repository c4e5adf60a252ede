/**
 * Numeric tables from CSV text, parsed by csv-parse (quotes, CRLF, BOM,
 * comments handled there). Columns are converted to numbers only when asked
 * for, so a file may carry text columns the fit does not use. Every error
 * names the file, the line number and the column.
 */
import { parse } from "csv-parse/sync";
import { UsageError } from "./args.js";
import { readText, type CliIo } from "./io.js";

export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}

export interface CsvTable {
  file: string;
  /** column names: the header, or col1..colN when the first row is all numbers */
  names: string[];
  hasHeader: boolean;
  /** raw fields per data row */
  rows: string[][];
  /** 1-based line number of each data row in the file */
  lines: number[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses one field as a number: decimal syntax, or nan / inf / -inf (any case). */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t);
  const l = t.toLowerCase();
  if (l === "nan") return NaN;
  if (l === "inf" || l === "+inf" || l === "infinity") return Infinity;
  if (l === "-inf" || l === "-infinity") return -Infinity;
  return null;
}

/** Reads a CSV table; `delimiter` defaults to ",". Lines starting with # are comments; blank lines are skipped. */
export function readCsv(text: string, file: string, delimiter = ","): CsvTable {
  // csv-parse accepts multi-character delimiters and rejects "" with its own option wording;
  // a delimiter is one character here (the flag's help says so).
  if (typeof delimiter !== "string" || delimiter.length !== 1 || delimiter === '"' || delimiter === "#" || delimiter === "\n" || delimiter === "\r") {
    throw new UsageError(`--delimiter must be one character other than a quote, '#' or a line break (or 'tab'), got ${JSON.stringify(delimiter)}`);
  }
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      bom: true,
      comment: "#",
      comment_no_infix: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as { info: { lines: number }; record: string[] }[];
  } catch (err) {
    const e = err as Error & { lines?: number; code?: string };
    const where = typeof e.lines === "number" ? ` line ${e.lines}` : "";
    throw new DataError(`${file}${where}: ${e.message}`);
  }
  if (records.length === 0) throw new DataError(`${file}: no data (the file is empty or only comments)`);
  const first = records[0].record;
  // A ';'- or tab-separated file read with ',' is one column named "x;y": say so instead of the
  // confusing column errors that would follow.
  if (first.length === 1) {
    const other = [";", "\t", "|"].find((d) => d !== delimiter && first[0].includes(d));
    if (other !== undefined) {
      const shown = other === "\t" ? "tab" : other;
      throw new DataError(`${file} line ${records[0].info.lines}: one field ${JSON.stringify(first[0])} containing '${shown}' and no '${delimiter === "\t" ? "tab" : delimiter}': the file looks '${shown}'-separated; pass --delimiter ${other === ";" ? "';'" : other === "|" ? "'|'" : "tab"}`);
    }
  }
  const hasHeader = first.some((f) => parseNumber(f) === null);
  const names = hasHeader ? first.map((f, j) => (f === "" ? `col${j + 1}` : f)) : first.map((_, j) => `col${j + 1}`);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new DataError(`${file} line ${records[0].info.lines}: column name '${n}' appears twice in the header`);
    seen.add(n);
  }
  const body = hasHeader ? records.slice(1) : records;
  if (body.length === 0) throw new DataError(`${file}: the header has no data rows below it`);
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const { info, record } of body) {
    if (record.length !== names.length) {
      throw new DataError(`${file} line ${info.lines}: expected ${names.length} fields (${names.join(", ")}), found ${record.length}`);
    }
    rows.push(record);
    lines.push(info.lines);
  }
  return { file, names, hasHeader, rows, lines };
}

/**
 * Index of a column given by name or by 1-based number ("2"). Throws DataError listing the
 * columns when there is no such column.
 */
export function columnIndex(table: CsvTable, spec: string): number {
  const byName = table.names.indexOf(spec);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(spec)) {
    const k = Number(spec);
    if (k >= 1 && k <= table.names.length) return k - 1;
  }
  throw new DataError(`${table.file}: no column '${spec}'; columns: ${table.names.join(", ")} (or 1..${table.names.length})`);
}

/**
 * Column j as numbers; a field that is not a number is an error naming its line and column.
 * `missingAsNaN`: empty and non-numeric fields become NaN instead (for dropping such rows).
 */
export function numericColumn(table: CsvTable, j: number, allowNonFinite = false, missingAsNaN = false): number[] {
  const out = new Array<number>(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) {
    const text = table.rows[i][j];
    let v = parseNumber(text);
    if (v === null && missingAsNaN) v = NaN;
    if (v === null || (!allowNonFinite && !Number.isFinite(v))) {
      const what = text === "" ? "is empty" : `is '${text}', not a ${v === null ? "number" : "finite number"}`;
      throw new DataError(`${table.file} line ${table.lines[i]}, column '${table.names[j]}': the value ${what}`);
    }
    out[i] = v;
  }
  return out;
}

/** Reads and parses a CSV file named on the command line (`-` = standard input); `--delimiter` may be 'tab'. */
export function readCsvFile(io: CliIo, file: string, delimiterFlag: string | undefined): CsvTable {
  let text: string;
  try {
    text = readText(io, file);
  } catch (err) {
    throw new DataError(`cannot read '${file}': ${(err as Error).message}`);
  }
  const delimiter = delimiterFlag === undefined ? "," : delimiterFlag === "tab" || delimiterFlag === "\\t" ? "\t" : delimiterFlag;
  return readCsv(text, file, delimiter);
}
