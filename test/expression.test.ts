import { describe, expect, it } from "vitest";
import { LsqError } from "../src/errors.js";
import { compileExpression, expressionIdentifiers, type CompiledExpression } from "../src/models/expression.js";
import { builtinModels, polynomialModel } from "../src/models/builtins.js";
import { nistModelExpression } from "../src/models/nist.js";
import { close } from "./helpers/lre.js";
import { loadNist } from "./helpers/nist.js";
import * as portable from "../src/math/portable.js";
import { BLOCK_ROWS } from "../src/models/expression/tape.js";
import { lsqErrorOf } from "./helpers/errors.js";

/**
 * Richardson-extrapolated central difference of f along coordinate k of p (independent of the
 * AD code): R = (4 D(h/2) - D(h)) / 3, D(h) = (f(p + h e_k) - f(p - h e_k)) / 2h, truncation
 * error O(h^4), rounding error ~ eps |f| / h; relative step h = 1e-5 |p_k| (1e-5 when p_k = 0)
 * balances the two even on steep Gaussian tails (Eckerle4, Gauss1-3).
 */
function richardson(f: (p: number[]) => number, p: readonly number[], k: number): number {
  const h = 1e-5 * (p[k] === 0 ? 1 : Math.abs(p[k]));
  const d = (step: number): number => {
    const a = p.slice();
    const b = p.slice();
    a[k] += step;
    b[k] -= step;
    return (f(a) - f(b)) / (2 * step);
  };
  return (4 * d(h / 2) - d(h)) / 3;
}

function gradientOf(e: CompiledExpression, p: number[], vars: number[]): Float64Array {
  const g = new Float64Array(p.length);
  e.evaluateWithGradient(p, vars, g);
  return g;
}


describe("expression syntax: precedence and associativity (closed forms)", () => {
  // x = 3, b = 2: each expected value worked out by hand.
  const cases: [string, number][] = [
    ["-x^2", -9],
    ["(-x)^2", 9],
    ["2^3^2", 512],
    ["2**3**2", 512],
    ["(2^3)^2", 64],
    ["x-b-1", 0],
    ["x/b/2", 0.75],
    ["x-b*2", -1],
    ["2*-x", -6],
    ["2^-1", 0.5],
    ["-b^-1", -0.5],
    ["--x", 3],
    ["+x", 3],
    ["-x*b", -6],
    ["x^b*2", 18],
    ["2*x^b", 18],
    ["x^2^-1", Math.sqrt(3)],
    ["(x+b)*2", 10],
    [".5e1*x", 15],
    ["1e-3*x", 0.003],
    ["2.5E+2/x", 250 / 3],
    ["1./4", 0.25],
    ["  x\t+\nb  ", 5],
    ["pow(x, b)", 9],
    ["min(x, b) + max(x, b)*10", 32],
    ["pi", Math.PI],
    ["PI*x", 3 * Math.PI],
    ["e^b", Math.E ** 2],
    ["exp(log(x))", Math.exp(Math.log(3))],
    ["atan2(b, -x)", Math.atan2(2, -3)],
  ];
  for (const [src, want] of cases) {
    it(`${src} = ${want}`, () => {
      const e = compileExpression(src, ["b"], ["x"]);
      expect(close(e.evaluate([2], [3]), want, 1e-15, 1e-300)).toBe(true);
    });
  }

  it("a parameter or predictor called e shadows the constant e", () => {
    expect(compileExpression("e*x", ["e"], ["x"]).evaluate([2], [3])).toBe(6);
    expect(compileExpression("e*b", ["b"], ["e"]).evaluate([2], [3])).toBe(6);
  });

  it("a parameter may share a function's name: exp alone is the parameter, exp(...) the function", () => {
    const e = compileExpression("exp*exp(x)", ["exp"], ["x"]);
    expect(close(e.evaluate([2], [1]), 2 * Math.exp(1), 1e-15)).toBe(true);
  });
});

describe("exact derivatives of every function", () => {
  // f(p*x + q) at u = p*x + q: d/dp = f'(u) x, d/dq = f'(u); closed-form f' per function.
  const unary: [string, (u: number) => number, (u: number) => number, number][] = [
    ["exp", Math.exp, Math.exp, 0.7],
    ["log", Math.log, (u) => 1 / u, 1.9],
    ["ln", Math.log, (u) => 1 / u, 0.3],
    ["log10", Math.log10, (u) => 1 / (u * Math.LN10), 7.5],
    ["sqrt", Math.sqrt, (u) => 0.5 / Math.sqrt(u), 2.2],
    ["sin", Math.sin, Math.cos, 0.9],
    ["cos", Math.cos, (u) => -Math.sin(u), 0.9],
    ["tan", Math.tan, (u) => 1 / Math.cos(u) ** 2, 0.4],
    ["asin", Math.asin, (u) => 1 / Math.sqrt(1 - u * u), 0.35],
    ["acos", Math.acos, (u) => -1 / Math.sqrt(1 - u * u), -0.6],
    ["atan", Math.atan, (u) => 1 / (1 + u * u), -1.7],
    ["sinh", Math.sinh, Math.cosh, 1.1],
    ["cosh", Math.cosh, Math.sinh, -0.8],
    ["tanh", Math.tanh, (u) => 1 / Math.cosh(u) ** 2, 0.5],
    ["abs", Math.abs, (u) => Math.sign(u), -1.3],
  ];
  for (const [fn, f, df, u] of unary) {
    it(`${fn}: value, gradient vs closed form and vs finite differences`, () => {
      const e = compileExpression(`${fn}(p*x + q)`, ["p", "q"], ["x"]);
      const x = 0.5;
      const p = [1.3, u - 1.3 * x];
      const g = new Float64Array(2);
      const v = e.evaluateWithGradient(p, [x], g);
      expect(close(v, f(u), 1e-14, 1e-15)).toBe(true);
      expect(close(e.evaluate(p, [x]), v, 0, 0)).toBe(true);
      expect(close(g[0], df(u) * x, 1e-14, 1e-15)).toBe(true);
      expect(close(g[1], df(u), 1e-14, 1e-15)).toBe(true);
      for (let k = 0; k < 2; k++) {
        const fd = richardson((pp) => e.evaluate(pp, [x]), p, k);
        expect(close(g[k], fd, 1e-8, 1e-10)).toBe(true);
      }
    });
  }

  const binary: [string, number[], (p: number[]) => number, (p: number[]) => number[]][] = [
    ["a + b", [1.5, -2.25], (p) => p[0] + p[1], () => [1, 1]],
    ["a - b", [1.5, -2.25], (p) => p[0] - p[1], () => [1, -1]],
    ["a * b", [1.5, -2.25], (p) => p[0] * p[1], (p) => [p[1], p[0]]],
    ["a / b", [1.5, -2.25], (p) => p[0] / p[1], (p) => [1 / p[1], -p[0] / (p[1] * p[1])]],
    ["a ^ b", [1.7, 2.3], (p) => p[0] ** p[1], (p) => [p[1] * p[0] ** (p[1] - 1), p[0] ** p[1] * Math.log(p[0])]],
    ["pow(a, b)", [0.6, -1.4], (p) => p[0] ** p[1], (p) => [p[1] * p[0] ** (p[1] - 1), p[0] ** p[1] * Math.log(p[0])]],
    ["a ** b", [2.5, 0.5], (p) => p[0] ** p[1], (p) => [p[1] * p[0] ** (p[1] - 1), p[0] ** p[1] * Math.log(p[0])]],
    ["atan2(a, b)", [0.8, -1.9], (p) => Math.atan2(p[0], p[1]), (p) => [p[1] / (p[0] ** 2 + p[1] ** 2), -p[0] / (p[0] ** 2 + p[1] ** 2)]],
    ["min(a, b)", [0.8, -1.9], (p) => Math.min(p[0], p[1]), () => [0, 1]],
    ["max(a, b)", [0.8, -1.9], (p) => Math.max(p[0], p[1]), () => [1, 0]],
    ["-a", [0.8, -1.9], (p) => -p[0], () => [-1, 0]],
  ];
  for (const [src, p, f, df] of binary) {
    it(`${src}: value, gradient vs closed form and vs finite differences`, () => {
      const e = compileExpression(src, ["a", "b"], []);
      const g = gradientOf(e, p, []);
      expect(close(e.evaluate(p, []), f(p), 1e-15, 1e-300)).toBe(true);
      const want = df(p);
      for (let k = 0; k < 2; k++) {
        expect(close(g[k], want[k], 1e-14, 1e-300)).toBe(true);
        expect(close(g[k], richardson((pp) => e.evaluate(pp, []), p, k), 1e-8, 1e-10)).toBe(true);
      }
    });
  }

  it("constant exponents: integer powers exact for negative bases; c = 0 and 1 at 0", () => {
    const cube = compileExpression("p^3", ["p"], []);
    expect(cube.evaluate([-2], [])).toBe(-8);
    expect(gradientOf(cube, [-2], [])[0]).toBe(12); // 3 p^2
    const sq = compileExpression("p^2", ["p"], []);
    expect(sq.evaluate([-3], [])).toBe(9);
    expect(gradientOf(sq, [-3], [])[0]).toBe(-6);
    const inv2 = compileExpression("p^-2", ["p"], []);
    expect(inv2.evaluate([-2], [])).toBe(0.25);
    expect(gradientOf(inv2, [-2], [])[0]).toBe(0.25); // -2 p^-3 = -2 / -8
    const half = compileExpression("p^0.5", ["p"], []);
    expect(half.evaluate([4], [])).toBe(2);
    expect(gradientOf(half, [4], [])[0]).toBe(0.25);
    const zero = compileExpression("p^0 + p^1", ["p"], []);
    expect(zero.evaluate([0], [])).toBe(1);
    expect(gradientOf(zero, [0], [])[0]).toBe(1); // d/dp (1 + p) = 1, not NaN
    const folded = compileExpression("p^(1/3*3)", ["p"], []); // constant exponent computed at compile time
    expect(gradientOf(folded, [5], [])[0]).toBe(1);
  });

  it("a^b with a = 0, b > 0: d/db is the limit 0 (not 0 * -Infinity)", () => {
    const e = compileExpression("a^b", ["a", "b"], []);
    const g = gradientOf(e, [0, 2], []);
    expect(e.evaluate([0, 2], [])).toBe(0);
    expect(g[0]).toBe(0);
    expect(g[1]).toBe(0);
  });

  it("abs: derivative is the sign, 0 at the kink", () => {
    const e = compileExpression("abs(p)", ["p"], []);
    expect(gradientOf(e, [-2], [])[0]).toBe(-1);
    expect(gradientOf(e, [3], [])[0]).toBe(1);
    expect(gradientOf(e, [0], [])[0]).toBe(0);
  });

  it("domain errors give NaN, never throw", () => {
    for (const src of ["log(p)", "sqrt(p)", "p^0.5", "pow(p, 0.3)", "asin(p - 1)"]) {
      const e = compileExpression(src, ["p"], []);
      expect(Number.isNaN(e.evaluate([-1], []))).toBe(true);
      const out = new Float64Array(3);
      e.evaluateBatch([-1], [], out, new Float64Array(3));
      expect(Number.isNaN(out[0])).toBe(true);
    }
  });

  it("composite: chain rule through nested functions vs closed form", () => {
    // f = a*exp(-(x-mu)^2/(2 s^2)); df/dmu = f (x-mu)/s^2, df/ds = f (x-mu)^2/s^3
    const e = compileExpression(builtinModels.gaussian.expression, ["a", "mu", "sigma"], ["x"]);
    const p = [2.5, 0.3, 1.7];
    const x = 1.9;
    const f = 2.5 * Math.exp(-((x - 0.3) ** 2) / (2 * 1.7 ** 2));
    const g = gradientOf(e, p, [x]);
    expect(close(e.evaluate(p, [x]), f, 1e-15)).toBe(true);
    expect(close(g[0], f / 2.5, 1e-15)).toBe(true);
    expect(close(g[1], (f * (x - 0.3)) / 1.7 ** 2, 1e-14)).toBe(true);
    expect(close(g[2], (f * (x - 0.3) ** 2) / 1.7 ** 3, 1e-14)).toBe(true);
  });
});

describe("portable elementary functions", () => {
  it("transcendental functions are lsqkit's portable ones (same bits in every runtime), in both evaluation paths", () => {
    const fns = ["exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh"] as const;
    for (const fn of fns) {
      const e = compileExpression(`${fn}(p*x)`, ["p"], ["x"]);
      const xs = Float64Array.from([0.1, 0.37, 0.5, 0.93]);
      const out = new Float64Array(4);
      e.evaluateBatch([1], [xs], out, new Float64Array(4));
      for (let i = 0; i < 4; i++) {
        expect(out[i]).toBe(portable[fn](xs[i]));
        expect(e.evaluate([1], [xs[i]])).toBe(portable[fn](xs[i]));
      }
    }
    const pw = compileExpression("pow(p, x)", ["p"], ["x"]);
    expect(pw.evaluate([1.7], [0.3])).toBe(portable.pow(1.7, 0.3));
    expect(compileExpression("atan2(p, x)", ["p"], ["x"]).evaluate([1.7], [-0.3])).toBe(portable.atan2(1.7, -0.3));
  });
});

describe("evaluateBatch", () => {
  // Deterministic pseudo-random data (LCG) so the test does not depend on Math.random.
  function lcg(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 4294967296;
    };
  }
  const exprs: [string, string[], string[]][] = [
    ["b1*exp(-b2*x) + b3", ["b1", "b2", "b3"], ["x"]],
    ["a*sin(w*t + phi)^2 / (1 + abs(t - c)) - min(a, c)*max(t, w)", ["a", "w", "phi", "c"], ["t"]],
    ["k*x1 + x2^2 - log(1 + exp(k*x1*x2)) + sqrt(x1 + u^2)", ["k", "u"], ["x1", "x2"]],
    ["3.5", ["p"], ["x"]], // constant root
    ["x^2 + 1", ["p"], ["x"]], // no parameter: zero Jacobian
    ["p", ["p", "q"], ["x"]], // parameter root; q unused
    ["cos(2*pi*x/12)*a + cos(2*pi*x/12)*b", ["a", "b"], ["x"]], // shared subexpression
  ];
  for (const [src, params, vars] of exprs) {
    it(`matches per-point evaluate and evaluateWithGradient: ${src}`, () => {
      const e = compileExpression(src, params, vars);
      const rnd = lcg(src.length);
      const p = params.map(() => 0.5 + rnd());
      // Sizes grow and shrink: the workspace is reused for smaller m.
      for (const m of [7, 50, 3, 64]) {
        const cols = vars.map(() => Float64Array.from({ length: m }, () => 0.1 + 2 * rnd()));
        const colsCopy = cols.map((c) => c.slice());
        const out = new Float64Array(m);
        const jac = new Float64Array(m * params.length).fill(NaN);
        e.evaluateBatch(p, cols, out, jac);
        const outOnly = new Float64Array(m);
        e.evaluateBatch(p, cols, outOnly);
        for (let i = 0; i < m; i++) {
          const point = cols.map((c) => c[i]);
          const g = new Float64Array(params.length);
          const v = e.evaluateWithGradient(p, point, g);
          expect(out[i]).toBe(e.evaluate(p, point));
          expect(out[i]).toBe(v);
          expect(outOnly[i]).toBe(v);
          for (let k = 0; k < params.length; k++) {
            expect(jac[i * params.length + k]).toBe(g[k]);
            const fd = richardson((pp) => e.evaluate(pp, point), p, k);
            expect(close(g[k], fd, 1e-7, 1e-9)).toBe(true);
          }
        }
        expect(cols).toEqual(colsCopy); // inputs never mutated
      }
    });
  }

  it("more rows than one block (BLOCK_ROWS): blocks agree with per-point evaluation bit for bit", () => {
    const e = compileExpression("a*exp(-b*t)*cos(w*u) + c*t^2 - b^2", ["a", "b", "c", "w"], ["t", "u"]);
    const m = 2 * BLOCK_ROWS + 37;
    const t = Float64Array.from({ length: m }, (_, i) => i / m);
    const u = Float64Array.from({ length: m }, (_, i) => Math.sin(i));
    const p = [1.3, 0.7, -0.4, 2.1];
    const out = new Float64Array(m);
    const jac = new Float64Array(m * 4).fill(NaN);
    e.evaluateBatch(p, [t, u], out, jac);
    const g = new Float64Array(4);
    for (let i = 0; i < m; i++) {
      expect(out[i]).toBe(e.evaluateWithGradient(p, [t[i], u[i]], g));
      for (let k = 0; k < 4; k++) expect(jac[i * 4 + k]).toBe(g[k]);
    }
  });

  it("compiled expressions are cached by source and names; a shared one serves interleaved users", () => {
    const a = compileExpression("k*exp(-r*x)", ["k", "r"], ["x"]);
    expect(compileExpression("k*exp(-r*x)", ["k", "r"], ["x"])).toBe(a);
    expect(compileExpression("k*exp(-r*x)", ["r", "k"], ["x"])).not.toBe(a);
    const big = Float64Array.from({ length: 40 }, (_, i) => i / 10);
    const small = Float64Array.from([0.5, 1.5]);
    const outBig = new Float64Array(40);
    const outSmall = new Float64Array(2);
    a.evaluateBatch([2, 0.5], [big], outBig, new Float64Array(80));
    a.evaluateBatch([3, 0.25], [small], outSmall, new Float64Array(4));
    a.evaluateBatch([2, 0.5], [big], outBig, new Float64Array(80));
    for (let i = 0; i < 40; i++) expect(outBig[i]).toBe(a.evaluate([2, 0.5], [big[i]]));
    for (let i = 0; i < 2; i++) expect(outSmall[i]).toBe(a.evaluate([3, 0.25], [small[i]]));
  });

  it("checks shapes", () => {
    const e = compileExpression("a*x", ["a"], ["x"]);
    expect(lsqErrorOf(() => e.evaluateBatch([1, 2], [new Float64Array(2)], new Float64Array(2))).code).toBe("SHAPE_MISMATCH");
    expect(lsqErrorOf(() => e.evaluateBatch([1], [new Float64Array(3)], new Float64Array(2))).message).toMatch(/'x' has length 3, expected 2/);
    expect(lsqErrorOf(() => e.evaluateBatch([1], [], new Float64Array(2))).code).toBe("SHAPE_MISMATCH");
    expect(lsqErrorOf(() => e.evaluateBatch([1], [new Float64Array(2)], new Float64Array(2), new Float64Array(1))).code).toBe("SHAPE_MISMATCH");
    expect(lsqErrorOf(() => e.evaluate([1], [])).code).toBe("SHAPE_MISMATCH");
    e.evaluateBatch([1], [new Float64Array(0)], new Float64Array(0), new Float64Array(0)); // m = 0 is a no-op
  });
});

describe("expression errors", () => {
  const cases: [string, number, RegExp][] = [
    ["b1*(x+", 7, /unexpected end of expression/],
    ["b1 x", 4, /unexpected 'x' \(missing operator/],
    ["2x", 2, /malformed number '2x'/],
    ["b1*)", 4, /unexpected '\)'/],
    ["(b1*x", 6, /expected '\)'/],
    ["1e+", 4, /exponent needs digits/],
    ["b1 $ 2", 4, /unexpected character '\$'/],
    ["exp(x", 6, /',' or '\)' to close the call of 'exp'/],
    ["exp()", 5, /needs an argument/],
    ["", 1, /empty/],
    ["x +* 2", 4, /unexpected '\*'/],
    ["b1*x^", 6, /unexpected end/],
  ];
  for (const [src, col, msg] of cases) {
    it(`syntax: ${JSON.stringify(src)} -> column ${col}`, () => {
      const err = lsqErrorOf(() => compileExpression(src, ["b1"], ["x"]));
      expect(err.code).toBe("PARSE_ERROR");
      expect(err.message).toContain(`column ${col}:`);
      expect(err.message).toMatch(msg);
      // caret line points at the column under the echoed source
      const lines = err.message.split("\n");
      expect(lines[1]).toBe(`  ${src}`);
      expect(lines[2]).toBe(" ".repeat(2 + col - 1) + "^");
    });
  }

  it("unknown name: names it, its column, and lists the parameters and predictors", () => {
    const err = lsqErrorOf(() => compileExpression("b1*exp(-b2*x) + b3", ["b1", "b2"], ["x"]));
    expect(err.code).toBe("PARSE_ERROR");
    expect(err.message).toContain("column 17:");
    expect(err.message).toContain("unknown name 'b3'; parameters: b1, b2; predictors: x");
  });

  it("unknown function, wrong argument count, function used as a value", () => {
    expect(lsqErrorOf(() => compileExpression("foo(x)", [], ["x"])).message).toMatch(/column 1: unknown function 'foo'; functions: exp, log/);
    expect(lsqErrorOf(() => compileExpression("x + pow(x)", [], ["x"])).message).toMatch(/column 5: pow\(\) takes 2 arguments, got 1/);
    expect(lsqErrorOf(() => compileExpression("x*exp", [], ["x"])).message).toMatch(/'exp' is a function/);
  });

  it("object-prototype names are just unknown names (no lookups through the prototype)", () => {
    for (const src of ["constructor", "__proto__ + 1", "toString(1)", "hasOwnProperty"]) {
      expect(lsqErrorOf(() => compileExpression(src, [], ["x"])).code).toBe("PARSE_ERROR");
    }
  });

  it("bad names and clashes", () => {
    expect(lsqErrorOf(() => compileExpression("a", ["a", "a"], [])).message).toMatch(/given twice/);
    expect(lsqErrorOf(() => compileExpression("a", ["a"], ["a"])).message).toMatch(/both a parameter and a predictor/);
    expect(lsqErrorOf(() => compileExpression("a", ["1a"], [])).code).toBe("INVALID_ARGUMENT");
  });

  it("long expressions show a window with the caret under the column", () => {
    const src = "b1 + ".repeat(40) + "?";
    const err = lsqErrorOf(() => compileExpression(src, ["b1"], []));
    expect(err.message).toContain(`column ${src.length}:`);
    const [, excerpt, caret] = err.message.split("\n");
    expect(excerpt[caret.length - 1]).toBe("?");
  });
});

describe("expressionIdentifiers", () => {
  it("lists free names in order, without functions and constants", () => {
    expect(expressionIdentifiers("a*exp(-b*x) + pi*c - e + a")).toEqual(["a", "b", "x", "c"]);
    expect(lsqErrorOf(() => expressionIdentifiers("a +")).code).toBe("PARSE_ERROR");
  });
});

describe("built-in models", () => {
  it("every built-in compiles with its parameters and x", () => {
    for (const m of Object.values(builtinModels)) {
      const e = compileExpression(m.expression, m.parameters, ["x"]);
      expect(expressionIdentifiers(m.expression).filter((s) => s !== "x").sort()).toEqual([...m.parameters].sort());
      const p = m.parameters.map((_, k) => 1 + 0.25 * k);
      expect(Number.isFinite(e.evaluate(p, [1.5]))).toBe(true);
    }
  });

  it("closed forms: lorentzian, logistic, michaelis-menten at known points", () => {
    const lor = builtinModels.lorentzian;
    expect(compileExpression(lor.expression, lor.parameters, ["x"]).evaluate([3, 1, 0.5], [1])).toBe(3); // peak height a at x0
    expect(compileExpression(lor.expression, lor.parameters, ["x"]).evaluate([3, 1, 0.5], [1.5])).toBe(1.5); // half max at x0 + gamma
    const lg = builtinModels.logistic;
    expect(compileExpression(lg.expression, lg.parameters, ["x"]).evaluate([4, 2, 1], [1])).toBe(2); // L/2 at the midpoint
    const mm = builtinModels.michaelisMenten;
    expect(compileExpression(mm.expression, mm.parameters, ["x"]).evaluate([10, 2], [2])).toBe(5); // vmax/2 at x = km
  });

  it("polynomialModel(d): value and gradient [1, x, x^2, ...] exactly", () => {
    const pm = polynomialModel(3);
    expect(pm.parameters).toEqual(["c0", "c1", "c2", "c3"]);
    const e = compileExpression(pm.expression, pm.parameters, ["x"]);
    const g = new Float64Array(4);
    const v = e.evaluateWithGradient([1, -2, 0.5, 3], [2], g);
    expect(v).toBe(1 - 4 + 2 + 24);
    expect(Array.from(g)).toEqual([1, 2, 4, 8]);
    expect(() => polynomialModel(-1)).toThrow(LsqError);
    expect(compileExpression(polynomialModel(0).expression, ["c0"], ["x"]).evaluate([7], [3])).toBe(7);
  });
});

describe("NIST StRD nonlinear models in expression syntax", () => {
  const problems = loadNist("nonlinear");
  it("has all 27 problems", () => {
    expect(problems.length).toBe(27);
  });
  for (const prob of problems) {
    it(`${prob.name}: values at the certified parameters match model.js; Jacobian matches finite differences`, () => {
      const js = prob.model.js as string;
      const vars = prob.model.predictors;
      // The independent reference: NIST's model as JavaScript (test code only; the library never evals).
      const ref = new Function(...prob.params, ...vars, `return (${js})`) as (...a: number[]) => number;
      const e = compileExpression(nistModelExpression(js), prob.params, vars);
      const cols = vars.length === 1 ? [Float64Array.from(prob.x as number[])] : (prob.x as number[][]).map((c) => Float64Array.from(c));
      const m = prob.y.length;
      const n = prob.params.length;
      for (const p of [prob.certified, prob.start1 as number[], prob.start2 as number[]]) {
        const out = new Float64Array(m);
        const jac = new Float64Array(m * n);
        e.evaluateBatch(p, cols, out, jac);
        const fd = new Float64Array(m * n);
        const colMax = new Float64Array(n);
        for (let i = 0; i < m; i++) {
          const point = cols.map((c) => c[i]);
          const want = ref(...p, ...point);
          expect(close(out[i], want, 2e-14, 1e-300)).toBe(true);
          for (let k = 0; k < n; k++) {
            fd[i * n + k] = richardson((pp) => ref(...pp, ...point), p, k);
            colMax[k] = Math.max(colMax[k], Math.abs(fd[i * n + k]));
          }
        }
        // Relative to each entry and to its Jacobian column's largest entry (a near-zero partial
        // from cancelling terms is judged on the column's scale, as the solver sees it), plus the
        // difference quotient's own rounding error ~ eps |f| / h (MGH17: f ~ 50, columns ~ 1e-5).
        for (let i = 0; i < m; i++) {
          for (let k = 0; k < n; k++) {
            const rounding = (10 * 2.2e-16 * Math.abs(out[i])) / (1e-5 * Math.abs(p[k]));
            expect(Math.abs(jac[i * n + k] - fd[i * n + k])).toBeLessThanOrEqual(1e-7 * Math.abs(fd[i * n + k]) + 1e-8 * colMax[k] + rounding);
          }
        }
      }
    });
  }
});
