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

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = new Map([...B64].map((c, i) => [c, i]));

/** Source map v3 `mappings` -> per generated line, segments [col, src, line, col, name?] with absolute values. */
function decodeMappings(mappings) {
  const lines = [];
  const state = [0, 0, 0, 0, 0];
  for (const lineText of mappings.split(";")) {
    const segs = [];
    state[0] = 0;
    for (const segText of lineText.split(",")) {
      if (!segText) continue;
      const fields = [];
      let value = 0;
      let shift = 0;
      for (const ch of segText) {
        const d = B64_VALUE.get(ch);
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      const seg = fields.map((f, i) => (state[i] += f));
      segs.push(seg);
    }
    lines.push(segs);
  }
  return lines;
}

function encodeVlq(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = "";
  do {
    let d = v & 31;
    v >>>= 5;
    if (v) d |= 32;
    out += B64[d];
  } while (v);
  return out;
}

function encodeMappings(lines) {
  const state = [0, 0, 0, 0, 0];
  return lines
    .map((segs) => {
      state[0] = 0;
      return segs
        .map((seg) => seg.map((v, i) => { const d = v - state[i]; state[i] = v; return encodeVlq(d); }).join(""))
        .join(",");
    })
    .join(";");
}

/**
 * Moves a source map of `code` onto `limitLines`'s output (same code with newlines
 * inserted at the offsets `breaks`), with `prefixLines` lines (a banner) before it.
 */
export function shiftMap(map, code, breaks, prefixLines = 0) {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === "\n") lineStarts.push(i + 1);
  // all line starts of the output, as offsets into `code` (a break at q starts a line at q)
  const newStarts = [...lineStarts, ...breaks].sort((a, b) => a - b);
  const out = Array.from({ length: newStarts.length }, () => []);
  let k = 0;
  decodeMappings(map.mappings).forEach((segs, line) => {
    for (const seg of segs) {
      const offset = lineStarts[line] + seg[0];
      while (k + 1 < newStarts.length && newStarts[k + 1] <= offset) k++;
      while (k > 0 && newStarts[k] > offset) k--;
      out[k].push([offset - newStarts[k], ...seg.slice(1)]);
    }
  });
  return { ...map, mappings: ";".repeat(prefixLines) + encodeMappings(out) };
}
