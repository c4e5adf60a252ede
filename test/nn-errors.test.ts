// Bad input -> LsqError naming what and where; nothing is mutated on failure.
import { describe, expect, it } from "vitest";
import { LsqError } from "../src/errors.js";
import { dense, loadModel, mlp, sequential, trainTestSplit } from "../src/nn/index.js";
import { lsqErrorOf } from "./helpers/errors.js";


const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const Y = [0, 1, 1, 0];

describe("model construction", () => {
  it("rejects bad sizes, names and options", () => {
    expect(lsqErrorOf(() => mlp([2])).message).toMatch(/sizes/);
    expect(lsqErrorOf(() => mlp([2, 0, 1])).message).toMatch(/sizes\[1\]/);
    expect(lsqErrorOf(() => mlp([2, 3, 1], { activation: "swish" as never })).message).toMatch(/activation "swish"/);
    expect(lsqErrorOf(() => mlp([2, 3, 1], { activation: "softmax" })).message).toMatch(/softmax/);
    expect(lsqErrorOf(() => mlp([2, 3, 1], { init: "lecun" as never })).message).toMatch(/init "lecun"/);
    const e = lsqErrorOf(() => mlp([2, 3, 1], { activaton: "tanh" } as never));
    expect(e.code).toBe("UNKNOWN_OPTION");
    expect(e.message).toMatch(/mlp.*activaton/);
    expect(lsqErrorOf(() => dense({ units: 2.5 })).message).toMatch(/units/);
    expect(lsqErrorOf(() => dense({ units: 2, dropout: 1 })).message).toMatch(/dropout/);
    expect(lsqErrorOf(() => sequential([dense({ units: 3 })])).message).toMatch(/inputSize/);
    expect(lsqErrorOf(() => sequential([dense({ units: 3, inputSize: 2, activation: "softmax" }), dense({ units: 1 })])).message).toMatch(/softmax/);
    expect(lsqErrorOf(() => sequential([dense({ units: 3, inputSize: 2 }), dense({ units: 1, inputSize: 4 })])).code).toBe("SHAPE_MISMATCH");
  });
});

describe("fit / predict inputs", () => {
  const m = () => mlp([2, 3, 1], { seed: 1 });
  it("wrong shapes and row counts", () => {
    expect(lsqErrorOf(() => m().fit([[0, 0, 0]], [1])).message).toMatch(/x has 3 columns.*2 inputs/);
    expect(lsqErrorOf(() => m().fit(X, [0, 1, 1])).message).toMatch(/y has 3 entries.*4 rows/);
    expect(lsqErrorOf(() => m().fit(X, [[0, 1], [1, 0], [1, 1], [0, 0]])).message).toMatch(/y has 2 columns/);
    expect(lsqErrorOf(() => m().fit([[0, 0], [1]], [0, 1])).message).toMatch(/x\[1\] has 1 columns/);
    expect(lsqErrorOf(() => m().predict([[1, 2, 3]])).message).toMatch(/3 columns/);
    expect(lsqErrorOf(() => m().fit(X, Y, { validationData: [[[1, 2]], [1, 2]] })).message).toMatch(/validationData\[1\]/);
  });
  it("NaN in data names row and column", () => {
    const e = lsqErrorOf(() => m().fit([[0, 0], [0, NaN], [1, 0], [1, 1]], Y));
    expect(e.code).toBe("NON_FINITE");
    expect(e.message).toMatch(/x\[1\]\[1\].*NaN/);
    expect(lsqErrorOf(() => m().fit(X, [0, 1, Infinity, 0])).message).toMatch(/y\[2\]/);
  });
  it("labels out of range for crossEntropy", () => {
    const c = mlp([2, 3, 3], { outputActivation: "softmax", seed: 1 });
    expect(lsqErrorOf(() => c.fit(X, [0, 1, 3, 0])).message).toMatch(/y\[2\].*class label in 0..2, got 3/);
    expect(lsqErrorOf(() => c.fit(X, [0, 1, 1.5, 0])).message).toMatch(/y\[2\]/);
    expect(lsqErrorOf(() => m().fit(X, Y, { loss: "crossEntropy" })).message).toMatch(/softmax/);
  });
  it("unknown optimizer / loss / option names and bad option values", () => {
    expect(lsqErrorOf(() => m().fit(X, Y, { optimizer: "adagrad" as never })).message).toMatch(/unknown optimizer "adagrad"/);
    expect(lsqErrorOf(() => m().fit(X, Y, { optimizer: { type: "adam", learningrate: 0.1 } as never })).message).toMatch(/'adam'.*"learningrate"/);
    expect(lsqErrorOf(() => m().fit(X, Y, { optimizer: { type: "adam", learningRate: -1 } })).message).toMatch(/learningRate/);
    expect(lsqErrorOf(() => m().fit(X, Y, { optimizer: { type: "adam", beta1: 1 } })).message).toMatch(/beta1/);
    expect(lsqErrorOf(() => m().fit(X, Y, { loss: "hinge" as never })).message).toMatch(/unknown loss "hinge"/);
    expect(lsqErrorOf(() => m().fit(X, Y, { epocs: 3 } as never)).code).toBe("UNKNOWN_OPTION");
    expect(lsqErrorOf(() => m().fit(X, Y, { epochs: -1 })).message).toMatch(/epochs/);
    expect(lsqErrorOf(() => m().fit(X, Y, { batchSize: 0 })).message).toMatch(/batchSize/);
    expect(lsqErrorOf(() => m().fit(X, Y, { validationSplit: 1.5 })).message).toMatch(/validationSplit/);
    expect(lsqErrorOf(() => m().fit(X, Y, { earlyStopping: { monitor: "valLoss" } })).message).toMatch(/valLoss.*validation/);
    expect(lsqErrorOf(() => m().fit(X, Y, { earlyStopping: { patiense: 3 } as never })).message).toMatch(/earlyStopping.*patiense/);
    expect(lsqErrorOf(() => m().fit(X, Y, { learningRateSchedule: { type: "linear" } as never })).message).toMatch(/learningRateSchedule/);
    expect(lsqErrorOf(() => m().fit(X, Y, { optimizer: "levenbergMarquardt", l1: 0.1 })).message).toMatch(/l1/);
  });
  it("user arrays are not mutated, and a failed fit leaves the weights alone", () => {
    const x = X.map((r) => r.slice());
    const y = Y.slice();
    const model = m();
    const w = model.getWeights();
    model.fit(x, y, { epochs: 2, verbose: false });
    expect(x).toEqual(X);
    expect(y).toEqual(Y);
    const w2 = model.getWeights();
    lsqErrorOf(() => model.fit(x, [1, 2], { epochs: 2 }));
    expect(Array.from(model.getWeights())).toEqual(Array.from(w2));
    expect(Array.from(w2)).not.toEqual(Array.from(w));
  });
});

describe("loadModel and trainTestSplit", () => {
  it("rejects malformed JSON and models", () => {
    expect(lsqErrorOf(() => loadModel("{")).code).toBe("PARSE_ERROR");
    expect(lsqErrorOf(() => loadModel({ format: "keras" } as never)).message).toMatch(/lsqkit-model/);
    const j = mlp([2, 3, 1]).toJSON();
    expect(lsqErrorOf(() => loadModel({ ...j, params: j.params.slice(1) })).code).toBe("SHAPE_MISMATCH");
    expect(lsqErrorOf(() => loadModel({ ...j, params: [NaN, ...j.params.slice(1)] })).message).toMatch(/params\[0\]/);
  });
  it("splits reproducibly and checks its arguments", () => {
    const x = Array.from({ length: 10 }, (_, i) => [i]);
    const y = Array.from({ length: 10 }, (_, i) => i);
    const a = trainTestSplit(x, y, { testSize: 0.3, seed: 4 });
    const b = trainTestSplit(x, y, { testSize: 0.3, seed: 4 });
    expect(a.testIndex).toEqual(b.testIndex);
    expect(a.xTest.length).toBe(3);
    expect([...a.trainIndex, ...a.testIndex].sort((p, q) => p - q)).toEqual(y);
    a.xTest.forEach((row, i) => expect(row[0]).toBe(a.yTest[i]));
    expect(lsqErrorOf(() => trainTestSplit(x, y.slice(1))).code).toBe("SHAPE_MISMATCH");
    expect(lsqErrorOf(() => trainTestSplit(x, y, { testSize: 1 })).message).toMatch(/testSize/);
    expect(lsqErrorOf(() => trainTestSplit(x, y, { seeds: 1 } as never)).code).toBe("UNKNOWN_OPTION");
  });
});
