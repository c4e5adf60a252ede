/**
 * Recursive-descent parser for model expressions -> syntax tree.
 *
 * Grammar (lowest to highest precedence):
 *
 *     expr     := additive
 *     additive := term (("+" | "-") term)*                 left-assoc
 *     term     := unary (("*" | "/") unary)*               left-assoc
 *     unary    := ("-" | "+") unary | power
 *     power    := primary (("^" | "**") unary)?            right-assoc
 *     primary  := number | name | name "(" expr ("," expr)* ")" | "(" expr ")"
 *
 * So the power binds tighter than unary minus (-x^2 = -(x^2), as in maths,
 * Python and Fortran), 2^3^2 = 2^(3^2), and an exponent may carry its own
 * sign (2^-x). Implicit multiplication ("2x") is an error.
 */
import { expressionError, tokenize, type Token } from "./tokenize.js";

/**
 * Deepest nesting of parentheses, calls, unary signs and powers the parser accepts. The parser
 * recurses once per level, so without a bound a pathological input ("((((...", "----...a")
 * overflows the JS stack with a RangeError instead of an LsqError. 200 levels is far beyond any
 * model (polynomialModel(100) in Horner form nests 100 levels).
 */
export const MAX_NESTING = 200;

export type Node =
  | { kind: "number"; value: number; pos: number }
  | { kind: "name"; name: string; pos: number }
  | { kind: "unary"; op: "-" | "+"; arg: Node; pos: number }
  | { kind: "binary"; op: "+" | "-" | "*" | "/" | "^"; left: Node; right: Node; pos: number }
  | { kind: "call"; name: string; args: Node[]; pos: number };

/** Parses `source` into a tree; throws LsqError PARSE_ERROR with the column on bad syntax. */
export function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let k = 0;
  let depth = 0;
  const enter = (t: Token): void => {
    if (++depth > MAX_NESTING) {
      throw expressionError(source, t.pos, `nested too deeply (more than ${MAX_NESTING} levels of parentheses, calls, signs or powers)`);
    }
  };
  const peek = (): Token => tokens[k];
  const describe = (t: Token): string => (t.kind === "end" ? "end of expression" : `'${t.text}'`);

  function expect(kind: Token["kind"], what: string): Token {
    const t = tokens[k];
    if (t.kind !== kind) throw expressionError(source, t.pos, `expected ${what}, found ${describe(t)}`);
    k++;
    return t;
  }

  function additive(): Node {
    let left = term();
    for (;;) {
      const t = peek();
      if (t.kind === "op" && (t.text === "+" || t.text === "-")) {
        k++;
        left = { kind: "binary", op: t.text, left, right: term(), pos: t.pos };
      } else return left;
    }
  }

  function term(): Node {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.kind === "op" && (t.text === "*" || t.text === "/")) {
        k++;
        left = { kind: "binary", op: t.text, left, right: unary(), pos: t.pos };
      } else return left;
    }
  }

  function unary(): Node {
    const t = peek();
    if (t.kind === "op" && (t.text === "-" || t.text === "+")) {
      k++;
      enter(t);
      const arg = unary();
      depth--;
      return { kind: "unary", op: t.text, arg, pos: t.pos };
    }
    return power();
  }

  function power(): Node {
    const base = primary();
    const t = peek();
    if (t.kind === "op" && (t.text === "^" || t.text === "**")) {
      k++;
      enter(t);
      const right = unary();
      depth--;
      return { kind: "binary", op: "^", left: base, right, pos: t.pos };
    }
    return base;
  }

  function primary(): Node {
    const t = peek();
    if (t.kind === "number") {
      k++;
      return { kind: "number", value: t.value, pos: t.pos };
    }
    if (t.kind === "name") {
      k++;
      if (peek().kind === "lparen") {
        enter(peek());
        k++;
        const args: Node[] = [];
        if (peek().kind === "rparen") {
          throw expressionError(source, peek().pos, `function '${t.text}' needs an argument`);
        }
        args.push(additive());
        while (peek().kind === "comma") {
          k++;
          args.push(additive());
        }
        expect("rparen", `',' or ')' to close the call of '${t.text}'`);
        depth--;
        return { kind: "call", name: t.text, args, pos: t.pos };
      }
      return { kind: "name", name: t.text, pos: t.pos };
    }
    if (t.kind === "lparen") {
      enter(t);
      k++;
      const inner = additive();
      expect("rparen", "')'");
      depth--;
      return inner;
    }
    if (t.kind === "end") throw expressionError(source, t.pos, source.trim() === "" ? "the expression is empty" : "unexpected end of expression, expected a number, name or '('");
    throw expressionError(source, t.pos, `unexpected ${describe(t)}, expected a number, name or '('`);
  }

  const tree = additive();
  const t = peek();
  if (t.kind !== "end") {
    const hint = t.kind === "name" || t.kind === "number" || t.kind === "lparen" ? " (missing operator? write '*' for multiplication)" : "";
    throw expressionError(source, t.pos, `unexpected ${describe(t)}${hint}`);
  }
  return tree;
}
