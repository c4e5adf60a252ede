// trainTestSplit: seeded train / validation / test split. Properties checked: part sizes
// (round(fraction * n)), the parts partition the rows (disjoint, union = all), rows stay
// paired with their targets, same seed -> same split, and the test part of a seed does not
// change when a validation part is added (it is cut first from the same shuffled order).
import { describe, expect, it } from "vitest";
import { trainTestSplit } from "../src/nn.js";
import { LsqError } from "../src/errors.js";
import { lsqErrorOf } from "./helpers/errors.js";


const N = 100;
const x = Array.from({ length: N }, (_, i) => [i, -i]);
const y = Array.from({ length: N }, (_, i) => i);

describe("trainTestSplit, three-way", () => {
  it("gives parts of round(fraction * n) rows that partition the rows, paired", () => {
    const s = trainTestSplit(x, y, { testSize: 0.15, validationSize: 0.25, seed: 3 });
    expect(s.xTest.length).toBe(15);
    expect(s.xValidation!.length).toBe(25);
    expect(s.xTrain.length).toBe(60);
    expect(s.yValidation!.length).toBe(25);
    const all = [...s.trainIndex, ...s.validationIndex!, ...s.testIndex];
    expect(new Set(all).size).toBe(N);
    expect([...all].sort((p, q) => p - q)).toEqual(y);
    const pairs: [number[][], number[], number[]][] = [
      [s.xTrain, s.yTrain, s.trainIndex],
      [s.xValidation!, s.yValidation!, s.validationIndex!],
      [s.xTest, s.yTest, s.testIndex],
    ];
    for (const [xs, ys, idx] of pairs) {
      xs.forEach((row, i) => {
        expect(row).toBe(x[idx[i]]); // same row object, not a copy
        expect(ys[i]).toBe(row[0]);
      });
    }
  });

  it("is reproducible by seed and differs across seeds", () => {
    const a = trainTestSplit(x, y, { testSize: 0.2, validationSize: 0.2, seed: 7 });
    const b = trainTestSplit(x, y, { testSize: 0.2, validationSize: 0.2, seed: 7 });
    const c = trainTestSplit(x, y, { testSize: 0.2, validationSize: 0.2, seed: 8 });
    expect(b.trainIndex).toEqual(a.trainIndex);
    expect(b.validationIndex).toEqual(a.validationIndex);
    expect(b.testIndex).toEqual(a.testIndex);
    expect(c.testIndex).not.toEqual(a.testIndex);
  });

  it("without validationSize is the two-way split; adding one keeps the test part", () => {
    const two = trainTestSplit(x, y, { testSize: 0.2, seed: 5 });
    expect(two.xValidation).toBeUndefined();
    expect(two.validationIndex).toBeUndefined();
    expect(two.xTrain.length + two.xTest.length).toBe(N);
    const three = trainTestSplit(x, y, { testSize: 0.2, validationSize: 0.1, seed: 5 });
    expect(three.testIndex).toEqual(two.testIndex);
    expect([...three.validationIndex!, ...three.trainIndex]).toEqual(two.trainIndex);
  });

  it("shuffle: false keeps the row order (test first, then validation, then train)", () => {
    const s = trainTestSplit(x, y, { testSize: 0.1, validationSize: 0.1, shuffle: false });
    expect(s.testIndex).toEqual(y.slice(0, 10));
    expect(s.validationIndex).toEqual(y.slice(10, 20));
    expect(s.trainIndex).toEqual(y.slice(20));
  });

  it("does not mutate its inputs", () => {
    const xs = x.map((r) => [...r]);
    const ys = [...y];
    trainTestSplit(xs, ys, { testSize: 0.3, validationSize: 0.3, seed: 1 });
    expect(xs).toEqual(x);
    expect(ys).toEqual(y);
  });

  it("rejects bad sizes naming the option and the row counts", () => {
    expect(lsqErrorOf(() => trainTestSplit(x, y, { validationSize: 1 })).message).toMatch(/validationSize/);
    expect(lsqErrorOf(() => trainTestSplit(x, y, { validationSize: -0.1 })).message).toMatch(/validationSize/);
    expect(lsqErrorOf(() => trainTestSplit(x, y, { validationSize: NaN })).message).toMatch(/validationSize/);
    expect(lsqErrorOf(() => trainTestSplit(x, y, { testSize: 0 })).message).toMatch(/testSize/);
    const sum = lsqErrorOf(() => trainTestSplit(x, y, { testSize: 0.5, validationSize: 0.5 }));
    expect(sum.message).toMatch(/testSize \+ validationSize/);
    // 10 rows: round(0.04 * 10) = 0 validation rows
    const x10 = x.slice(0, 10);
    const y10 = y.slice(0, 10);
    const emptyVal = lsqErrorOf(() => trainTestSplit(x10, y10, { testSize: 0.2, validationSize: 0.04 }));
    expect(emptyVal.code).toBe("TOO_FEW_ROWS");
    expect(emptyVal.message).toMatch(/validationSize 0\.04.*10 rows -> 8 train, 0 validation, 2 test/);
    const emptyTest = lsqErrorOf(() => trainTestSplit(x10, y10, { testSize: 0.01 }));
    expect(emptyTest.message).toMatch(/testSize 0\.01.*0 test/);
    // 3 rows, 0.4 + 0.45 < 1 but round(1.2) + round(1.35) = 2 leaves 1 train: ok; 0.45 + 0.5 leaves none
    expect(trainTestSplit(x.slice(0, 3), y.slice(0, 3), { testSize: 0.4, validationSize: 0.45 }).xTrain.length).toBe(1);
    const emptyTrain = lsqErrorOf(() => trainTestSplit(x.slice(0, 3), y.slice(0, 3), { testSize: 0.5, validationSize: 0.45 }));
    expect(emptyTrain.message).toMatch(/train part empty.*0 train/);
    expect(lsqErrorOf(() => trainTestSplit(x, y, { validation: 0.1 } as never)).code).toBe("UNKNOWN_OPTION");
  });
});
