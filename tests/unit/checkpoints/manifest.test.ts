// The manifest of the shipped checkpoints: the rule that picks one for a page's settings, and what the page says
// about the one it picked.

import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {beforeAll, describe, expect, test} from "vitest";
import {
  chooseCheckpoint,
  describeChoice,
  type CheckpointEntry,
  type CheckpointManifest
} from "../../../lib/checkpoints/manifest.js";

import {registerFastKernels} from "../../../lib/backend/kernels/index.js";

import {type ModelConfig} from "../../../lib/models/config.js";

beforeAll(async () => {
  // The backend and kernels the checkpoints were measured with, so that re-measuring gives the same numbers.
  await tf.setBackend("wasm");
  registerFastKernels(["wasm"]);
});

const metrics = {count: 10000, loss: 0.1, reconstruction: 0.1, psnr: 20, ssim: 0.8};
const entry = (name: string, config: ModelConfig, extra: Partial<CheckpointEntry> = {}): CheckpointEntry => ({
  name,
  file: `${name}.ckpt`,
  bytes: 1,
  config,
  epochs: 1,
  samples: 1000,
  totalEpochs: 1,
  batchSize: 32,
  learningRate: 0.002,
  seed: 1,
  dtype: "float16",
  trainSeconds: 1,
  test: metrics,
  ...extra
});

const index: CheckpointManifest = {
  version: 1,
  command: "npm run checkpoints",
  testImages: 10000,
  checkpoints: [
    entry("ae", {model: "conv-ae"}),
    entry("ae-noise0.1", {model: "conv-ae"}, {corruption: {kind: "gaussian", sigma: 0.1, mean: 0}}),
    entry("ae-noise0.3", {model: "conv-ae"}, {corruption: {kind: "gaussian", sigma: 0.3, mean: 0}}),
    entry("ae-latent2", {model: "conv-ae", latentDim: 2}),
    entry("vae", {model: "dense-vae", latentDim: 2}, {klWeight: 1}),
    entry("vae-kl0.1", {model: "dense-vae", latentDim: 2}, {klWeight: 0.1}),
    entry("vae-kl4", {model: "dense-vae", latentDim: 2}, {klWeight: 4})
  ]
};

describe("choosing a checkpoint", () => {
  test("the same architecture and settings: exact", () => {
    expect(chooseCheckpoint(index, {model: {model: "conv-ae"}})).toEqual({entry: index.checkpoints[0], exact: true});
    const noisy = chooseCheckpoint(index, {model: {model: "conv-ae"}, corruption: {kind: "gaussian", sigma: 0.3}});
    expect(noisy?.entry.name).toBe("ae-noise0.3");
    expect(noisy?.exact).toBe(true);
    // Slider values carry float noise; the seed does not change the architecture.
    const fuzzy = chooseCheckpoint(index, {
      model: {model: "conv-ae", seed: 3},
      corruption: {kind: "gaussian", sigma: 0.1 + 0.2}
    });
    expect(fuzzy).toMatchObject({exact: true, entry: {name: "ae-noise0.3"}});
  });

  test("other settings: the nearest noise level, the nearest KL weight on a log scale; never another architecture", () => {
    expect(
      chooseCheckpoint(index, {model: {model: "conv-ae"}, corruption: {kind: "gaussian", sigma: 0.35}})
    ).toMatchObject({
      exact: false,
      entry: {name: "ae-noise0.3"}
    });
    expect(chooseCheckpoint(index, {model: {model: "dense-vae", latentDim: 2}, klWeight: 2.5})).toMatchObject({
      exact: false,
      entry: {name: "vae-kl4"}
    });
    expect(chooseCheckpoint(index, {model: {model: "dense-vae", latentDim: 2}, klWeight: 0.25})).toMatchObject({
      entry: {name: "vae-kl0.1"}
    });
    expect(chooseCheckpoint(index, {model: {model: "dense-vae", latentDim: 2}})).toMatchObject({
      exact: true,
      entry: {name: "vae"}
    });
    expect(chooseCheckpoint(index, {model: {model: "conv-ae", latentDim: 3}})).toBeUndefined();
    expect(chooseCheckpoint(index, {model: {model: "super-res", scale: 2}})).toBeUndefined();
  });

  test("the note says what was loaded, and what was asked for when it differs", () => {
    const request = {model: {model: "conv-ae"} as ModelConfig, corruption: {kind: "gaussian" as const, sigma: 0.35}};
    const note = describeChoice(request, chooseCheckpoint(index, request));
    expect(note.text).toBe(
      "No checkpoint for Noise level 0.35: started from the one for Noise level 0.3, trained 1 epoch (test loss 0.1)."
    );
    expect(
      describeChoice({model: {model: "conv-ae"}}, chooseCheckpoint(index, {model: {model: "conv-ae"}})).text
    ).toMatch(/^Started from a checkpoint trained 1 epoch/);
    expect(describeChoice({model: {model: "conv-ae", latentDim: 3}}, undefined).text).toMatch(/random weights/);
  });
});
