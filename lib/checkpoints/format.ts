// Model checkpoints as one byte array (DOM-free; the CLI writes the file, pages fetch it):
//   "AECK" | header length (uint32 little-endian) | header JSON (UTF-8) | zero padding to 4 | weights
// The header holds the ModelConfig, so a checkpoint rebuilds its own model. Weights are stored in order
// (encoder, then decoder) as float16 by default: half the bytes, and reconstructions are unchanged to the eye.
// dtype "uint8" quarters them: weights of at least QUANTIZE_MIN_VALUES numbers (the big dense layers) are stored
// as 8-bit affine codes (value = min + code * scale, one min/scale per weight), the small ones as float16.
import * as tf from "@tensorflow/tfjs";
import {modelVariables} from "../models/weights.js";
import {buildModel} from "../models/registry.js";
import {type Autoencoder} from "../models/autoencoder.js";
import {type ModelConfig} from "../models/config.js";

const MAGIC = "AECK";
export const CHECKPOINT_FORMAT = "autoencoders-lab-checkpoint";
export const CHECKPOINT_VERSION = 1;

export type WeightDtype = "float16" | "float32" | "uint8";

/** With dtype "uint8", weights smaller than this stay float16: biases and conv kernels are tiny and sensitive. */
export const QUANTIZE_MIN_VALUES = 4096;

/** How one weight is stored as 8-bit codes: value = min + code * scale. */
export interface Quantization {
  min: number;
  scale: number;
}

export interface CheckpointHeader {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  config: ModelConfig;
  dtype: WeightDtype;
  /** Byte offsets are relative to the start of the weight data. */
  weights: {name: string; shape: number[]; offset: number; quantization?: Quantization}[];
  metadata: Record<string, string | number | boolean>;
}

export interface EncodeOptions {
  dtype?: WeightDtype;
  /** Free-form facts worth keeping with the weights (epochs, test loss, command line...). */
  metadata?: Record<string, string | number | boolean>;
}

export function encodeCheckpoint(model: Autoencoder, options: EncodeOptions = {}): Uint8Array {
  const dtype = options.dtype ?? "float16";
  const variables = modelVariables(model);
  const arrays = variables.map((v) => v.read().dataSync() as Float32Array);
  let offset = 0;
  const weights = variables.map((v, i) => {
    const count = v.shape.reduce<number>((a, d) => a * (d ?? 0), 1);
    const quantization = dtype === "uint8" && count >= QUANTIZE_MIN_VALUES ? quantizationOf(arrays[i]) : undefined;
    // Each weight starts on a 4-byte boundary, whatever the size of the one before.
    offset = align4(offset);
    const entry = {name: v.name, shape: v.shape.map((d) => d ?? 0), offset, ...(quantization ? {quantization} : {})};
    offset += count * (quantization ? 1 : dtype === "float32" ? 4 : 2);
    return entry;
  });
  const header: CheckpointHeader = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    config: model.config,
    dtype,
    weights,
    metadata: options.metadata ?? {}
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = align4(8 + json.length);
  const out = new Uint8Array(dataStart + align4(offset));
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  arrays.forEach((values, i) => {
    const start = dataStart + weights[i].offset;
    const quantization = weights[i].quantization;
    if (quantization) {
      values.forEach((x, j) => (out[start + j] = quantize(x, quantization)));
    } else if (dtype === "float32") {
      out.set(new Uint8Array(Float32Array.from(values).buffer), start);
    } else {
      const view = new DataView(out.buffer, start, values.length * 2);
      values.forEach((x, j) => view.setUint16(2 * j, float32ToFloat16(x), true));
    }
  });
  return out;
}

/** The affine map that spreads a weight's range over the 256 codes. */
function quantizationOf(values: Float32Array): Quantization {
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  // Stored in the JSON header: round-trip through float32 so that encoder and decoder use the same numbers.
  return {min: Math.fround(min), scale: Math.fround(max > min ? (max - min) / 255 : 1)};
}

function quantize(x: number, {min, scale}: Quantization): number {
  return Math.max(0, Math.min(255, Math.round((x - min) / scale)));
}

export interface DecodedCheckpoint {
  header: CheckpointHeader;
  /** One array per weight, in header order. */
  values: Float32Array[];
}

export function decodeCheckpoint(bytes: Uint8Array): DecodedCheckpoint {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error("not an autoencoders-lab checkpoint (bad magic)");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const jsonLength = view.getUint32(4, true);
  if (8 + jsonLength > bytes.length) throw new Error("truncated checkpoint header");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + jsonLength))) as CheckpointHeader;
  if (header.format !== CHECKPOINT_FORMAT || header.version !== CHECKPOINT_VERSION) {
    throw new Error(`unsupported checkpoint ${header.format} version ${header.version}`);
  }
  const dataStart = align4(8 + jsonLength);
  const values = header.weights.map(({name, shape, offset, quantization}) => {
    const count = shape.reduce((a, d) => a * d, 1);
    const start = dataStart + offset;
    const bytesPerValue = quantization ? 1 : header.dtype === "float32" ? 4 : 2;
    if (start + count * bytesPerValue > bytes.length) throw new Error(`truncated checkpoint: weight ${name}`);
    const out = new Float32Array(count);
    if (quantization) {
      for (let j = 0; j < count; j++) out[j] = quantization.min + bytes[start + j] * quantization.scale;
      return out;
    }
    for (let j = 0; j < count; j++) {
      out[j] =
        header.dtype !== "float32"
          ? float16ToFloat32(view.getUint16(start + 2 * j, true))
          : view.getFloat32(start + 4 * j, true);
    }
    return out;
  });
  return {header, values};
}

/** Copies a checkpoint's weights into `model`, which must have the checkpoint's architecture. */
export function applyCheckpoint(model: Autoencoder, checkpoint: DecodedCheckpoint): void {
  const variables = modelVariables(model);
  const {weights} = checkpoint.header;
  if (variables.length !== weights.length) {
    throw new Error(`checkpoint has ${weights.length} weights, the model ${variables.length}`);
  }
  variables.forEach((v, i) => {
    const shape = weights[i].shape;
    if (shape.join("x") !== v.shape.join("x")) {
      throw new Error(
        `weight ${i} (${v.name}) is ${v.shape.join("x")} in the model, ${shape.join("x")} in the checkpoint`
      );
    }
  });
  tf.tidy(() => variables.forEach((v, i) => v.write(tf.tensor(checkpoint.values[i], weights[i].shape))));
}

/** Builds the checkpoint's model and loads its weights. */
export function loadCheckpoint(bytes: Uint8Array): Autoencoder {
  const checkpoint = decodeCheckpoint(bytes);
  const model = buildModel(checkpoint.header.config);
  applyCheckpoint(model, checkpoint);
  return model;
}

function align4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

const scratch = new DataView(new ArrayBuffer(4));

/** IEEE half-precision bits of `x`, rounded to nearest even; overflow gives infinity. */
export function float32ToFloat16(x: number): number {
  scratch.setFloat32(0, x);
  const bits = scratch.getUint32(0);
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    // Subnormal half: shift the mantissa (with its implicit 1) right, rounding to nearest even.
    const m = mantissa | 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = m & ((1 << shift) - 1);
    let result = m >>> shift;
    if (rest > half || (rest === half && result & 1)) result++;
    return sign | result;
  }
  let result = (e << 10) | (mantissa >>> 13);
  const rest = mantissa & 0x1fff;
  // Carrying into the exponent is correct: it rounds up to the next power of two (or to infinity).
  if (rest > 0x1000 || (rest === 0x1000 && result & 1)) result++;
  return sign | result;
}

export function float16ToFloat32(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >>> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/**
 * A checkpoint file a reader loads into the model `expected` (its config): the decoded weights, or the reason it
 * cannot be loaded (not a checkpoint, damaged, another model, values that are not numbers). Changes nothing.
 */
export function readCheckpointFor(
  bytes: Uint8Array,
  expected: {config: ModelConfig; shapes: number[][]}
): {ok: true; checkpoint: DecodedCheckpoint} | {ok: false; reason: string} {
  let checkpoint: DecodedCheckpoint;
  try {
    checkpoint = decodeCheckpoint(bytes);
  } catch (error) {
    return {ok: false, reason: error instanceof Error ? error.message : String(error)};
  }
  const {header, values} = checkpoint;
  const key = (config: ModelConfig): string =>
    JSON.stringify(
      Object.entries(config)
        .filter(([name, value]) => name !== "seed" && value !== undefined)
        .sort()
    );
  if (key(header.config) !== key(expected.config)) {
    return {ok: false, reason: `it holds another model (${JSON.stringify(header.config)})`};
  }
  const shapes = header.weights.map((w) => w.shape.join("x"));
  if (shapes.length !== expected.shapes.length || shapes.some((s, i) => s !== expected.shapes[i].join("x"))) {
    return {ok: false, reason: "its weights do not have this model's shapes"};
  }
  if (values.some((array) => array.some((v) => !Number.isFinite(v)))) {
    return {ok: false, reason: "some of its weights are not finite numbers"};
  }
  return {ok: true, checkpoint};
}
