/**
 * Model expressions such as "b1*exp(-b2*x) + b3": parsed by a small safe
 * parser (never eval / Function on user text), compiled to a tape, and
 * evaluated with exact derivatives (forward-mode AD, see expression/tape.ts).
 *
 * Syntax: numbers (2, 0.5, .5, 1e-3), + - * / and ^ or ** (power binds
 * tighter than unary minus and is right-associative: -x^2 = -(x^2),
 * 2^3^2 = 2^9), parentheses, the functions exp log (= ln) log10 sqrt sin cos
 * tan asin acos atan sinh cosh tanh abs and pow(a, b) atan2(y, x) min(a, b)
 * max(a, b), the constants pi / PI and e (e only when no parameter or
 * predictor is called e), parameter names and predictor names.
 */
import { LsqError } from "../errors.js";
import { CONSTANTS, FUNCTIONS, Op } from "./expression/ops.js";
import { parseExpression, type Node } from "./expression/parse.js";
import { TapeBuilder, TapeRunner, evaluateScalar, type Tape } from "./expression/tape.js";
import { expressionError } from "./expression/tokenize.js";

export interface CompiledExpression {
  readonly source: string;
  /** parameter names as given by the caller, in that order */
  readonly parameters: readonly string[];
  /** predictor names as given by the caller */
  readonly variables: readonly string[];
  /** model value at one point */
  evaluate(params: ArrayLike<number>, vars: ArrayLike<number>): number;
  /** value; writes d value / d params[k] into grad[k] */
  evaluateWithGradient(params: ArrayLike<number>, vars: ArrayLike<number>, grad: Float64Array): number;
  /**
   * Batch over m data points (the fast path used by the solver): columns[v] is a Float64Array of
   * length m for variable v; writes values into out (length m) and, if jac is given, the m x n
   * row-major Jacobian d out[i] / d params[k] into jac[i*n + k].
   */
  evaluateBatch(params: ArrayLike<number>, columns: readonly Float64Array[], out: Float64Array, jac?: Float64Array): void;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkNames(names: readonly string[], what: string): void {
  if (!Array.isArray(names)) throw new LsqError("INVALID_ARGUMENT", `${what} must be an array of names`);
  for (let i = 0; i < names.length; i++) {
    const s = names[i];
    if (typeof s !== "string" || !NAME.test(s)) {
      throw new LsqError("INVALID_ARGUMENT", `${what}[${i}] must be a name made of letters, digits and '_' (not starting with a digit), got ${JSON.stringify(s)}`);
    }
  }
}

function listNames(names: readonly string[]): string {
  return names.length === 0 ? "(none)" : names.join(", ");
}

function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case "unary": return [node.arg];
    case "binary": return [node.left, node.right];
    case "call": return node.args;
    default: return [];
  }
}

/**
 * Pre-order visit with an explicit stack. A long sum "a*x + a*x + ..." parses into a left-deep
 * tree as deep as it has terms (the parser's nesting bound does not limit it), so recursion
 * here would overflow the JS stack on long generated models.
 */
function walk(root: Node, visit: (n: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const c = children(node);
    for (let i = c.length - 1; i >= 0; i--) stack.push(c[i]);
  }
}

/**
 * Post-order evaluation with an explicit stack (same reason as walk): `enter` runs when a node is
 * first reached (before its children), `exit` with the results of its children, left to right.
 */
function fold(root: Node, enter: (n: Node) => void, exit: (n: Node, args: number[]) => number): number {
  const frames: { node: Node; kids: readonly Node[]; results: number[] }[] = [];
  const push = (node: Node): void => {
    enter(node);
    frames.push({ node, kids: children(node), results: [] });
  };
  push(root);
  for (;;) {
    const top = frames[frames.length - 1];
    if (top.results.length < top.kids.length) {
      push(top.kids[top.results.length]);
      continue;
    }
    const value = exit(top.node, top.results);
    frames.pop();
    if (frames.length === 0) return value;
    frames[frames.length - 1].results.push(value);
  }
}

/**
 * Names an expression uses that are neither called functions nor the
 * constants pi / PI / e, in order of first appearance (for inferring
 * parameter names and for messages). Throws PARSE_ERROR on bad syntax.
 */
export function expressionIdentifiers(source: string): string[] {
  if (typeof source !== "string") throw new LsqError("INVALID_ARGUMENT", "expression must be a string");
  const seen = new Set<string>();
  const out: string[] = [];
  walk(parseExpression(source), (n) => {
    if (n.kind === "name" && !Object.prototype.hasOwnProperty.call(CONSTANTS, n.name) && !seen.has(n.name)) {
      seen.add(n.name);
      out.push(n.name);
    }
  });
  return out;
}

/**
 * Compiles `source` with the given parameter and predictor names. Throws
 * LsqError PARSE_ERROR (with the 1-based column and a caret excerpt) on a
 * syntax error, an unknown name or function, or a wrong number of arguments.
 */
export function compileExpression(source: string, parameterNames: readonly string[], variableNames: readonly string[]): CompiledExpression {
  if (typeof source !== "string") throw new LsqError("INVALID_ARGUMENT", `expression must be a string, got ${typeof source}`);
  checkNames(parameterNames, "parameter names");
  checkNames(variableNames, "predictor names");
  // Many fits of one model (a loop of curveFit calls) compile it once. Sharing the compiled object
  // is safe: its evaluation is synchronous and its workspace is only scratch between calls.
  const key = `${source}\u0000${parameterNames.join(",")}\u0000${variableNames.join(",")}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit;
  }
  const compiled = compileUncached(source, parameterNames, variableNames);
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}

/** Least-recently-used cache of compiled expressions (Map keeps insertion order). */
const CACHE_SIZE = 64;
const cache = new Map<string, CompiledExpression>();

function compileUncached(source: string, parameterNames: readonly string[], variableNames: readonly string[]): CompiledExpression {
  const symbols = new Map<string, { kind: "param" | "var"; index: number }>();
  parameterNames.forEach((name, k) => {
    if (symbols.has(name)) throw new LsqError("INVALID_ARGUMENT", `parameter name '${name}' is given twice`);
    symbols.set(name, { kind: "param", index: k });
  });
  variableNames.forEach((name, v) => {
    const prev = symbols.get(name);
    if (prev) {
      throw new LsqError("INVALID_ARGUMENT", prev.kind === "param" ? `'${name}' is both a parameter and a predictor name` : `predictor name '${name}' is given twice`);
    }
    symbols.set(name, { kind: "var", index: v });
  });

  const tree = parseExpression(source);
  const builder = new TapeBuilder(parameterNames.length, variableNames.length);

  // Checks that need no lowered operands run on entry, so errors come out in source order.
  const enter = (node: Node): void => {
    if (node.kind === "name") {
      if (symbols.has(node.name) || Object.prototype.hasOwnProperty.call(CONSTANTS, node.name)) return;
      const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, node.name);
      throw expressionError(
        source,
        node.pos,
        fn
          ? `'${node.name}' is a function: write ${node.name}(...)`
          : `unknown name '${node.name}'; parameters: ${listNames(parameterNames)}; predictors: ${listNames(variableNames)}`,
      );
    }
    if (node.kind === "call") {
      if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, node.name)) {
        throw expressionError(source, node.pos, `unknown function '${node.name}'; functions: ${Object.keys(FUNCTIONS).join(", ")}`);
      }
      const fn = FUNCTIONS[node.name];
      if (node.args.length !== fn.arity) {
        throw expressionError(source, node.pos, `${node.name}() takes ${fn.arity} argument${fn.arity === 1 ? "" : "s"}, got ${node.args.length}`);
      }
    }
  };
  const exit = (node: Node, args: number[]): number => {
    switch (node.kind) {
      case "number":
        return builder.constant(node.value);
      case "name": {
        const sym = symbols.get(node.name);
        if (sym) return sym.kind === "param" ? builder.param(sym.index) : builder.variable(sym.index);
        return builder.constant(CONSTANTS[node.name]);
      }
      case "unary":
        return node.op === "-" ? builder.unary(Op.NEG, args[0]) : args[0];
      case "binary": {
        const op = node.op === "+" ? Op.ADD : node.op === "-" ? Op.SUB : node.op === "*" ? Op.MUL : node.op === "/" ? Op.DIV : Op.POW;
        return builder.binary(op, args[0], args[1]);
      }
      case "call": {
        const fn = FUNCTIONS[node.name];
        return fn.arity === 1 ? builder.unary(fn.op, args[0]) : builder.binary(fn.op, args[0], args[1]);
      }
    }
  };

  const tape = builder.finish(fold(tree, enter, exit));
  return new Compiled(source, parameterNames.slice(), variableNames.slice(), tape);
}

/**
 * evaluateBatch for callers whose `columns` array and its columns never change between calls (curveFit's
 * own copies of the data): a call at the same parameters as the previous one reuses the values
 * still in the workspace (the Jacobian after an accepted step). Internal to lsqkit.
 */
export function evaluateBatchFrozen(e: CompiledExpression, params: ArrayLike<number>, columns: readonly Float64Array[], out: Float64Array, jac?: Float64Array): void {
  if (e instanceof Compiled) e.evaluateBatchFrozen(params, columns, out, jac);
  else e.evaluateBatch(params, columns, out, jac);
}

class Compiled implements CompiledExpression {
  private readonly runner: TapeRunner;
  private readonly regs: Float64Array;
  private readonly pointColumns: Float64Array[];
  private readonly pointOut = new Float64Array(1);

  constructor(
    readonly source: string,
    readonly parameters: readonly string[],
    readonly variables: readonly string[],
    private readonly tape: Tape,
  ) {
    Object.freeze(parameters);
    Object.freeze(variables);
    this.runner = new TapeRunner(tape);
    this.regs = new Float64Array(tape.op.length);
    this.pointColumns = variables.map(() => new Float64Array(1));
  }

  private checkParams(params: ArrayLike<number>): void {
    if (params == null || params.length !== this.parameters.length) {
      throw new LsqError("SHAPE_MISMATCH", `expression ${JSON.stringify(this.source)}: expected ${this.parameters.length} parameter values (${listNames(this.parameters)}), got ${params == null ? String(params) : params.length}`);
    }
  }

  private checkVars(vars: ArrayLike<number>): void {
    if (vars == null || vars.length !== this.variables.length) {
      throw new LsqError("SHAPE_MISMATCH", `expression ${JSON.stringify(this.source)}: expected ${this.variables.length} predictor values (${listNames(this.variables)}), got ${vars == null ? String(vars) : vars.length}`);
    }
  }

  evaluate(params: ArrayLike<number>, vars: ArrayLike<number>): number {
    this.checkParams(params);
    this.checkVars(vars);
    return evaluateScalar(this.tape, params, vars, this.regs);
  }

  evaluateWithGradient(params: ArrayLike<number>, vars: ArrayLike<number>, grad: Float64Array): number {
    this.checkParams(params);
    this.checkVars(vars);
    if (!(grad instanceof Float64Array) || grad.length < this.parameters.length) {
      throw new LsqError("SHAPE_MISMATCH", `grad must be a Float64Array of length >= ${this.parameters.length}`);
    }
    for (let v = 0; v < vars.length; v++) this.pointColumns[v][0] = vars[v];
    this.runner.run(params, this.pointColumns, 1, this.pointOut, grad);
    return this.pointOut[0];
  }

  evaluateBatch(params: ArrayLike<number>, columns: readonly Float64Array[], out: Float64Array, jac?: Float64Array): void {
    this.checkParams(params);
    const m = out.length;
    if (columns == null || columns.length !== this.variables.length) {
      throw new LsqError("SHAPE_MISMATCH", `expression ${JSON.stringify(this.source)}: expected ${this.variables.length} predictor columns (${listNames(this.variables)}), got ${columns == null ? String(columns) : columns.length}`);
    }
    for (let v = 0; v < columns.length; v++) {
      if (columns[v].length !== m) {
        throw new LsqError("SHAPE_MISMATCH", `predictor column '${this.variables[v]}' has length ${columns[v].length}, expected ${m} (the length of out)`);
      }
    }
    if (jac !== undefined && jac.length < m * this.parameters.length) {
      throw new LsqError("SHAPE_MISMATCH", `jac has length ${jac.length}, expected ${m} x ${this.parameters.length} = ${m * this.parameters.length}`);
    }
    this.runner.run(params, columns, m, out, jac);
  }

  evaluateBatchFrozen(params: ArrayLike<number>, columns: readonly Float64Array[], out: Float64Array, jac?: Float64Array): void {
    this.checkParams(params);
    this.runner.run(params, columns, out.length, out, jac, true);
  }
}
