// Principal component analysis, the linear baseline that autoencoder embeddings are compared with.
// Plain JavaScript (no tfjs), by orthogonal iteration on the data: no d x d covariance is ever formed.
import {createRng} from "../random.js";
import type {Embedding} from "./knn.js";

export interface Pca {
  dim: number;
  /** Mean of the fitted data, subtracted before projecting. */
  mean: Float64Array;
  /** k unit vectors of length dim, row after row, by decreasing variance. */
  components: Float64Array;
  /** Variance of the data along each component. */
  variances: number[];
}

/** Fits the top `k` principal components of `data` (rows of length `dim`). */
export function fitPca(data: Embedding, k: number, {iterations = 150, seed = 1} = {}): Pca {
  const {values, dim} = data;
  const n = values.length / dim;
  if (!(k >= 1 && k <= dim && n > 1)) throw new Error(`cannot fit ${k} components to ${n} points of size ${dim}`);
  const mean = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mean[j] += values[i * dim + j] / n;
  const rng = createRng(seed);
  let basis = new Float64Array(k * dim).map(() => rng.normal());
  orthonormalize(basis, k, dim);
  const scores = new Float64Array(n * k);
  let variances: number[] = [];
  for (let step = 0; step < iterations; step++) {
    // basis <- (X - mean)^T (X - mean) basis / (n - 1), then Gram-Schmidt: converges to the leading eigenvectors.
    projectCentred(values, mean, basis, n, dim, k, scores);
    const next = new Float64Array(k * dim);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const s = scores[i * k + c] / (n - 1);
        for (let j = 0; j < dim; j++) next[c * dim + j] += s * (values[i * dim + j] - mean[j]);
      }
    }
    variances = Array.from({length: k}, (_, c) => Math.hypot(...next.subarray(c * dim, (c + 1) * dim)));
    orthonormalize(next, k, dim);
    basis = next;
  }
  return {dim, mean, components: basis, variances};
}

/** Coordinates of `data` along the fitted components: an embedding of size k. */
export function projectPca(pca: Pca, data: Embedding): Embedding {
  const k = pca.components.length / pca.dim;
  const n = data.values.length / data.dim;
  const scores = new Float64Array(n * k);
  projectCentred(data.values, pca.mean, pca.components, n, pca.dim, k, scores);
  return {values: Float32Array.from(scores), dim: k};
}

function projectCentred(
  values: Float32Array,
  mean: Float64Array,
  basis: Float64Array,
  n: number,
  dim: number,
  k: number,
  out: Float64Array
): void {
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += (values[i * dim + j] - mean[j]) * basis[c * dim + j];
      out[i * k + c] = s;
    }
  }
}

function orthonormalize(basis: Float64Array, k: number, dim: number): void {
  for (let c = 0; c < k; c++) {
    const v = basis.subarray(c * dim, (c + 1) * dim);
    const before = Math.hypot(...v);
    let norm = removeEarlier(basis, v, c, dim);
    // When the data has fewer directions than k (a VAE's collapsed dimensions, say), v comes back parallel to an
    // earlier vector: what is left is rounding noise along that same vector. Any direction orthogonal to the
    // earlier ones is then as good as another (it carries no variance): take the first axis that gives one.
    for (let axis = 0; axis < dim && !(norm > 1e-9 * before); axis++) {
      v.fill(0);
      v[axis] = 1;
      norm = removeEarlier(basis, v, c, dim);
    }
    norm = norm || 1;
    for (let j = 0; j < dim; j++) v[j] /= norm;
  }
}

/** Gram-Schmidt step (twice, for accuracy): removes from v its parts along the first c rows; returns its norm. */
function removeEarlier(basis: Float64Array, v: Float64Array, c: number, dim: number): number {
  for (let pass = 0; pass < 2; pass++) {
    for (let p = 0; p < c; p++) {
      const u = basis.subarray(p * dim, (p + 1) * dim);
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += v[j] * u[j];
      for (let j = 0; j < dim; j++) v[j] -= dot * u[j];
    }
  }
  let norm = 0;
  for (let j = 0; j < dim; j++) norm += v[j] * v[j];
  return Math.sqrt(norm);
}
