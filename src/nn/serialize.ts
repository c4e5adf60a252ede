/** `loadModel(json)`: the inverse of `model.toJSON()` (string or object). */
import { LsqError, describeValue } from "../errors.js";
import { Model, type ModelJSON } from "./model.js";
import { dense } from "./dense.js";

export function loadModel(json: string | ModelJSON): Model {
  let obj: unknown = json;
  if (typeof json === "string") {
    try {
      obj = JSON.parse(json);
    } catch (e) {
      throw new LsqError("PARSE_ERROR", `loadModel: not valid JSON (${(e as Error).message})`);
    }
  }
  const m = obj as ModelJSON;
  if (!m || typeof m !== "object" || m.format !== "lsqkit-model") throw new LsqError("INVALID_ARGUMENT", `loadModel: expected an object with format 'lsqkit-model', got ${describeValue(m && (m as ModelJSON).format)}`);
  if (m.version !== 1) throw new LsqError("INVALID_ARGUMENT", `loadModel: unsupported version ${describeValue(m.version)}`);
  if (!Array.isArray(m.layers) || m.layers.length === 0) throw new LsqError("INVALID_ARGUMENT", "loadModel: layers must be a non-empty array");
  const layers = m.layers.map((l, i) => {
    if (!l || l.type !== "dense") throw new LsqError("INVALID_ARGUMENT", `loadModel: layers[${i}].type must be 'dense', got ${describeValue(l && l.type)}`);
    return dense({ units: l.units, activation: l.activation, trainable: l.trainable, dropout: l.dropout, inputSize: i === 0 ? m.inputSize : undefined });
  });
  if (!Array.isArray(m.params)) throw new LsqError("INVALID_ARGUMENT", "loadModel: params must be an array of numbers");
  const params = new Float64Array(m.params.length);
  m.params.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new LsqError("NON_FINITE", `loadModel: params[${i}] must be a finite number, got ${describeValue(v)}`);
    params[i] = v;
  });
  return new Model(m.inputSize, layers, params);
}
