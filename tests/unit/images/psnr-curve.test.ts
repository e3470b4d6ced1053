// The denoising page's slider mapping and PSNR curve, and the plain-array reconstruction errors.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {measureDenoisingCurve, meanPsnr} from "../../../lib/images/psnr-curve.js";
import {PSNR_CEILING} from "../../../lib/images/image-error.js";
import {corruptionAt} from "../../../lib/images/noise.js";
import {absoluteDifference, meanSquaredErrors} from "../../../lib/images/image-error.js";
import {buildModel} from "../../../lib/models/registry.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("corruptionAt", () => {
  test("maps the level to sigma for Gaussian noise and to a rate otherwise", () => {
    expect(corruptionAt("gaussian", 0.3)).toEqual({kind: "gaussian", sigma: 0.3});
    expect(corruptionAt("salt-pepper", 0.3)).toEqual({kind: "salt-pepper", rate: 0.3});
    expect(corruptionAt("mask", 0.3)).toEqual({kind: "mask", rate: 0.3});
    // The lesson's noise: the same level as a standard deviation, around a mean of 0.5.
    expect(corruptionAt("lesson", 0.5)).toEqual({kind: "gaussian", sigma: 0.5, mean: 0.5});
  });
});

describe("measureDenoisingCurve", () => {
  test("noisy-input PSNR falls as the level rises, capped at level 0; no tensor is leaked", async () => {
    const model = buildModel({model: "conv-ae"});
    const clean = tf.randomUniform([4, 28, 28, 1], 0, 1, "float32", 3) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const curve = await measureDenoisingCurve(model, clean, "gaussian", [0, 0.2, 0.6]);
    expect(tf.memory().numTensors).toBe(before);
    expect(curve.levels).toEqual([0, 0.2, 0.6]);
    expect(curve.noisy[0]).toBe(PSNR_CEILING);
    expect(curve.noisy[1]).toBeGreaterThan(curve.noisy[2]);
    expect(curve.denoised.every(Number.isFinite)).toBe(true);
    clean.dispose();
    model.dispose();
  });

  test("meanPsnr of a uniform error e is 10 log10(1 / e^2)", async () => {
    const x = tf.fill([2, 28, 28, 1], 0.5) as tf.Tensor4D;
    const y = x.add(0.1) as tf.Tensor4D;
    expect(await meanPsnr(x, y)).toBeCloseTo(20, 3);
    tf.dispose([x, y]);
  });
});

describe("reconstruction errors", () => {
  test("per-image mean squared error and absolute difference", () => {
    const a = new Float32Array([0, 0, 1, 1]);
    const b = new Float32Array([0, 1, 1, 0.5]);
    expect(Array.from(meanSquaredErrors(a, b, 2))).toEqual([0.5, 0.125]);
    expect(Array.from(absoluteDifference(a, b))).toEqual([0, 1, 0, 0.5]);
    expect(() => meanSquaredErrors(a, b, 3)).toThrow(/size/);
  });
});
