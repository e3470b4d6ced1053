// kNN accuracy of embeddings, active units of a VAE code, and PCA.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {countActiveUnits} from "../../../lib/latent/codes.js";
import {knnAccuracy} from "../../../lib/latent/knn.js";
import {fitPca, projectPca} from "../../../lib/latent/pca.js";
import {createRng} from "../../../lib/random.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("embeddings", () => {
  const rng = createRng(8);

  test("kNN accuracy is 1 on well-separated clusters and near chance on random labels", () => {
    const centres = [
      [0, 0],
      [10, 0],
      [0, 10]
    ];
    const make = (n: number): {values: Float32Array; labels: Uint8Array} => {
      const labels = Uint8Array.from({length: n}, (_, i) => i % 3);
      const values = new Float32Array(2 * n);
      labels.forEach((l, i) => {
        values[2 * i] = centres[l][0] + rng.normal();
        values[2 * i + 1] = centres[l][1] + rng.normal();
      });
      return {values, labels};
    };
    const train = make(300);
    const test = make(90);
    expect(knnAccuracy({values: train.values, dim: 2}, train.labels, {values: test.values, dim: 2}, test.labels)).toBe(
      1
    );
    const shuffled = train.labels.map(() => rng.int(3));
    const chance = knnAccuracy({values: train.values, dim: 2}, shuffled, {values: test.values, dim: 2}, test.labels);
    expect(chance).toBeLessThan(0.6);
  });

  test("active units counts dimensions whose KL exceeds the threshold", () => {
    expect(countActiveUnits([0.5, 0.001, 0.02, 0])).toBe(2);
    expect(countActiveUnits([0.5, 0.001, 0.02, 0], 0.1)).toBe(1);
  });

  test("PCA finds the directions of largest variance, in order, and projects onto them", () => {
    // Points spread with std 5 along u and 2 along v (orthonormal), 0.1 elsewhere, in 6 dimensions.
    const dim = 6;
    const u = [1, 1, 0, 0, 0, 0].map((x) => x / Math.SQRT2);
    const v = [0, 0, 1, -1, 1, 0].map((x) => x / Math.sqrt(3));
    const n = 2000;
    const values = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) {
      const [a, b] = [5 * rng.normal(), 2 * rng.normal()];
      for (let j = 0; j < dim; j++) values[i * dim + j] = 3 + a * u[j] + b * v[j] + 0.1 * rng.normal();
    }
    const pca = fitPca({values, dim}, 2);
    const dot = (c: number, w: number[]): number => w.reduce((s, x, j) => s + x * pca.components[c * dim + j], 0);
    expect(Math.abs(dot(0, u))).toBeGreaterThan(0.999);
    expect(Math.abs(dot(1, v))).toBeGreaterThan(0.999);
    expect(Math.sqrt(pca.variances[0])).toBeCloseTo(5, 0);
    const projected = projectPca(pca, {values, dim});
    expect(projected.dim).toBe(2);
    expect(projected.values.length).toBe(2 * n);
    // Projections are centred.
    let mean = 0;
    for (let i = 0; i < n; i++) mean += projected.values[2 * i] / n;
    expect(Math.abs(mean)).toBeLessThan(1e-3);
  });
});
