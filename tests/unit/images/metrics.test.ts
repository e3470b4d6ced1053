// PSNR and SSIM on pairs whose answer follows from the definitions.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";

import {psnr, ssim} from "../../../lib/images/metrics.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const random = (seed: number): tf.Tensor4D => tf.randomUniform([3, 28, 28, 1], 0, 1, "float32", seed) as tf.Tensor4D;

describe("PSNR", () => {
  test("a uniform error e gives 10 log10(1 / e^2) dB", () => {
    const x = tf.fill([2, 28, 28, 1], 0.3) as tf.Tensor4D;
    for (const e of [0.1, 0.01]) {
      const got = psnr(x, x.add(e) as tf.Tensor4D).arraySync();
      got.forEach((v) => expect(v).toBeCloseTo(10 * Math.log10(1 / e ** 2), 2));
    }
  });

  test("is computed per image, falls as noise grows, and is infinite for identical images", () => {
    const x = random(1);
    const noise = tf.randomNormal([3, 28, 28, 1], 0, 1, "float32", 2);
    const weights = tf.tensor([0.01, 0.1, 0.3]).reshape([3, 1, 1, 1]);
    const values = psnr(x, x.add(noise.mul(weights)) as tf.Tensor4D).arraySync();
    expect(values[0]).toBeGreaterThan(values[1]);
    expect(values[1]).toBeGreaterThan(values[2]);
    expect(psnr(x, x).arraySync()[0]).toBe(Infinity);
  });
});

/** SSIM straight from the definition, one window position at a time. */
function referenceSsim(a: number[][], b: number[][]): number {
  const size = 11;
  const sigma = 1.5;
  const w: number[][] = [];
  let total = 0;
  for (let i = 0; i < size; i++) {
    w.push([]);
    for (let j = 0; j < size; j++) {
      w[i].push(Math.exp(-((i - 5) ** 2 + (j - 5) ** 2) / (2 * sigma ** 2)));
      total += w[i][j];
    }
  }
  const [c1, c2] = [0.01 ** 2, 0.03 ** 2];
  let sum = 0;
  let count = 0;
  for (let y = 0; y + size <= a.length; y++) {
    for (let x = 0; x + size <= a[0].length; x++) {
      let [ma, mb, saa, sbb, sab] = [0, 0, 0, 0, 0];
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          const k = w[i][j] / total;
          const [p, q] = [a[y + i][x + j], b[y + i][x + j]];
          ma += k * p;
          mb += k * q;
          saa += k * p * p;
          sbb += k * q * q;
          sab += k * p * q;
        }
      }
      const [va, vb, cov] = [saa - ma * ma, sbb - mb * mb, sab - ma * mb];
      sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      count++;
    }
  }
  return sum / count;
}

describe("SSIM", () => {
  test("is 1 for identical images", () => {
    ssim(random(3), random(3))
      .arraySync()
      .forEach((v) => expect(v).toBeCloseTo(1, 5));
  });

  test("matches the definition computed window by window", () => {
    const a = random(4);
    const b = tf.tidy(() => a.mul(0.7).add(random(5).mul(0.3))) as tf.Tensor4D;
    const got = ssim(a, b).arraySync();
    const [pa, pb] = [a.squeeze([3]).arraySync() as number[][][], b.squeeze([3]).arraySync() as number[][][]];
    for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(referenceSsim(pa[i], pb[i]), 4);
    expect(got[0]).toBeLessThan(0.99);
  });
});
