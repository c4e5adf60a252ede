// Adversarial expression strings and names for compileExpression / expressionIdentifiers /
// builtins: every malformed input is an LsqError PARSE_ERROR (or INVALID_ARGUMENT for names)
// with a column, never a RangeError or a silent Infinity; odd but valid inputs evaluate to
// their closed-form values.
import { describe, expect, it } from "vitest";
import { LsqError, builtinModels, compileExpression, expressionIdentifiers, polynomialModel } from "../src/index.js";
import { lsqErrorOf } from "./helpers/errors.js";


const SRC = "b1*exp(-b2*x)+b3";
const P = ["b1", "b2", "b3"];

describe("syntax errors at every position", () => {
  it("each insertion or deletion either compiles or is a PARSE_ERROR with a column inside the text", () => {
    const variants = new Set<string>();
    for (let i = 0; i <= SRC.length; i++) {
      for (const ins of ["(", ")", "*", ",", "$", "1e", ".", "^^", "é", "\u0000", "'", "😀", "²"]) variants.add(SRC.slice(0, i) + ins + SRC.slice(i));
      variants.add(SRC.slice(0, i) + SRC.slice(i + 1));
    }
    let failures = 0;
    for (const s of variants) {
      let e: unknown = null;
      try {
        compileExpression(s, P, ["x"]);
      } catch (err) {
        e = err;
      }
      if (e === null) continue;
      failures++;
      expect(e).toBeInstanceOf(LsqError);
      const le = e as LsqError;
      expect(le.code).toBe("PARSE_ERROR");
      const col = Number(/column (\d+)/.exec(le.message)?.[1]);
      expect(col).toBeGreaterThanOrEqual(1);
      expect(col).toBeLessThanOrEqual(s.length + 1);
    }
    expect(failures).toBeGreaterThan(150);
  });
  it("empty, blank and malformed numbers", () => {
    expect(lsqErrorOf(() => compileExpression("", ["a"], [])).message).toMatch(/column 1: the expression is empty/);
    expect(lsqErrorOf(() => compileExpression("   ", ["a"], [])).message).toMatch(/empty/);
    expect(lsqErrorOf(() => compileExpression("1e*a", ["a"], [])).message).toMatch(/column 3.*'1e'/);
    expect(lsqErrorOf(() => compileExpression("0x10*a", ["a"], [])).message).toMatch(/column 2.*'0x'/);
    expect(lsqErrorOf(() => compileExpression("2a", ["a"], [])).message).toMatch(/'2a'.*'\*'/);
  });
  it("a number literal beyond the double range is a PARSE_ERROR, not an Infinity constant", () => {
    const e = lsqErrorOf(() => compileExpression("a*x + 1e999", ["a"], ["x"]));
    expect(e.code).toBe("PARSE_ERROR");
    expect(e.message).toMatch(/column 7: number '1e999' is out of the double range/);
  });
  it("unicode characters are named with their column", () => {
    expect(lsqErrorOf(() => compileExpression("a*x²", ["a"], ["x"])).message).toMatch(/column 4: unexpected character '²' \(U\+00B2\)/);
    // invisible and look-alike characters are named by code point
    expect(lsqErrorOf(() => compileExpression("a*\u00a0x", ["a"], ["x"])).message).toMatch(/column 3: unexpected character .*\(U\+00A0\)/);
    expect(lsqErrorOf(() => compileExpression("a\u2212x", ["a"], ["x"])).message).toMatch(/column 2: unexpected character .*\(U\+2212\)/);
    expect(lsqErrorOf(() => compileExpression("a*x😀", ["a"], ["x"])).message).toMatch(/column 4: unexpected character '😀' \(U\+1F600\)/);
    expect(lsqErrorOf(() => compileExpression("α*x", ["a"], ["x"])).message).toMatch(/column 1/);
    expect(lsqErrorOf(() => compileExpression("a", ["α"], [])).code).toBe("INVALID_ARGUMENT");
  });
  it("wrong arity and unknown functions", () => {
    expect(lsqErrorOf(() => compileExpression("pow(a)", ["a"], [])).message).toMatch(/pow\(\) takes 2 arguments, got 1/);
    expect(lsqErrorOf(() => compileExpression("exp(a, a)", ["a"], [])).message).toMatch(/exp\(\) takes 1 argument, got 2/);
    expect(lsqErrorOf(() => compileExpression("constructor(a)", ["a"], [])).message).toMatch(/unknown function 'constructor'/);
    expect(lsqErrorOf(() => compileExpression("toString*a", ["a"], [])).message).toMatch(/unknown name 'toString'/);
    expect(lsqErrorOf(() => compileExpression("exp*a", ["a"], [])).message).toMatch(/'exp' is a function/);
  });
});

describe("very long and deeply nested expressions", () => {
  it("deep nesting is a PARSE_ERROR (not a stack overflow)", () => {
    for (const s of ["(".repeat(5000) + "a" + ")".repeat(5000), "-".repeat(100000) + "a", Array(50000).fill("a").join("^"), "exp(".repeat(3000) + "a" + ")".repeat(3000)]) {
      const e = lsqErrorOf(() => compileExpression(s, ["a"], []));
      expect(e.code).toBe("PARSE_ERROR");
      expect(e.message).toMatch(/nested too deeply/);
      expect(lsqErrorOf(() => expressionIdentifiers(s)).code).toBe("PARSE_ERROR");
    }
  });
  it("a sum of 20000 terms compiles and evaluates (closed form 20000 a x)", () => {
    const s = Array(20000).fill("a*x").join("+");
    expect(compileExpression(s, ["a"], ["x"]).evaluate([1.5], [2])).toBe(60000);
    expect(expressionIdentifiers(s)).toEqual(["a", "x"]);
    const d = Array(20000).fill("a").join("/"); // a / a / ... = a^(2 - 20000) ; at a = 1 -> 1
    expect(compileExpression(d, ["a"], []).evaluate([1], [])).toBe(1);
  });
  it("polynomialModel(100) (100 nested parentheses) evaluates to the geometric sum", () => {
    const pm = polynomialModel(100);
    const c = compileExpression(pm.expression, pm.parameters, ["x"]);
    const v = c.evaluate(new Array(101).fill(1), [0.5]);
    expect(Math.abs(v - (1 - 0.5 ** 101) / 0.5)).toBeLessThan(1e-15);
  });
});

describe("names that clash with functions and constants", () => {
  it("e, pi and function names as parameters shadow the constants", () => {
    expect(compileExpression("e*x", ["e"], ["x"]).evaluate([2], [3])).toBe(6);
    expect(compileExpression("e*x", [], ["x"]).evaluate([], [1])).toBe(Math.E);
    expect(compileExpression("pi*x", ["pi"], ["x"]).evaluate([2], [3])).toBe(6);
    expect(compileExpression("exp*x", ["exp"], ["x"]).evaluate([2], [3])).toBe(6);
    expect(compileExpression("exp(exp)", ["exp"], []).evaluate([2], [])).toBe(Math.exp(2));
    expect(compileExpression("constructor*__proto__", ["constructor", "__proto__"], []).evaluate([2, 3], [])).toBe(6);
  });
  it("duplicate names and a name that is both parameter and predictor", () => {
    expect(lsqErrorOf(() => compileExpression("a", ["a", "a"], [])).message).toMatch(/'a' is given twice/);
    expect(lsqErrorOf(() => compileExpression("x", ["x"], ["x"])).message).toMatch(/'x' is both a parameter and a predictor/);
  });
  it("wrong value counts at evaluation", () => {
    const c = compileExpression("a*x", ["a"], ["x"]);
    expect(lsqErrorOf(() => c.evaluate([1, 2], [1])).code).toBe("SHAPE_MISMATCH");
    expect(lsqErrorOf(() => c.evaluate([1], [])).code).toBe("SHAPE_MISMATCH");
    expect(lsqErrorOf(() => c.evaluateBatch([1], [new Float64Array(1)], new Float64Array(2))).message).toMatch(/column 'x' has length 1, expected 2/);
  });
});

describe("derivatives at the edges of the domain", () => {
  it("d(a^b)/da at a = 0, b = 0 is 0 (a^0 is constant), not NaN", () => {
    const g = new Float64Array(2);
    const c = compileExpression("a^b", ["a", "b"], []);
    expect(c.evaluateWithGradient([0, 0], [], g)).toBe(1);
    expect(g[0]).toBe(0);
    // and the neighbours: d/da a^b = b a^(b-1): b = 1 -> 1, b = 2 -> 0 at a = 0
    c.evaluateWithGradient([0, 1], [], g);
    expect(g[0]).toBe(1);
    c.evaluateWithGradient([0, 2], [], g);
    expect(g[0]).toBe(0);
  });
  it("gradients of the other functions agree with central differences away from singularities", () => {
    const c = compileExpression("pow(a,b)+atan2(a,b)+max(a,b)+atan(a*b)+sin(a)*cos(b)+exp(a/b)+sqrt(a*b)+log10(a)+tanh(b)+cosh(a)+sinh(b)+tan(a)+asin(a/2)+acos(b/2)", ["a", "b"], []);
    const g = new Float64Array(2);
    const p = [0.7, 1.3];
    c.evaluateWithGradient(p, [], g);
    const h = 1e-6;
    for (let k = 0; k < 2; k++) {
      const up = p.slice();
      const dn = p.slice();
      up[k] += h;
      dn[k] -= h;
      const fd = (c.evaluate(up, []) - c.evaluate(dn, [])) / (2 * h);
      expect(Math.abs(g[k] - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
    }
  });
});

describe("builtins", () => {
  it("polynomialModel rejects bad degrees", () => {
    for (const d of [-1, 1.5, NaN, 101, "2" as unknown as number]) expect(lsqErrorOf(() => polynomialModel(d)).code).toBe("INVALID_ARGUMENT");
  });
  it("every builtin compiles with its parameter names and is frozen", () => {
    for (const m of Object.values(builtinModels)) {
      const c = compileExpression(m.expression, m.parameters, ["x"]);
      expect(Number.isFinite(c.evaluate(m.parameters.map(() => 1), [0.5]))).toBe(true);
    }
    expect(Object.isFrozen(builtinModels)).toBe(true);
    expect(Object.isFrozen(builtinModels.gaussian.parameters)).toBe(true);
  });
});
