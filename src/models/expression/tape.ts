/**
 * A compiled expression as a flat tape (one instruction per distinct
 * subexpression, in evaluation order) and its two interpreters:
 *
 * - `evaluateScalar`: value at one point (one register per instruction).
 * - `TapeRunner.run`: values and exact Jacobian over m points at once. Each
 *   instruction runs over whole Float64Array columns. Derivatives use
 *   forward-mode AD with *sparse* tangents: instruction s carries one
 *   derivative column for each parameter it depends on (deps[s]), so
 *   b1*exp(-b2*x) + b3 costs one column for b3's part, not n.
 *
 *       v_s = f(v_a, v_b)
 *       dv_s/dp_k = f_a * dv_a/dp_k + f_b * dv_b/dp_k      for k in deps[s]
 *
 * The builder folds constant subexpressions (the same IEEE operations,
 * evaluated once) and shares repeated ones (hash-consing), so
 * cos(2*pi*x/12) appearing twice is computed once.
 */
import * as pm from "../../math/portable.js";
import { Op, isBinary, partialA, partialB, powConst, powPartialA, scalarValue } from "./ops.js";

const EMPTY = new Int32Array(0);

/** Rows per block of the column interpreter (workspace bound; 1024 rows of f64 = 8 KiB per column). */
export const BLOCK_ROWS = 1024;

function unionSorted(x: Int32Array, y: Int32Array): Int32Array {
  if (x.length === 0) return y;
  if (y.length === 0 || x === y) return x;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (j >= y.length || (i < x.length && x[i] < y[j])) out.push(x[i++]);
    else if (i >= x.length || y[j] < x[i]) out.push(y[j++]);
    else {
      out.push(x[i]);
      i++;
      j++;
    }
  }
  return Int32Array.from(out);
}

/** For each entry of `deps`, its index in `sub` or -1. */
function positions(deps: Int32Array, sub: Int32Array): Int32Array {
  const out = new Int32Array(deps.length);
  for (let j = 0; j < deps.length; j++) out[j] = sub.indexOf(deps[j]);
  return out;
}

export interface Tape {
  readonly numParams: number;
  readonly numVars: number;
  readonly op: Int32Array;
  /** first operand slot, or the parameter / variable index for PARAM / VAR */
  readonly a: Int32Array;
  /** second operand slot (binary operations), else -1 */
  readonly b: Int32Array;
  /** constant value (CONST) or exponent (POWC) */
  readonly c: Float64Array;
  /** sorted parameter indices each slot depends on */
  readonly deps: readonly Int32Array[];
  /** for each dep of slot s: its position in deps[a[s]] / deps[b[s]], or -1 */
  readonly posA: readonly Int32Array[];
  readonly posB: readonly Int32Array[];
  /**
   * 1 for operations on parameters and constants only (same value on every row): the runner
   * computes them once as scalars and broadcasts, instead of once per row.
   */
  readonly uniform: Uint8Array;
  readonly root: number;
}

/** Builds a tape bottom-up; every method returns the slot of the (possibly shared or folded) result. */
export class TapeBuilder {
  private readonly ops: number[] = [];
  private readonly as: number[] = [];
  private readonly bs: number[] = [];
  private readonly cs: number[] = [];
  private readonly depsList: Int32Array[] = [];
  /** slot depends on a predictor (its value varies across rows) */
  private readonly varying: boolean[] = [];
  private readonly memo = new Map<string, number>();

  constructor(readonly numParams: number, readonly numVars: number) {}

  private push(op: number, a: number, b: number, c: number, deps: Int32Array): number {
    // Object.is keeps -0 and 0 apart, and NaN equal to itself.
    const key = `${op}|${a}|${b}|${Object.is(c, -0) ? "-0" : String(c)}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const s = this.ops.length;
    this.ops.push(op);
    this.as.push(a);
    this.bs.push(b);
    this.cs.push(c);
    this.depsList.push(deps);
    this.varying.push(op === Op.VAR || (a >= 0 && op !== Op.PARAM && this.varying[a]) || (b >= 0 && this.varying[b]));
    this.memo.set(key, s);
    return s;
  }

  isConst(s: number): boolean {
    return this.ops[s] === Op.CONST;
  }

  constValue(s: number): number {
    return this.cs[s];
  }

  constant(v: number): number {
    return this.push(Op.CONST, -1, -1, v, EMPTY);
  }

  param(k: number): number {
    return this.push(Op.PARAM, k, -1, 0, Int32Array.of(k));
  }

  variable(v: number): number {
    return this.push(Op.VAR, v, -1, 0, EMPTY);
  }

  /** Unary operation (NEG and the one-argument functions); folds constants. */
  unary(op: number, a: number): number {
    if (this.isConst(a)) return this.constant(scalarValue(op, this.cs[a], NaN, 0));
    // -(-u) = u exactly
    if (op === Op.NEG && this.ops[a] === Op.NEG) return this.as[a];
    return this.push(op, a, -1, 0, this.depsList[a]);
  }

  /** Binary operation; folds constants; a^c with constant c becomes POWC. */
  binary(op: number, a: number, b: number): number {
    if (this.isConst(a) && this.isConst(b)) return this.constant(scalarValue(op, this.cs[a], this.cs[b], 0));
    if (op === Op.POW && this.isConst(b)) return this.push(Op.POWC, a, -1, this.cs[b], this.depsList[a]);
    return this.push(op, a, b, 0, unionSorted(this.depsList[a], this.depsList[b]));
  }

  finish(root: number): Tape {
    const n = this.ops.length;
    const posA: Int32Array[] = [];
    const posB: Int32Array[] = [];
    for (let s = 0; s < n; s++) {
      const op = this.ops[s];
      const d = this.depsList[s];
      const leaf = op === Op.CONST || op === Op.PARAM || op === Op.VAR;
      posA.push(leaf ? EMPTY : positions(d, this.depsList[this.as[s]]));
      posB.push(leaf || this.bs[s] < 0 ? EMPTY : positions(d, this.depsList[this.bs[s]]));
    }
    return {
      numParams: this.numParams,
      numVars: this.numVars,
      op: Int32Array.from(this.ops),
      a: Int32Array.from(this.as),
      b: Int32Array.from(this.bs),
      c: Float64Array.from(this.cs),
      deps: this.depsList.slice(),
      posA,
      posB,
      uniform: Uint8Array.from(this.ops, (op, i) => (op !== Op.CONST && op !== Op.PARAM && op !== Op.VAR && !this.varying[i] ? 1 : 0)),
      root,
    };
  }
}

/** Value at one point; `regs` has one entry per slot (scratch, overwritten). */
export function evaluateScalar(t: Tape, params: ArrayLike<number>, vars: ArrayLike<number>, regs: Float64Array): number {
  const { op, a, b, c } = t;
  const n = op.length;
  for (let s = 0; s < n; s++) {
    const o = op[s];
    switch (o) {
      case Op.CONST: regs[s] = c[s]; break;
      case Op.PARAM: regs[s] = params[a[s]]; break;
      case Op.VAR: regs[s] = vars[a[s]]; break;
      default: regs[s] = scalarValue(o, regs[a[s]], b[s] >= 0 ? regs[b[s]] : NaN, c[s]);
    }
  }
  return regs[t.root];
}

/**
 * Column interpreter with its workspace. The workspace grows to the largest
 * m seen and is reused for smaller m (a loop of many small fits does not
 * allocate after the first).
 *
 * Tangent columns: tan[s][j] holds d v_s / d p_{deps[s][j]} over the rows.
 * Where that tangent is just an operand's (a term of a sum that no other term
 * shares: (u + w)' = u' for a parameter only u carries) the column is the
 * operand's own array, decided once here, so sums of many terms cost no copies.
 */
export class TapeRunner {
  private capacity = 0;
  private vals: Float64Array[] = [];
  private tan: Float64Array[][] = [];
  /**
   * For a POW slot: ln of its base, row by row, written by powColumn together with the values
   * (it shares their range reduction) and read by pow's d/db = v ln a, so a Jacobian does not
   * compute the logs again. Always consistent with vals[s] (written whenever they are).
   */
  private logs: (Float64Array | null)[] = [];
  /** shared[s][j] = 1 when tan[s][j] is an operand's column (never written for slot s) */
  private readonly shared: Uint8Array[];
  private scratchA = new Float64Array(0);
  private scratchB = new Float64Array(0);
  /** the previous run's columns array when its caller declared it frozen (else null), rows and parameters */
  private lastColumns: readonly Float64Array[] | null = null;
  private lastM = 0;
  private readonly lastParams: Float64Array;
  /** value and row count last written into each PARAM slot's column (NaN / 0: none yet) */
  private paramValue: Float64Array;
  private paramRows: Int32Array;

  constructor(private readonly t: Tape) {
    this.paramValue = new Float64Array(t.op.length).fill(NaN);
    this.lastParams = new Float64Array(t.numParams);
    this.paramRows = new Int32Array(t.op.length);
    this.shared = [];
    for (let s = 0; s < t.op.length; s++) {
      const o = t.op[s];
      const pa = t.posA[s];
      const pb = t.posB[s];
      const flags = new Uint8Array(pa.length);
      if (o === Op.ADD || o === Op.SUB) {
        for (let j = 0; j < pa.length; j++) {
          const ia = pa[j];
          const ib = pb.length > 0 ? pb[j] : -1;
          // only in a: (a +- b)' = a'; only in b: (a + b)' = b' (a - b needs -b')
          if ((ia >= 0 && ib < 0) || (o === Op.ADD && ia < 0 && ib >= 0)) flags[j] = 1;
        }
      }
      this.shared.push(flags);
    }
  }

  private ensure(m: number): void {
    if (m <= this.capacity) return;
    const cap = Math.max(m, 2 * this.capacity);
    const t = this.t;
    const n = t.op.length;
    this.vals = [];
    this.tan = [];
    this.logs = [];
    for (let s = 0; s < n; s++) {
      const o = t.op[s];
      const col = o === Op.VAR ? new Float64Array(0) : new Float64Array(cap);
      if (o === Op.CONST) col.fill(t.c[s]);
      this.vals.push(col);
      this.logs.push(o === Op.POW ? new Float64Array(cap) : null);
      const cols: Float64Array[] = [];
      const deps = t.deps[s];
      for (let j = 0; j < deps.length; j++) {
        if (this.shared[s][j] === 1) {
          const ia = t.posA[s][j];
          cols.push(ia >= 0 ? this.tan[t.a[s]][ia] : this.tan[t.b[s]][t.posB[s][j]]);
        } else {
          const d = new Float64Array(cap);
          // d p_k / d p_k = 1, fixed for the lifetime of the workspace.
          if (o === Op.PARAM) d.fill(1);
          cols.push(d);
        }
      }
      this.tan.push(cols);
    }
    this.scratchA = new Float64Array(cap);
    this.scratchB = new Float64Array(cap);
    this.paramRows.fill(0); // fresh columns
    this.capacity = cap;
  }

  /**
   * Values into out[0..m), and (if jac) the row-major m x numParams Jacobian.
   * Column arguments are only read. Rows go in blocks of BLOCK_ROWS, so the
   * workspace (slots x block x (1 + tangents) doubles) stays small and in cache
   * however many rows there are.
   */
  run(params: ArrayLike<number>, columns: readonly Float64Array[], m: number, out: Float64Array, jac?: Float64Array, columnsFrozen = false): void {
    if (m === 0) return;
    if (jac !== undefined) jac.fill(0, 0, m * this.t.numParams);
    if (m <= BLOCK_ROWS) {
      // Values still in the workspace from the previous run at the same parameters (bitwise) over
      // the same, never-modified columns (the caller's promise: columnsFrozen) are reused, so a
      // Jacobian at the point just evaluated (every accepted step) costs only its derivatives.
      const np = this.t.numParams;
      // Same frozen columns: the values of parameter-free slots (x^2, cos(2 pi x / 12), ...) from
      // the previous run are still valid whatever the parameters are.
      const sameColumns = columnsFrozen && this.lastColumns === columns && this.lastM === m;
      let same = sameColumns;
      for (let k = 0; same && k < np; k++) {
        const pv = params[k];
        const prev = this.lastParams[k];
        same = pv === prev && (pv !== 0 || 1 / pv === 1 / prev);
      }
      this.block(params, columns, 0, m, out, jac, same, sameColumns);
      this.lastColumns = columnsFrozen ? columns : null;
      this.lastM = m;
      for (let k = 0; k < np; k++) this.lastParams[k] = params[k];
      return;
    }
    this.lastColumns = null;
    for (let start = 0; start < m; start += BLOCK_ROWS) {
      const rows = Math.min(BLOCK_ROWS, m - start);
      this.block(params, columns.map((col) => col.subarray(start, start + rows)), start, rows, out, jac);
    }
  }

  /** Rows start .. start+mb of the output; `columns` are already the block's rows. */
  private block(params: ArrayLike<number>, columns: readonly Float64Array[], start: number, mb: number, out: Float64Array, jac?: Float64Array, valuesValid = false, freeValid = false): void {
    this.ensure(mb);
    const t = this.t;
    const { op, a, b, c } = t;
    const vals = this.vals;
    const wantJac = jac !== undefined;
    const nSlots = op.length;
    for (let s = 0; s < nSlots; s++) {
      const o = op[s];
      if (o === Op.CONST) continue;
      if (o === Op.VAR) {
        vals[s] = columns[a[s]];
        continue;
      }
      const v = vals[s];
      if (o === Op.PARAM) {
        // Only this line writes a parameter's column: refill it only when the value (bits, so
        // -0 and 0 differ) or the row count changed. A Jacobian at the point just evaluated
        // (the usual accepted step) reuses all of them.
        const pv = params[a[s]];
        const prev = this.paramValue[s];
        if (!(pv === prev && (pv !== 0 || 1 / pv === 1 / prev)) || this.paramRows[s] < mb) {
          fillValue(v, pv, mb);
          this.paramValue[s] = pv;
          this.paramRows[s] = mb;
        }
        continue;
      }
      const x = vals[a[s]];
      const y = b[s] >= 0 ? vals[b[s]] : x;
      if (t.uniform[s] === 1) {
        this.uniformSlot(s, o, x[0], y[0], v, mb, wantJac);
        continue;
      }
      const nd = t.deps[s].length;
      if (!valuesValid && (nd > 0 || !freeValid)) columnValue(o, x, y, c[s], v, mb, this.logs[s]);
      if (wantJac && nd > 0) this.derivative(s, o, x, y, v, mb);
    }
    const root = t.root;
    const rv = vals[root];
    copyTo(out, start, rv, mb);
    if (!wantJac) return;
    const n = t.numParams;
    const rd = t.deps[root];
    const rt = this.tan[root];
    for (let j = 0; j < rd.length; j++) scatter(jac, start * n + rd[j], n, rt[j], mb);
  }

  /** A row-independent operation: value and tangents from row 0 of its operands, broadcast to m rows. */
  private uniformSlot(s: number, o: number, xv: number, yv: number, v: Float64Array, m: number, wantJac: boolean): void {
    const t = this.t;
    const c = t.c[s];
    const val = scalarValue(o, xv, yv, c);
    v.fill(val, 0, m);
    const pa = t.posA[s];
    const nd = pa.length;
    if (!wantJac || nd === 0) return;
    const sa = t.a[s];
    const sb = t.b[s];
    const pb = t.posB[s];
    const hasB = sb >= 0 && pb.length > 0;
    const ta = this.tan[sa];
    const tb = sb >= 0 ? this.tan[sb] : ta;
    const fa = t.deps[sa].length > 0 ? partialA(o, xv, yv, val, c) : 0;
    const fb = hasB && t.deps[sb].length > 0 ? partialB(o, xv, yv, val) : 0;
    const ts = this.tan[s];
    const shared = this.shared[s];
    for (let j = 0; j < nd; j++) {
      if (shared[j] === 1) continue;
      const ia = pa[j];
      const ib = hasB ? pb[j] : -1;
      const dv = (ia >= 0 ? fa * ta[ia][0] : 0) + (ib >= 0 ? fb * tb[ib][0] : 0);
      ts[j].fill(dv, 0, m);
    }
  }

  private derivative(s: number, o: number, x: Float64Array, y: Float64Array, v: Float64Array, m: number): void {
    const t = this.t;
    const pa = t.posA[s];
    const pb = t.posB[s];
    const sa = t.a[s];
    const sb = t.b[s];
    const ta = this.tan[sa];
    const tb = sb >= 0 ? this.tan[sb] : ta;
    const ts = this.tan[s];
    const shared = this.shared[s];
    const nd = pa.length;
    const hasB = sb >= 0 && pb.length > 0;
    // Local partial columns fa = df/da, fb = df/db where the operand carries tangents; null means
    // the constant 1 (ADD, SUB's first operand), and SUB / NEG negate.
    let fa: Float64Array | null = null;
    let fb: Float64Array | null = null;
    let negB = false;
    switch (o) {
      case Op.ADD:
        break;
      case Op.SUB:
        negB = true;
        break;
      case Op.NEG:
        for (let j = 0; j < nd; j++) negate(ts[j], ta[pa[j]], m);
        return;
      case Op.MUL:
        fa = y;
        fb = x;
        break;
      default:
        if (t.deps[sa].length > 0) fa = columnPartialA(o, x, y, v, t.c[s], this.scratchA, m);
        if (hasB && t.deps[sb].length > 0) fb = columnPartialB(o, x, y, v, this.scratchB, m, this.logs[s]);
    }
    for (let j = 0; j < nd; j++) {
      if (shared[j] === 1) continue;
      const ia = pa[j];
      const ib = hasB ? pb[j] : -1;
      const d = ts[j];
      if (ia >= 0 && ib >= 0) {
        if (fa === null && fb === null) {
          if (negB) subtract(d, ta[ia], tb[ib], m);
          else add(d, ta[ia], tb[ib], m);
        } else combine(d, fa as Float64Array, ta[ia], fb as Float64Array, tb[ib], m);
      } else if (ia >= 0) {
        if (fa === null) copy(d, ta[ia], m);
        else scale(d, fa, ta[ia], m);
      } else if (fb === null) {
        if (negB) negate(d, tb[ib], m);
        else copy(d, tb[ib], m);
      } else scale(d, fb, tb[ib], m);
    }
  }
}

// Small monomorphic loops over tangent columns: V8 optimizes each well.
function negate(d: Float64Array, a: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = -a[i];
}
function copy(d: Float64Array, a: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = a[i];
}
function add(d: Float64Array, a: Float64Array, b: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = a[i] + b[i];
}
function subtract(d: Float64Array, a: Float64Array, b: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = a[i] - b[i];
}
/** d[i] = k / a[i] */
function reciprocal(d: Float64Array, a: Float64Array, k: number, m: number): void {
  for (let i = 0; i < m; i++) d[i] = k / a[i];
}
function twice(d: Float64Array, a: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = 2 * a[i];
}
function powPartialAColumn(d: Float64Array, x: Float64Array, y: Float64Array, v: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = powPartialA(x[i], y[i], v[i]);
}
/**
 * d[i] = c * powConst(x[i], c - 1) (d/dx x^c): powConst's own cases, else pow through the
 * column loop (the same bits as pm.pow; d doubles as the exponent column, each entry read
 * before it is overwritten).
 */
function powcPartialColumn(d: Float64Array, x: Float64Array, c: number, m: number): void {
  const e = c - 1;
  if (e === 2 || e === 1 || e === -1) {
    for (let i = 0; i < m; i++) d[i] = c * powConst(x[i], e);
    return;
  }
  d.fill(e, 0, m);
  pm.powColumn(x, d, d, m);
  for (let i = 0; i < m; i++) d[i] = c * d[i];
}
function fillValue(d: Float64Array, value: number, m: number): void {
  for (let i = 0; i < m; i++) d[i] = value;
}
function copyTo(d: Float64Array, off: number, a: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[off + i] = a[i];
}
function multiply(d: Float64Array, a: Float64Array, b: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = a[i] * b[i];
}
function divide(d: Float64Array, a: Float64Array, b: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = a[i] / b[i];
}
function scale(d: Float64Array, f: Float64Array, a: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = f[i] * a[i];
}
function combine(d: Float64Array, fa: Float64Array, a: Float64Array, fb: Float64Array, b: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) d[i] = fa[i] * a[i] + fb[i] * b[i];
}
/** jac[off + i*n] = col[i]: one Jacobian column (off = first row * n + k). */
function scatter(jac: Float64Array, off: number, n: number, col: Float64Array, m: number): void {
  for (let i = 0; i < m; i++) jac[off + i * n] = col[i];
}

/** df/da over a column; returns the column holding it (v itself for exp, else `out`). */
function columnPartialA(o: number, x: Float64Array, y: Float64Array, v: Float64Array, c: number, out: Float64Array, m: number): Float64Array {
  switch (o) {
    case Op.EXP:
      return v;
    // loops in small functions (as in columnValue): optimized on their own, early
    case Op.DIV:
      reciprocal(out, y, 1, m);
      return out;
    case Op.POWC:
      if (c === 2) twice(out, x, m);
      else if (c === 0 || c === 1) out.fill(c, 0, m);
      else powcPartialColumn(out, x, c, m);
      return out;
    case Op.LOG:
      reciprocal(out, x, 1, m);
      return out;
    case Op.SQRT:
      reciprocal(out, v, 0.5, m);
      return out;
    case Op.SIN:
      pm.cosColumn(x, out, m);
      return out;
    case Op.COS:
      pm.sinColumn(x, out, m, true);
      return out;
    case Op.POW:
      powPartialAColumn(out, x, y, v, m);
      return out;
    default:
      for (let i = 0; i < m; i++) out[i] = partialA(o, x[i], y[i], v[i], c);
      return out;
  }
}

/** df/db over a column (binary operations). */
function columnPartialB(o: number, x: Float64Array, y: Float64Array, v: Float64Array, out: Float64Array, m: number, logs: Float64Array | null): Float64Array {
  if (o === Op.DIV) {
    for (let i = 0; i < m; i++) out[i] = -v[i] / y[i];
    return out;
  }
  if (o === Op.POW) {
    // powPartialB(x, v) = v === 0 ? 0 : v log x, with the logs powColumn left (see `logs`)
    const lx = logs !== null ? logs : out;
    if (logs === null) pm.logColumn(x, out, m);
    for (let i = 0; i < m; i++) {
      const vi = v[i];
      out[i] = vi === 0 ? 0 : vi * lx[i];
    }
    return out;
  }
  for (let i = 0; i < m; i++) out[i] = partialB(o, x[i], y[i], v[i]);
  return out;
}

/** v[i] = f(x[i], y[i]) for i < m; the frequent operations get their own loops. */
function columnValue(o: number, x: Float64Array, y: Float64Array, c: number, v: Float64Array, m: number, logs: Float64Array | null): void {
  switch (o) {
    // small functions, not inline loops: each is optimized on its own as soon as it is hot, and
    // a model using an operation not seen before does not deoptimize the others
    case Op.ADD: add(v, x, y, m); return;
    case Op.SUB: subtract(v, x, y, m); return;
    case Op.MUL: multiply(v, x, y, m); return;
    case Op.DIV: divide(v, x, y, m); return;
    case Op.NEG: negate(v, x, m); return;
    // portable column loops: no boxed double per row (see math/portable.ts)
    case Op.EXP: pm.expColumn(x, v, m); return;
    case Op.LOG: pm.logColumn(x, v, m); return;
    case Op.SQRT: for (let i = 0; i < m; i++) v[i] = Math.sqrt(x[i]); return;
    case Op.SIN: pm.sinColumn(x, v, m, false); return;
    case Op.COS: pm.cosColumn(x, v, m); return;
    case Op.POW: pm.powColumn(x, y, v, m, logs); return;
    case Op.ATAN: for (let i = 0; i < m; i++) v[i] = pm.atan(x[i]); return;
    case Op.TAN: for (let i = 0; i < m; i++) v[i] = pm.tan(x[i]); return;
    case Op.LOG10: for (let i = 0; i < m; i++) v[i] = pm.log10(x[i]); return;
    case Op.ABS: for (let i = 0; i < m; i++) v[i] = Math.abs(x[i]); return;
    case Op.POWC:
      if (c === 2) multiply(v, x, x, m);
      else if (c === 1 || c === -1) for (let i = 0; i < m; i++) v[i] = powConst(x[i], c);
      else {
        // pow through the column loop (the same bits as powConst's pm.pow; v is the exponent
        // column, each entry read before it is overwritten)
        v.fill(c, 0, m);
        pm.powColumn(x, v, v, m);
      }
      return;
    default:
      for (let i = 0; i < m; i++) v[i] = scalarValue(o, x[i], y[i], c);
  }
}
