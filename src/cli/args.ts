/**
 * Command-line flags: a declared table per command, parsed strictly. Unknown
 * flags, missing values, bad numbers and repeated flags are usage errors
 * (exit code 2) with a hint; `--name value` and `--name=value` both work.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface FlagSpec {
  /** long name without the dashes, e.g. "max-iterations" */
  name: string;
  kind: "string" | "number" | "boolean";
  /** placeholder shown in help, e.g. "N" or "col[,col...]" */
  value?: string;
  help: string;
}

export interface ParsedArgs {
  flags: Map<string, string | number | boolean>;
  positionals: string[];
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

/** The closest known name within edit distance 2 (for "did you mean"), or null. */
export function suggest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    const dist = editDistance(name, k);
    if (dist < bestD) {
      bestD = dist;
      best = k;
    }
  }
  return best;
}

/** Parses argv (the words after the command name) against `specs`; `-h`/`--help` become the boolean flag "help". */
export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[], command: string): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const flags = new Map<string, string | number | boolean>();
  const positionals: string[] = [];
  const seeHelp = `(see 'lsqkit ${command} --help')`;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (word === "-h" || word === "--help") {
      flags.set("help", true);
      continue;
    }
    if (!word.startsWith("-") || word === "-" || /^-\d|^-\.\d/.test(word)) {
      positionals.push(word);
      continue;
    }
    if (!word.startsWith("--")) throw new UsageError(`unknown option '${word}' for 'lsqkit ${command}': options are spelled --name ${seeHelp}`);
    const eq = word.indexOf("=");
    const name = eq >= 0 ? word.slice(2, eq) : word.slice(2);
    const spec = byName.get(name);
    if (!spec) {
      const near = suggest(name, [...byName.keys(), "help"]);
      throw new UsageError(`unknown option '--${name}' for 'lsqkit ${command}'${near ? `; did you mean '--${near}'?` : ""} ${seeHelp}`);
    }
    if (flags.has(name)) throw new UsageError(`option '--${name}' is given more than once`);
    if (spec.kind === "boolean") {
      if (eq >= 0) {
        const v = word.slice(eq + 1);
        if (v !== "true" && v !== "false") throw new UsageError(`option '--${name}' is a switch: write --${name} (or --${name}=true / --${name}=false), got '${v}'`);
        flags.set(name, v === "true");
      } else flags.set(name, true);
      continue;
    }
    let text: string;
    if (eq >= 0) text = word.slice(eq + 1);
    else {
      if (i + 1 >= argv.length) throw new UsageError(`option '--${name}' needs a value: --${name} ${spec.value ?? "VALUE"}`);
      text = argv[++i];
    }
    if (spec.kind === "number") {
      // decimal syntax only, as for --start (Number() also takes 0x10, 0b11 and 0o7)
      const v = DECIMAL.test(text.trim().toLowerCase()) ? Number(text) : NaN;
      if (!Number.isFinite(v)) throw new UsageError(`option '--${name}' needs a number, got '${text}'`);
      flags.set(name, v);
    } else flags.set(name, text);
  }
  return { flags, positionals };
}

/** Formats the option table of a command's help. */
export function formatFlags(specs: readonly FlagSpec[]): string {
  const left = specs.map((s) => `  --${s.name}${s.kind === "boolean" ? "" : ` ${s.value ?? "VALUE"}`}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return specs.map((s, i) => `${left[i].padEnd(width)}${s.help}`).join("\n");
}

/**
 * "b1=1, b2=0.1,b3=-2" -> [["b1", 1], ["b2", 0.1], ["b3", -2]] (order kept). Values may be
 * inf / -inf when `allowInfinite` (bounds). Throws UsageError naming the flag and the entry.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/;

export function parseAssignments(text: string, flag: string, allowInfinite = false): [string, number][] {
  const out: [string, number][] = [];
  const seen = new Set<string>();
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const eq = entry.indexOf("=");
    if (eq <= 0) throw new UsageError(`--${flag}: '${entry}' is not name=value (example: --${flag} b1=1,b2=0.1)`);
    const name = entry.slice(0, eq).trim();
    const valueText = entry.slice(eq + 1).trim().toLowerCase();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--${flag}: '${name}' is not a parameter name`);
    let value: number;
    if (allowInfinite && (valueText === "inf" || valueText === "+inf" || valueText === "infinity")) value = Infinity;
    else if (allowInfinite && (valueText === "-inf" || valueText === "-infinity")) value = -Infinity;
    // Decimal syntax only, as in the CSV cells: Number() would also take 0x10, 0b1 and 1_0 ("").
    else value = DECIMAL.test(valueText) ? Number(valueText) : NaN;
    if (Number.isNaN(value) || (!allowInfinite && !Number.isFinite(value))) {
      throw new UsageError(`--${flag}: the value of '${name}' must be a ${allowInfinite ? "number or inf/-inf" : "finite number"}, got '${entry.slice(eq + 1).trim()}'`);
    }
    if (seen.has(name)) throw new UsageError(`--${flag}: '${name}' is given twice`);
    seen.add(name);
    out.push([name, value]);
  }
  if (out.length === 0) throw new UsageError(`--${flag} is empty (example: --${flag} b1=1,b2=0.1)`);
  return out;
}
