// Every model of the lesson under several configs: input, code and output shapes, the lesson's parameter count,
// seeded initialisation, and refusal of impossible configs.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {CONV_CODE_SHAPE} from "../../../lib/models/conv-autoencoder.js";
import {buildModel} from "../../../lib/models/registry.js";
import {countParams, decode, encode, reconstruct} from "../../../lib/models/autoencoder.js";
import {type ModelConfig} from "../../../lib/models/config.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

interface Expected {
  config: ModelConfig;
  input: number[];
  code: number[];
  variational: boolean;
}

const cases: Expected[] = [
  {config: {model: "conv-ae"}, input: [28, 28, 1], code: CONV_CODE_SHAPE, variational: false},
  {config: {model: "conv-ae", latentDim: 2}, input: [28, 28, 1], code: [2], variational: false},
  {config: {model: "conv-ae", latentDim: 10}, input: [28, 28, 1], code: [10], variational: false},
  {config: {model: "dense-ae"}, input: [28, 28, 1], code: [32], variational: false},
  {config: {model: "dense-ae", latentDim: 2, hidden: [64, 16]}, input: [28, 28, 1], code: [2], variational: false},
  {config: {model: "super-res", scale: 2}, input: [14, 14, 1], code: [14, 14, 16], variational: false},
  {config: {model: "super-res", scale: 4, filters: 8}, input: [7, 7, 1], code: [7, 7, 8], variational: false},
  {config: {model: "dense-vae"}, input: [28, 28, 1], code: [2], variational: true},
  {config: {model: "dense-vae", latentDim: 64, hidden: 32}, input: [28, 28, 1], code: [64], variational: true},
  {config: {model: "conv-vae", latentDim: 1}, input: [28, 28, 1], code: [1], variational: true},
  {config: {model: "conv-vae", latentDim: 16}, input: [28, 28, 1], code: [16], variational: true}
];

describe("model shapes", () => {
  test.each(cases)("$config", ({config, input, code, variational}) => {
    const model = buildModel(config);
    const before = tf.memory().numTensors;
    const x = tf.randomUniform([3, ...input], 0, 1, "float32", 1);
    expect(model.inputShape).toEqual(input);
    expect(model.isVariational).toBe(variational);
    expect(model.codeSize).toBe(code.reduce((a, b) => a * b, 1));
    const z = encode(model, x);
    expect(z.shape).toEqual([3, ...code]);
    const raw = model.encoder.predict(x);
    expect(Array.isArray(raw)).toBe(variational);
    tf.dispose(raw);
    const y = reconstruct(model, x);
    expect(y.shape).toEqual([3, 28, 28, 1]);
    tf.tidy(() => {
      expect(y.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
      expect(y.max().dataSync()[0]).toBeLessThanOrEqual(1);
      // decode accepts flat codes as well as shaped ones.
      const fromFlat = decode(model, z.reshape([3, model.codeSize]));
      expect(fromFlat.shape).toEqual([3, 28, 28, 1]);
      expect(fromFlat.sub(y).abs().max().dataSync()[0]).toBeLessThan(1e-6);
    });
    tf.dispose([x, z, y]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe("model construction", () => {
  test("the lesson's conv autoencoder has the PyTorch baseline's 4,385 parameters", () => {
    // torch_baseline.py conv_ae(): conv 1-16, 16-8, 8-8, 8-8, 8-8, 8-16, 16-1, all 3x3 with biases.
    const convs = [
      [1, 16],
      [16, 8],
      [8, 8],
      [8, 8],
      [8, 8],
      [8, 16],
      [16, 1]
    ];
    const expected = convs.reduce((sum, [i, o]) => sum + 9 * i * o + o, 0);
    const model = buildModel({model: "conv-ae"});
    expect(countParams(model)).toBe(expected);
    model.dispose();
  });

  test("the dense VAE is 784-512-(2, 2), 2-512-784", () => {
    const model = buildModel({model: "dense-vae", latentDim: 2});
    const expected = 784 * 512 + 512 + 2 * (512 * 2 + 2) + (2 * 512 + 512) + (512 * 784 + 784);
    expect(countParams(model)).toBe(expected);
    model.dispose();
  });

  test("the same seed builds the same weights, another seed different ones", () => {
    const weights = (seed: number): Float32Array => {
      const model = buildModel({model: "conv-ae", seed});
      const values = model.encoder.weights[0].read().dataSync() as Float32Array;
      model.dispose();
      return Float32Array.from(values);
    };
    expect(weights(3)).toEqual(weights(3));
    expect(weights(3)).not.toEqual(weights(4));
  });

  test("impossible configs are refused", () => {
    expect(() => buildModel({model: "dense-vae", latentDim: 0})).toThrow(/latentDim/);
    expect(() => buildModel({model: "conv-vae", latentDim: 65})).toThrow(/latentDim/);
    expect(() => buildModel({model: "conv-ae", latentDim: 1.5})).toThrow(/latentDim/);
    expect(() => buildModel({model: "super-res", scale: 3 as 2})).toThrow(/scale/);
  });
});
