// Breaks minified code into lines of at most ~`maxLen` characters (oxc's minifier has
// no line-length option). Why: Node prints the whole source line of an uncaught
// throw site, and a minified bundle is a few 40-50 KB lines (plus the wasm hex), so
// one `LsqError` printed ~45 KB of code. With short lines it prints one short line.
//
// How: a newline before every statement of a statement list (program, block,
// function body, switch case), then, in a line still longer than `maxLen`, right
// after a `;`, `,`, `{` or `}` token (never inside a string, template text, regular
// expression or comment: their ranges come from the parsed AST); and around string
// and template literals longer than `maxLen` (the wasm hex goes on a line of its own, with no code
// that can throw). Breaking at every statement is what keeps this cheap: the breaks
// sit at the same places in repeated code, so deflate still matches it (measured on
// the lsqkit entry at 160 columns: +0.8 KB gzipped for greedy line filling alone,
// ~+0.3 KB this way). A break before a statement or after `,` `;` `{` `}` never
// triggers automatic semicolon insertion (none ends a restricted production such
// as `return`/`throw`/`x++`), but the result is not taken on trust: it must parse
// to the same AST as the input (positions ignored), else the build fails.
import { parseSync } from "rolldown/utils";

const BREAK_AFTER = new Set([";", ",", "{", "}"]);

/** Every AST node of `program` (objects with a string `type`). */
function* nodes(v) {
  if (Array.isArray(v)) for (const x of v) yield* nodes(x);
  else if (v && typeof v === "object") {
    if (typeof v.type === "string") yield v;
    for (const k in v) if (k !== "start" && k !== "end" && v[k] && typeof v[k] === "object") yield* nodes(v[k]);
  }
}

/** The AST without positions, for comparison. */
function shape(program) {
  return JSON.stringify(program, (k, v) => (k === "start" || k === "end" || k === "range" ? undefined : typeof v === "bigint" ? `${v}n` : v));
}

function parse(fileName, code, module) {
  const r = parseSync(fileName, code, { sourceType: module ? "module" : "script", lang: "js" });
  if (r.errors?.length) throw new Error(`line-limit ${fileName}: parse error: ${r.errors.map((e) => e.message).join("; ")}`);
  return r;
}

/**
 * `code` with newlines inserted so that lines are at most ~`maxLen` characters
 * (a line only exceeds it when no break point lies inside it, e.g. one long string).
 */
export function limitLines(fileName, code, { maxLen = 160, module = true } = {}) {
  const { program, comments } = parse(fileName, code, module);
  // `noBreak[i]`: a newline may not be inserted at offset i (before code[i]).
  const noBreak = new Uint8Array(code.length + 1);
  const forced = [];
  const protect = (from, to) => noBreak.fill(1, from, to);
  for (const c of comments) protect(c.start + 1, c.end);
  for (const n of nodes(program)) {
    if (n.type === "Literal" && (typeof n.value === "string" || n.regex)) {
      protect(n.start + 1, n.end);
      if (typeof n.value === "string" && n.end - n.start > maxLen) forced.push(n.start, n.end);
    } else if (n.type === "Program" || n.type === "BlockStatement" || n.type === "StaticBlock" || n.type === "FunctionBody") {
      for (const st of n.body) forced.push(st.start);
    } else if (n.type === "SwitchCase") {
      for (const st of n.consequent) forced.push(st.start);
    } else if (n.type === "TemplateLiteral" && n.end - n.start > maxLen) {
      forced.push(n.start, n.end); // the minifier turns long strings into templates, e.g. the hex
    } else if (n.type === "TemplateElement") {
      // the raw text between ` or } and ` or ${, both ends included
      protect(n.start, n.end + 1);
    }
  }
  const points = new Set(forced);
  for (let i = 0; i < code.length; i++) if (BREAK_AFTER.has(code[i]) && !noBreak[i + 1]) points.add(i + 1);
  const sorted = [...points].filter((q) => q > 0 && q < code.length && code[q] !== "\n" && code[q - 1] !== "\n").sort((a, b) => a - b);
  const forcedSet = new Set(forced);
  const breaks = [];
  let lineStart = 0;
  let nextNewline = code.indexOf("\n");
  let last = -1; // last break point on the current line
  for (const q of sorted) {
    while (nextNewline !== -1 && nextNewline < q) {
      lineStart = nextNewline + 1;
      last = -1;
      nextNewline = code.indexOf("\n", lineStart);
    }
    if (q - lineStart > maxLen && last > lineStart) {
      breaks.push(last);
      lineStart = last;
    }
    if (forcedSet.has(q)) {
      breaks.push(q);
      lineStart = q;
      last = -1;
    } else last = q;
  }
  const uniq = [...new Set(breaks)].sort((a, b) => a - b);
  let out = "";
  let at = 0;
  for (const q of uniq) {
    out += code.slice(at, q) + "\n";
    at = q;
  }
  out += code.slice(at);
  const check = parse(fileName, out, module);
  if (shape(check.program) !== shape(program)) throw new Error(`line-limit ${fileName}: line breaks changed the program; not emitted`);
  return { code: out, breaks: uniq };
}
