/** `loadModel(json)`: the inverse of `model.toJSON()` (string or object). */
import { LsqError, describeValue } from "../errors.js";
import { Model, type ModelJSON } from "./model.js";
import { dense } from "./dense.js";

const MODEL_KEYS = ["format", "version", "inputSize", "layers", "params"];
const LAYER_KEYS = ["type", "units", "activation", "trainable", "dropout"];

/** Throws LsqError for anything that is not a model saved by toJSON (unknown keys included). */
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
  // unknown keys are a different format or a typo, never silently ignored
  for (const k of Object.keys(m)) {
    if (!MODEL_KEYS.includes(k)) throw new LsqError("INVALID_ARGUMENT", `loadModel: unknown key ${JSON.stringify(k)} (known: ${MODEL_KEYS.join(", ")})`);
  }
  if (m.version !== 1) throw new LsqError("INVALID_ARGUMENT", `loadModel: unsupported version ${describeValue(m.version)}`);
  if (!Array.isArray(m.layers) || m.layers.length === 0) throw new LsqError("INVALID_ARGUMENT", "loadModel: layers must be a non-empty array");
  const layers = m.layers.map((l, i) => {
    if (!l || l.type !== "dense") throw new LsqError("INVALID_ARGUMENT", `loadModel: layers[${i}].type must be 'dense', got ${describeValue(l && l.type)}`);
    for (const k of Object.keys(l)) {
      if (!LAYER_KEYS.includes(k)) throw new LsqError("INVALID_ARGUMENT", `loadModel: layers[${i}] has an unknown key ${JSON.stringify(k)} (known: ${LAYER_KEYS.join(", ")})`);
    }
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
