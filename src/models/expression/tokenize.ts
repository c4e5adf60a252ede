/**
 * Tokenizer for model expressions ("b1*exp(-b2*x) + b3"). Every token keeps
 * its 0-based offset so that errors can point at a 1-based column.
 */
import { LsqError } from "../../errors.js";

export type TokenKind = "number" | "name" | "op" | "lparen" | "rparen" | "comma" | "end";

export interface Token {
  kind: TokenKind;
  /** source text of the token ("**" for the Python power operator) */
  text: string;
  /** numeric value for kind "number" */
  value: number;
  /** 0-based offset into the source */
  pos: number;
}

/**
 * Formats an expression error: message, 1-based column, and the source with a
 * caret under the offending character, e.g.
 *
 *     expression error at column 4: unexpected ')'
 *       b1*)
 *          ^
 */
export function expressionError(source: string, pos: number, message: string): LsqError {
  const col = Math.max(0, Math.min(pos, source.length));
  // Keep very long expressions readable: show a window around the column.
  const width = 72;
  let start = 0;
  if (col > width - 10) start = col - (width - 10);
  const end = Math.min(source.length, start + width);
  const excerpt = (start > 0 ? "..." : "") + source.slice(start, end) + (end < source.length ? "..." : "");
  const caret = " ".repeat(col - start + (start > 0 ? 3 : 0)) + "^";
  return new LsqError("PARSE_ERROR", `expression error at column ${col + 1}: ${message}\n  ${excerpt}\n  ${caret}`);
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function isNameStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}

/** Splits `source` into tokens; the last token has kind "end". Throws PARSE_ERROR on a bad character or number. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === "." && i + 1 < n && isDigit(source[i + 1]))) {
      // number := digits [. digits] [e|E [+|-] digits]  |  . digits [exponent]
      while (i < n && isDigit(source[i])) i++;
      if (i < n && source[i] === ".") {
        i++;
        while (i < n && isDigit(source[i])) i++;
      }
      if (i < n && (source[i] === "e" || source[i] === "E")) {
        let j = i + 1;
        if (j < n && (source[j] === "+" || source[j] === "-")) j++;
        if (j >= n || !isDigit(source[j])) {
          throw expressionError(source, j, `malformed number '${source.slice(start, j)}': the exponent needs digits`);
        }
        while (j < n && isDigit(source[j])) j++;
        i = j;
      }
      if (i < n && (isNameStart(source[i]) || source[i] === ".")) {
        throw expressionError(source, i, `malformed number '${source.slice(start, i + 1)}' (write '*' for multiplication)`);
      }
      const text = source.slice(start, i);
      const value = Number(text);
      // 1e999 would silently become an Infinity constant (and every residual non-finite).
      if (!Number.isFinite(value)) throw expressionError(source, start, `number '${text}' is out of the double range (|x| > 1.8e308)`);
      tokens.push({ kind: "number", text, value, pos: start });
      continue;
    }
    if (isNameStart(c)) {
      while (i < n && isNameChar(source[i])) i++;
      tokens.push({ kind: "name", text: source.slice(start, i), value: NaN, pos: start });
      continue;
    }
    if (c === "*" && source[i + 1] === "*") {
      tokens.push({ kind: "op", text: "**", value: NaN, pos: start });
      i += 2;
      continue;
    }
    if (c === "+" || c === "-" || c === "*" || c === "/" || c === "^") {
      tokens.push({ kind: "op", text: c, value: NaN, pos: start });
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === ",") {
      tokens.push({ kind: c === "(" ? "lparen" : c === ")" ? "rparen" : "comma", text: c, value: NaN, pos: start });
      i++;
      continue;
    }
    // Name invisible or look-alike characters (no-break space, zero-width space, unicode minus,
    // a lone surrogate half of an emoji) by code point: '${c}' alone would print as nothing or '-'.
    const cp = source.codePointAt(i) ?? 0;
    const shown = cp < 0x21 || cp > 0x7e ? `'${String.fromCodePoint(cp)}' (U+${cp.toString(16).toUpperCase().padStart(4, "0")})` : `'${c}'`;
    throw expressionError(source, i, `unexpected character ${shown}`);
  }
  tokens.push({ kind: "end", text: "", value: NaN, pos: n });
  return tokens;
}
