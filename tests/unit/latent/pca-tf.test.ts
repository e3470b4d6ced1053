// fitPcaTf (the worker's PCA) finds the same components as the plain-JS fitPca, and leaks no tensors.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, expect, test} from "vitest";
import {fitPca, projectPca} from "../../../lib/latent/pca.js";
import {fitPcaTf} from "../../../lib/latent/pca-tf.js";
import {createRng} from "../../../lib/random.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

test("matches fitPca on data with a clear top-2 structure", () => {
  const rng = createRng(3);
  const n = 300;
  const dim = 20;
  // Two strong directions (spreads 5 and 2) plus small noise in every coordinate.
  const values = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const a = 5 * rng.normal();
    const b = 2 * rng.normal();
    for (let j = 0; j < dim; j++) values[i * dim + j] = (j < 10 ? a : b) / Math.sqrt(10) + 0.1 * rng.normal() + j;
  }
  const before = tf.memory().numTensors;
  const x = tf.tensor2d(values, [n, dim]);
  const fast = fitPcaTf(x, 2);
  x.dispose();
  expect(tf.memory().numTensors).toBe(before);
  const plain = fitPca({values, dim}, 2);
  for (let c = 0; c < 2; c++) {
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += fast.components[c * dim + j] * plain.components[c * dim + j];
    // Same direction up to sign.
    expect(Math.abs(dot)).toBeGreaterThan(0.999);
    expect(fast.variances[c]).toBeCloseTo(plain.variances[c], 1);
  }
  expect(fast.variances[0]).toBeGreaterThan(fast.variances[1]);
  const projected = projectPca(fast, {values, dim});
  expect(projected.dim).toBe(2);
  expect(projected.values.length).toBe(n * 2);
});
