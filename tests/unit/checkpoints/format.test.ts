// Checkpoints: float32 round trips exactly, float16 within half precision, the model is rebuilt from the
// manifest, malformed bytes are refused, and the big layers of 8-bit checkpoints are stored within half a step.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {
  applyCheckpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  readCheckpointFor,
  float16ToFloat32,
  float32ToFloat16,
  loadCheckpoint,
  QUANTIZE_MIN_VALUES
} from "../../../lib/checkpoints/format.js";
import {buildModel} from "../../../lib/models/registry.js";
import {reconstruct, type Autoencoder} from "../../../lib/models/autoencoder.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const weightsOf = (model: Autoencoder): Float32Array[] =>
  [...model.encoder.weights, ...model.decoder.weights].map((w) => Float32Array.from(w.read().dataSync()));

describe("float16", () => {
  test("values exactly representable in half precision survive unchanged", () => {
    for (const x of [0, 1, -2, 0.5, 1.5, 65504, -0.099975586, 2 ** -14, 2 ** -24, 3 * 2 ** -24]) {
      expect(float16ToFloat32(float32ToFloat16(x))).toBe(Math.fround(x));
    }
  });

  test("other values round to within half an ulp (relative 2^-11), out-of-range ones to infinity", () => {
    for (let i = 0; i < 1000; i++) {
      const x = (Math.sin(i) * 10) ** 3;
      const y = float16ToFloat32(float32ToFloat16(x));
      expect(Math.abs(y - x)).toBeLessThanOrEqual(Math.abs(x) * 2 ** -11 + 2 ** -25);
    }
    expect(float16ToFloat32(float32ToFloat16(1e6))).toBe(Infinity);
    expect(float16ToFloat32(float32ToFloat16(-Infinity))).toBe(-Infinity);
    expect(float16ToFloat32(float32ToFloat16(NaN))).toBeNaN();
    expect(float16ToFloat32(float32ToFloat16(1e-9))).toBe(0);
  });
});

describe("checkpoints", () => {
  test("float32: rebuilds the same architecture with identical weights and outputs", () => {
    const model = buildModel({model: "conv-ae", latentDim: 3, seed: 4});
    const bytes = encodeCheckpoint(model, {dtype: "float32", metadata: {epochs: 2}});
    const loaded = loadCheckpoint(bytes);
    expect(loaded.config).toEqual(model.config);
    expect(decodeCheckpoint(bytes).header.metadata).toEqual({epochs: 2});
    expect(weightsOf(loaded)).toEqual(weightsOf(model));
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, "float32", 1);
    expect(reconstruct(loaded, x).arraySync()).toEqual(reconstruct(model, x).arraySync());
    model.dispose();
    loaded.dispose();
  });

  test("float16 (the default) halves the weight bytes and keeps weights within half precision", () => {
    const model = buildModel({model: "dense-vae", latentDim: 2, hidden: 8});
    const half = encodeCheckpoint(model);
    const full = encodeCheckpoint(model, {dtype: "float32"});
    const params = model.encoder.countParams() + model.decoder.countParams();
    expect(full.length - half.length).toBeGreaterThanOrEqual(2 * params - 8);
    const original = weightsOf(model);
    weightsOf(loadCheckpoint(half)).forEach((w, i) =>
      w.forEach((v, j) =>
        expect(Math.abs(v - original[i][j])).toBeLessThanOrEqual(Math.abs(original[i][j]) * 2 ** -11 + 1e-7)
      )
    );
    model.dispose();
  });

  test("applyCheckpoint refuses a model of another architecture; bad bytes are refused", () => {
    const bytes = encodeCheckpoint(buildModel({model: "dense-vae", latentDim: 2, hidden: 8}));
    expect(() =>
      applyCheckpoint(buildModel({model: "dense-vae", latentDim: 3, hidden: 8}), decodeCheckpoint(bytes))
    ).toThrow(/weight/);
    expect(() => decodeCheckpoint(new Uint8Array(16))).toThrow(/magic/);
    expect(() => decodeCheckpoint(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
  });
});

describe("8-bit checkpoints", () => {
  test("big weights are stored as 8-bit codes within half a step, small ones as float16", () => {
    const model = buildModel({model: "dense-vae", latentDim: 2});
    const bytes = encodeCheckpoint(model, {dtype: "uint8"});
    const float16 = encodeCheckpoint(model, {dtype: "float16"});
    expect(bytes.length).toBeLessThan(float16.length * 0.55);
    const decoded = decodeCheckpoint(bytes);
    const variables = [...model.encoder.weights, ...model.decoder.weights];
    decoded.header.weights.forEach((w, i) => {
      const original = variables[i].read().dataSync() as Float32Array;
      const stored = decoded.values[i];
      const count = original.length;
      expect(w.quantization !== undefined).toBe(count >= QUANTIZE_MIN_VALUES);
      const bound = w.quantization ? w.quantization.scale / 2 + 1e-7 : 1e-3;
      let worst = 0;
      for (let j = 0; j < count; j++) worst = Math.max(worst, Math.abs(stored[j] - original[j]));
      expect(worst).toBeLessThanOrEqual(bound);
    });
    const copy = buildModel({model: "dense-vae", latentDim: 2, seed: 9});
    applyCheckpoint(copy, decoded);
    model.dispose();
    copy.dispose();
  });
});

describe("a checkpoint file a reader loads", () => {
  const config = {model: "dense-ae" as const, latentDim: 2, hidden: [8]};
  const shapesOf = (model: Autoencoder): number[][] =>
    [...model.encoder.weights, ...model.decoder.weights].map((w) => w.shape.map((d) => d ?? 0));

  test("its own model's file loads; another model, a damaged file or non-numbers are refused with a reason", () => {
    const model = buildModel(config);
    const expected = {config: model.config, shapes: shapesOf(model)};
    const bytes = encodeCheckpoint(model, {dtype: "float32"});
    expect(readCheckpointFor(bytes, expected).ok).toBe(true);

    const other = encodeCheckpoint(buildModel({model: "dense-ae", latentDim: 3, hidden: [8]}), {dtype: "float32"});
    expect(readCheckpointFor(other, expected)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/another model/)
    });
    expect(readCheckpointFor(bytes.subarray(0, bytes.length - 100), expected)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/truncated/)
    });
    expect(readCheckpointFor(new TextEncoder().encode("not a checkpoint at all"), expected)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/bad magic/)
    });
    const poisoned = bytes.slice();
    new DataView(poisoned.buffer).setFloat32(poisoned.length - 4, Number.NaN, true);
    expect(readCheckpointFor(poisoned, expected)).toMatchObject({ok: false, reason: expect.stringMatching(/finite/)});
    model.dispose();
  });
});
