// Independent plain-JS reference for dense networks (no wasm, no shared code
// with src/nn except the parameter layout: per layer W (nin x nout, row-major) then b).
export type Act = "linear" | "tanh" | "sigmoid" | "relu" | "leakyRelu" | "gelu" | "softmax";

export function refAct(name: Act, z: number): number {
  switch (name) {
    case "linear":
      return z;
    case "tanh":
      return (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
    case "sigmoid":
      return 1 / (1 + Math.exp(-z));
    case "relu":
      return Math.max(0, z);
    case "leakyRelu":
      return z >= 0 ? z : 0.01 * z;
    case "gelu":
      return 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z ** 3)));
    default:
      throw new Error(name);
  }
}

export interface RefLayer {
  units: number;
  activation: Act;
}

/** Output row for input row x. */
export function refForward(inputSize: number, layers: RefLayer[], params: ArrayLike<number>, x: number[]): number[] {
  let a = x.slice();
  let nin = inputSize;
  let off = 0;
  for (const L of layers) {
    const z: number[] = [];
    for (let j = 0; j < L.units; j++) {
      let s = params[off + nin * L.units + j];
      for (let i = 0; i < nin; i++) s += a[i] * params[off + i * L.units + j];
      z.push(s);
    }
    if (L.activation === "softmax") {
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const t = e.reduce((p, q) => p + q, 0);
      a = e.map((v) => v / t);
    } else a = z.map((v) => refAct(L.activation, v));
    off += nin * L.units + L.units;
    nin = L.units;
  }
  return a;
}

/** mean squared error over all entries, or mean cross-entropy with one-hot/distribution targets. */
export function refLoss(inputSize: number, layers: RefLayer[], params: ArrayLike<number>, X: number[][], Y: number[][], loss: "mse" | "crossEntropy"): number {
  let s = 0;
  for (let r = 0; r < X.length; r++) {
    const out = refForward(inputSize, layers, params, X[r]);
    for (let o = 0; o < out.length; o++) {
      if (loss === "mse") s += (out[o] - Y[r][o]) ** 2;
      else if (Y[r][o] !== 0) s -= Y[r][o] * Math.log(out[o]);
    }
  }
  return loss === "mse" ? s / (X.length * Y[0].length) : s / X.length;
}
