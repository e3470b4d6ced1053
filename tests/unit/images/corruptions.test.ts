// Corruption statistics: noise level, rates, clipping, seeding.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {addGaussianNoise, addSaltAndPepper, corrupt, maskPixels} from "../../../lib/images/corruptions.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const grey = (): tf.Tensor4D => tf.fill([8, 28, 28, 1], 0.5) as tf.Tensor4D;

function stats(x: tf.Tensor): {mean: number; std: number; min: number; max: number} {
  return tf.tidy(() => {
    const {mean, variance} = tf.moments(x);
    return {
      mean: mean.dataSync()[0],
      std: Math.sqrt(variance.dataSync()[0]),
      min: x.min().dataSync()[0],
      max: x.max().dataSync()[0]
    };
  });
}

describe("gaussian noise", () => {
  test("adds noise of the requested standard deviation (little clipping at sigma 0.1 on grey)", () => {
    const s = stats(addGaussianNoise(grey(), 0.1, 1).sub(grey()));
    expect(Math.abs(s.mean)).toBeLessThan(0.005);
    expect(Math.abs(s.std - 0.1)).toBeLessThan(0.005);
  });

  test("the mean shifts the noise (the lesson's N(0.5, 0.5)), and results are clipped to [0, 1]", () => {
    const noisy = corrupt(tf.zeros([8, 28, 28, 1]), {kind: "gaussian", sigma: 0.5, mean: 0.5}, 2);
    const s = stats(noisy);
    expect(s.min).toBe(0);
    expect(s.max).toBe(1);
    // Clipped N(0.5, 0.5) to [0, 1] is symmetric about 0.5.
    expect(Math.abs(s.mean - 0.5)).toBeLessThan(0.02);
    // P(noise <= 0) = P(Z <= -1) = 15.9%: that share of pixels are exactly 0.
    const zeros = noisy.equal(0).cast("float32").mean().dataSync()[0];
    expect(Math.abs(zeros - 0.1587)).toBeLessThan(0.02);
  });

  test("sigma 0 leaves the images unchanged; levels outside [0, 1] are refused", () => {
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, "float32", 4) as tf.Tensor4D;
    expect(addGaussianNoise(x, 0, 3).arraySync()).toEqual(x.arraySync());
    expect(() => addGaussianNoise(x, 1.5, 3)).toThrow(/sigma/);
  });

  test("seeded: the same seed gives the same noise, another seed other noise", () => {
    const a = addGaussianNoise(grey(), 0.3, 7).dataSync();
    expect(addGaussianNoise(grey(), 0.3, 7).dataSync()).toEqual(a);
    expect(addGaussianNoise(grey(), 0.3, 8).dataSync()).not.toEqual(a);
  });
});

describe("salt and pepper, masking", () => {
  test.each([0.1, 0.4])("salt-and-pepper at rate %f sets that share of pixels, half to 0 and half to 1", (rate) => {
    const noisy = addSaltAndPepper(grey(), rate, 3);
    const zeros = noisy.equal(0).cast("float32").mean().dataSync()[0];
    const ones = noisy.equal(1).cast("float32").mean().dataSync()[0];
    expect(Math.abs(zeros - rate / 2)).toBeLessThan(0.01);
    expect(Math.abs(ones - rate / 2)).toBeLessThan(0.01);
    expect(noisy.equal(0.5).cast("float32").mean().dataSync()[0]).toBeCloseTo(1 - zeros - ones, 6);
  });

  test.each([0.25, 0.75])("masking at rate %f zeroes that share of pixels and keeps the rest", (rate) => {
    const masked = maskPixels(grey(), rate, 5);
    expect(Math.abs(masked.equal(0).cast("float32").mean().dataSync()[0] - rate)).toBeLessThan(0.01);
    expect(masked.notEqual(0).logicalAnd(masked.notEqual(0.5)).any().dataSync()[0]).toBe(0);
  });
});
