// The adversarial autoencoder: shapes of its three networks, the dense autoencoder's initial weights for the same
// seed, its discriminator's weights counted, carried and stored with the rest, and nothing left behind by dispose.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {applyCheckpoint, decodeCheckpoint, encodeCheckpoint} from "../../../lib/checkpoints/format.js";
import {countParams, encode, reconstruct} from "../../../lib/models/autoencoder.js";
import type {AaeConfig} from "../../../lib/models/config.js";
import {buildModel} from "../../../lib/models/registry.js";
import {modelVariables, readWeights, writeWeights} from "../../../lib/models/weights.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const denseCount = (inputs: number, units: number[]): number =>
  units.reduce((sum, n, i) => sum + ((i === 0 ? inputs : units[i - 1]) + 1) * n, 0);

describe("the adversarial autoencoder", () => {
  test("by default: a 784-512-2 encoder, a 2-512-784 decoder and a 2-256-256-1 discriminator", () => {
    const model = buildModel({model: "aae"});
    expect(model.codeSize).toBe(2);
    expect(model.isVariational).toBe(false);
    expect(model.inputShape).toEqual([28, 28, 1]);
    expect(model.discriminator?.inputs[0].shape).toEqual([null, 2]);
    expect(model.discriminator?.outputs[0].shape).toEqual([null, 1]);
    const encoder = denseCount(784, [512, 2]);
    const decoder = denseCount(2, [512, 784]);
    const discriminator = denseCount(2, [256, 256, 1]);
    expect(model.encoder.countParams()).toBe(encoder);
    expect(model.decoder.countParams()).toBe(decoder);
    expect(model.discriminator?.countParams()).toBe(discriminator);
    expect(countParams(model)).toBe(encoder + decoder + discriminator);
    model.dispose();
  });

  test("codes, reconstructions and logits have the right shapes; a linear code and logit", () => {
    const model = buildModel({model: "aae", hidden: [32], discriminatorHidden: [16, 16], latentDim: 3});
    tf.tidy(() => {
      const x = tf.randomUniform([5, 28, 28, 1], 0, 1, "float32", 1);
      const z = encode(model, x);
      expect(z.shape).toEqual([5, 3]);
      expect(reconstruct(model, x).shape).toEqual([5, 28, 28, 1]);
      const logits = model.discriminator!.predict(tf.randomNormal([7, 3], 0, 10, "float32", 2)) as tf.Tensor;
      expect(logits.shape).toEqual([7, 1]);
      // Logits, not probabilities: some fall outside [0, 1].
      const values = Array.from(logits.dataSync());
      expect(values.some((v) => v < 0 || v > 1)).toBe(true);
    });
    model.dispose();
  });

  test("its encoder and decoder start from dense-ae's weights for the same seed and sizes", () => {
    const aae = buildModel({model: "aae", hidden: [64], latentDim: 2, seed: 5});
    const ae = buildModel({model: "dense-ae", hidden: [64], latentDim: 2, seed: 5});
    const values = (variables: tf.LayerVariable[]): number[][] => variables.map((v) => Array.from(v.read().dataSync()));
    expect(values([...aae.encoder.weights, ...aae.decoder.weights])).toEqual(
      values([...ae.encoder.weights, ...ae.decoder.weights])
    );
    aae.dispose();
    ae.dispose();
  });

  test("refuses an impossible code size", () => {
    expect(() => buildModel({model: "aae", latentDim: 0})).toThrow(/latentDim/);
  });

  test("the discriminator's weights travel with the rest and are stored in its checkpoints", async () => {
    const config: AaeConfig = {model: "aae", hidden: [16], discriminatorHidden: [8, 8]};
    const source = buildModel({...config, seed: 1});
    const target = buildModel({...config, seed: 2});
    expect(modelVariables(source).length).toBe(
      source.encoder.weights.length + source.decoder.weights.length + source.discriminator!.weights.length
    );
    const probe = tf.randomNormal([4, 2], 0, 1, "float32", 3);
    const logits = (model: typeof source): number[] =>
      Array.from((model.discriminator!.predict(probe) as tf.Tensor).dataSync());
    writeWeights(target, await readWeights(source));
    expect(logits(target)).toEqual(logits(source));

    const restored = buildModel({...config, seed: 3});
    const checkpoint = decodeCheckpoint(encodeCheckpoint(source, {dtype: "float32"}));
    expect(checkpoint.header.weights.length).toBe(modelVariables(source).length);
    applyCheckpoint(restored, checkpoint);
    expect(logits(restored)).toEqual(logits(source));
    probe.dispose();
    [source, target, restored].forEach((model) => model.dispose());
  });

  test("dispose frees all three networks", () => {
    const before = tf.memory().numTensors;
    buildModel({model: "aae", hidden: [16], discriminatorHidden: [8]}).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
