import { normal_accumulate_f64, sym_fill_upper_f64, damped_copy_f64 } from "../normal";
import { buf, zeros, at, SIZES } from "./buffers";


describe("normal_accumulate_f64", () => {
  it("J = [[1,2,3],[4,5,6]], w = (1,2), r = (1,-1): hand-checked H and g", () => {
    const H = zeros(9);
    const g = zeros(3);
    // J^T W J lower: [[33],[42,54],[51,66,81]]; J^T W r = (1-8, 2-10, 3-12)
    expect<i32>(normal_accumulate_f64(H, 3, g, buf([1, 2, 3, 4, 5, 6]), 3, buf([1, -1]), buf([1, 2]), 2, 3)).toBe(0);
    expect<f64>(at(H, 0)).toBe(33);
    expect<f64>(at(H, 1)).toBe(0); // upper untouched
    expect<f64>(at(H, 3)).toBe(42); expect<f64>(at(H, 4)).toBe(54);
    expect<f64>(at(H, 6)).toBe(51); expect<f64>(at(H, 7)).toBe(66); expect<f64>(at(H, 8)).toBe(81);
    expect<f64>(at(g, 0)).toBe(-7); expect<f64>(at(g, 1)).toBe(-8); expect<f64>(at(g, 2)).toBe(-9);
  });
  it("J[r][j] = j + 1: H_ij = rows (i+1)(j+1), g_j = rows (j+1) for sizes 1..7", () => {
    for (let a = 0; a < SIZES.length; a++)
      for (let b = 0; b < SIZES.length; b++) {
        const n = SIZES[a], rows = SIZES[b] * 3;
        const J = zeros(rows * n);
        for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) store<f64>(J + (<usize>(r * n + j) << 3), <f64>(j + 1));
        const r1 = zeros(rows);
        for (let r = 0; r < rows; r++) store<f64>(r1 + (<usize>r << 3), 1);
        const H = zeros(n * n);
        const g = zeros(n);
        expect<i32>(normal_accumulate_f64(H, n, g, J, n, r1, 0, rows, n)).toBe(0);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j <= i; j++) expect<f64>(at(H, i * n + j)).toBe(<f64>(rows * (i + 1) * (j + 1)));
          for (let j = i + 1; j < n; j++) expect<f64>(at(H, i * n + j)).toBe(0);
          expect<f64>(at(g, i)).toBe(<f64>(rows * (i + 1)));
        }
      }
  });
  it("packed path (n >= 24) and several row blocks: same closed form, with weights 2", () => {
    const ns: i32[] = [24, 26, 31];
    for (let a = 0; a < ns.length; a++) {
      const n = ns[a], rows = 1300; // > 512 rows: three row blocks
      const J = zeros(rows * n);
      for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) store<f64>(J + (<usize>(r * n + j) << 3), <f64>(j + 1));
      const r1 = zeros(rows);
      const w2 = zeros(rows);
      for (let r = 0; r < rows; r++) {
        store<f64>(r1 + (<usize>r << 3), 1);
        store<f64>(w2 + (<usize>r << 3), 2);
      }
      const H = zeros(n * n);
      const g = zeros(n);
      expect<i32>(normal_accumulate_f64(H, n, g, J, n, r1, w2, rows, n)).toBe(0);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) expect<f64>(at(H, i * n + j)).toBe(<f64>(2 * rows * (i + 1) * (j + 1)));
        for (let j = i + 1; j < n; j++) expect<f64>(at(H, i * n + j)).toBe(0);
        expect<f64>(at(g, i)).toBe(<f64>(2 * rows * (i + 1)));
      }
    }
  });
  it("status codes for bad arguments", () => {
    const H = zeros(4);
    expect<i32>(normal_accumulate_f64(H, 1, 0, H, 2, 0, 0, 1, 2)).toBe(-2);
    expect<i32>(normal_accumulate_f64(H, 2, 0, H, 1, 0, 0, 1, 2)).toBe(-5);
    expect<i32>(normal_accumulate_f64(H, 2, 0, H, 2, 0, 0, -1, 2)).toBe(-8);
    expect<i32>(normal_accumulate_f64(H, 2, 0, H, 2, 0, 0, 1, -1)).toBe(-9);
    expect<i32>(normal_accumulate_f64(H, 2, 0, H, 2, 0, 0, 0, 2)).toBe(0);
  });
});

describe("sym_fill_upper_f64 / damped_copy_f64", () => {
  it("fills the upper triangle and damps the diagonal without touching H", () => {
    const H = buf([4, -1, -1, 2, 5, -1, 3, 6, 7]);
    const out = buf([9, 9, 9, 9, 9, 9, 9, 9, 9]);
    damped_copy_f64(out, 3, H, 3, 3, 0.5, buf([2, 4, 6]));
    expect<f64>(at(out, 0)).toBe(5); expect<f64>(at(out, 4)).toBe(7); expect<f64>(at(out, 8)).toBe(10);
    expect<f64>(at(out, 3)).toBe(2); expect<f64>(at(out, 6)).toBe(3); expect<f64>(at(out, 7)).toBe(6);
    expect<f64>(at(out, 1)).toBe(9); // upper left as is
    expect<f64>(at(H, 0)).toBe(4);
    damped_copy_f64(out, 3, H, 3, 3, 0.5, 0);
    expect<f64>(at(out, 4)).toBe(5.5);
    sym_fill_upper_f64(H, 3, 3);
    expect<f64>(at(H, 1)).toBe(2); expect<f64>(at(H, 2)).toBe(3); expect<f64>(at(H, 5)).toBe(6);
  });
});
