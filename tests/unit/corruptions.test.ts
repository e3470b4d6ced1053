// Corruption statistics (noise level, rates, clipping, seeding) and the resolution changes.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {
  addGaussianNoise,
  addSaltAndPepper,
  corrupt,
  downscale,
  maskPixels,
  upscale,
  type Upscaling
} from "../../lib/corruptions.js";

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

describe("resolution", () => {
  const image = (): tf.Tensor4D => tf.randomUniform([2, 28, 28, 1], 0, 1, "float32", 9) as tf.Tensor4D;

  test.each([2, 4] as const)("downscale x%i averages each block", (factor) => {
    const x = image();
    const small = downscale(x, factor);
    expect(small.shape).toEqual([2, 28 / factor, 28 / factor, 1]);
    const pixels = x.arraySync();
    let sum = 0;
    for (let i = 0; i < factor; i++) for (let j = 0; j < factor; j++) sum += pixels[1][factor + i][2 * factor + j][0];
    expect(small.arraySync()[1][1][2][0]).toBeCloseTo(sum / factor ** 2, 5);
  });

  test("nearest upscaling repeats each pixel", () => {
    const small = downscale(image(), 2);
    const big = upscale(small, 2, "nearest").arraySync();
    const s = small.arraySync();
    for (const [i, j] of [
      [0, 0],
      [13, 27],
      [27, 5]
    ]) {
      expect(big[0][i][j][0]).toBeCloseTo(s[0][Math.floor(i / 2)][Math.floor(j / 2)][0], 6);
    }
  });

  test.each<Upscaling>(["nearest", "bilinear", "bicubic"])("%s keeps constant images constant", (method) => {
    const flat = upscale(tf.fill([1, 7, 7, 1], 0.3) as tf.Tensor4D, 4, method);
    expect(flat.shape).toEqual([1, 28, 28, 1]);
    const s = stats(flat);
    expect(s.max - s.min).toBeLessThan(1e-6);
    expect(s.mean).toBeCloseTo(0.3, 6);
  });

  test("bilinear and bicubic reproduce a linear ramp away from the edges", () => {
    const ramp = tf.tensor4d(
      Float32Array.from({length: 14 * 14}, (_, k) => (k % 14) / 20),
      [1, 14, 14, 1]
    );
    for (const method of ["bilinear", "bicubic"] as const) {
      const big = upscale(ramp, 2, method).arraySync()[0][10];
      // Output column c samples input position (c + 0.5) / 2 - 0.5.
      for (let c = 4; c < 24; c++) expect(big[c][0]).toBeCloseTo(((c + 0.5) / 2 - 0.5) / 20, 5);
    }
  });

  test("upscaling undoes downscaling better with interpolation than without, on a smooth image", () => {
    const smooth = tf.tidy(() => {
      const i = tf.range(0, 28).reshape([28, 1]);
      const j = tf.range(0, 28).reshape([1, 28]);
      return i.div(5).sin().mul(j.div(7).cos()).mul(0.4).add(0.5).reshape([1, 28, 28, 1]) as tf.Tensor4D;
    });
    const error = (method: Upscaling): number =>
      upscale(downscale(smooth, 2), 2, method).sub(smooth).square().mean().dataSync()[0];
    expect(error("bilinear")).toBeLessThan(error("nearest"));
    expect(error("bicubic")).toBeLessThan(error("nearest"));
  });
});
