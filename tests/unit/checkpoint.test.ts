// Checkpoints: float32 round trips exactly, float16 within half precision, the model is rebuilt from the
// manifest, and malformed bytes are refused.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {
  applyCheckpoint,
  decodeCheckpoint,
  encodeCheckpoint,
  float16ToFloat32,
  float32ToFloat16,
  loadCheckpoint
} from "../../lib/checkpoint.js";
import {buildModel, reconstruct, type Autoencoder} from "../../lib/models.js";

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
    expect(decodeCheckpoint(bytes).manifest.metadata).toEqual({epochs: 2});
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
