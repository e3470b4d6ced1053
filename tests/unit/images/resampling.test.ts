// Downscaling as the lesson makes low-resolution inputs, and the classical upscalers super-resolution must beat.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {downscale, upscale, type Upscaling} from "../../../lib/images/resampling.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

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
