// PCA with TensorFlow.js, for the worker: the same result as fitPca (lib/latent/pca.ts) but with the heavy part, the
// d x d covariance of all the images, done in one matrix product by the backend. Plain-JS orthogonal iteration
// over 2,000 images of 784 pixels takes tens of seconds on a slow machine; this takes well under one.
import * as tf from "@tensorflow/tfjs";
import type {Dataset} from "../data/dataset.js";
import {datasetToTensor, range} from "../training/inputs.js";
import {projectPca, type Pca} from "./pca.js";

/** Fits the top `k` principal components of the rows of `x` ([n, d]) by orthogonal iteration on its covariance. */
export function fitPcaTf(x: tf.Tensor2D, k: number, {iterations = 200, seed = 1} = {}): Pca {
  const [n, dim] = x.shape;
  if (!(k >= 1 && k <= dim && n > 1)) throw new Error(`cannot fit ${k} components to ${n} points of size ${dim}`);
  const [meanTensor, basisTensor, varianceTensor] = tf.tidy(() => {
    const mean = x.mean(0);
    const centred = x.sub(mean);
    const covariance = tf.matMul(centred, centred, true, false).div(n - 1) as tf.Tensor2D;
    // Rows of `basis` converge to the leading eigenvectors: multiply by the covariance, re-orthonormalise.
    let basis = tf.randomNormal([k, dim], 0, 1, "float32", seed) as tf.Tensor2D;
    for (let step = 0; step < iterations; step++) {
      const previous = basis;
      basis = tf.tidy(() => tf.linalg.gramSchmidt(tf.matMul(previous, covariance) as tf.Tensor2D) as tf.Tensor2D);
      previous.dispose();
    }
    // Variance along each unit vector: b C b^T.
    const variances = tf.matMul(basis, covariance).mul(basis).sum(1);
    return [mean, basis, variances];
  });
  const pca: Pca = {
    dim,
    mean: Float64Array.from(meanTensor.dataSync()),
    components: Float64Array.from(basisTensor.dataSync()),
    variances: Array.from(varianceTensor.dataSync())
  };
  tf.dispose([meanTensor, basisTensor, varianceTensor]);
  return pca;
}

export interface DatasetProjection {
  /** Each image's coordinates on the top `dims` components, row after row. */
  codes: Float32Array;
  dims: number;
  labels: Uint8Array;
  /** Variance along each component. */
  variances: number[];
}

/** The images of `data` projected on their own top `dims` principal components (the embeddings page's PCA plane). */
export async function projectDatasetPca(data: Dataset, dims: number): Promise<DatasetProjection> {
  const x = tf.tidy(() => datasetToTensor(data, range(0, data.count)).reshape([data.count, -1])) as tf.Tensor2D;
  const pixels = (await x.data()) as Float32Array;
  const pca = fitPcaTf(x, dims);
  x.dispose();
  const projected = projectPca(pca, {values: pixels, dim: pca.dim});
  return {codes: projected.values, dims, labels: data.labels.slice(), variances: pca.variances};
}
