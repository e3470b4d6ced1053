// Image-quality and embedding-quality metrics. Image metrics take float images [n, h, w, 1] in [0, 1] and return
// one value per image, so callers can average, plot a histogram or pick the worst.
import * as tf from "@tensorflow/tfjs";

/** Peak signal-to-noise ratio in dB of each image, peak value 1: [n]. Identical images give Infinity. */
export function psnr(reference: tf.Tensor4D, test: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const mse = reference.sub(test).square().mean([1, 2, 3]);
    return mse.log().mul(-10 / Math.LN10) as tf.Tensor1D;
  });
}

const SSIM_WINDOW = 11;
const SSIM_SIGMA = 1.5;
// Wang et al. (2004) constants for a dynamic range of 1.
const SSIM_C1 = 0.01 ** 2;
const SSIM_C2 = 0.03 ** 2;

function gaussianWindow(): tf.Tensor4D {
  const values = new Float32Array(SSIM_WINDOW * SSIM_WINDOW);
  const centre = (SSIM_WINDOW - 1) / 2;
  let total = 0;
  for (let i = 0; i < SSIM_WINDOW; i++) {
    for (let j = 0; j < SSIM_WINDOW; j++) {
      const v = Math.exp(-((i - centre) ** 2 + (j - centre) ** 2) / (2 * SSIM_SIGMA ** 2));
      values[i * SSIM_WINDOW + j] = v;
      total += v;
    }
  }
  return tf.tensor4d(
    values.map((v) => v / total),
    [SSIM_WINDOW, SSIM_WINDOW, 1, 1]
  );
}

/**
 * Structural similarity of each image (Wang et al. 2004: 11x11 Gaussian window, sigma 1.5, valid positions only,
 * as tf.image.ssim in TensorFlow): [n]. Images must be at least 11x11.
 */
export function ssim(reference: tf.Tensor4D, test: tf.Tensor4D): tf.Tensor1D {
  return tf.tidy(() => {
    const window = gaussianWindow();
    const blur = (x: tf.Tensor4D): tf.Tensor4D => tf.conv2d(x, window, 1, "valid");
    const muX = blur(reference);
    const muY = blur(test);
    const varX = blur(reference.square()).sub(muX.square());
    const varY = blur(test.square()).sub(muY.square());
    const covariance = blur(reference.mul(test)).sub(muX.mul(muY));
    const numerator = muX.mul(muY).mul(2).add(SSIM_C1).mul(covariance.mul(2).add(SSIM_C2));
    const denominator = muX.square().add(muY.square()).add(SSIM_C1).mul(varX.add(varY).add(SSIM_C2));
    return numerator.div(denominator).mean([1, 2, 3]) as tf.Tensor1D;
  });
}

/** A latent unit is "active" when its KL to the prior, averaged over data, exceeds this many nats. */
export const ACTIVE_UNIT_THRESHOLD = 0.01;

/** Number of latent dimensions whose mean KL (nats, from LossValues.klPerDim) exceeds the threshold. */
export function countActiveUnits(klPerDim: ArrayLike<number>, threshold = ACTIVE_UNIT_THRESHOLD): number {
  let active = 0;
  for (let i = 0; i < klPerDim.length; i++) if (klPerDim[i] > threshold) active++;
  return active;
}

/** Points stored row after row: `values.length === count * dim`. */
export interface Embedding {
  values: Float32Array;
  dim: number;
}

/**
 * Fraction of `test` points whose k nearest `train` points (Euclidean) vote for their label (ties go to the
 * nearest neighbour's label). Used to compare embeddings, e.g. a 2-D autoencoder code against 2-D PCA.
 */
export function knnAccuracy(
  train: Embedding,
  trainLabels: ArrayLike<number>,
  test: Embedding,
  testLabels: ArrayLike<number>,
  k = 5
): number {
  const {dim} = train;
  if (test.dim !== dim) throw new Error(`embedding sizes differ: ${dim} and ${test.dim}`);
  const trainCount = train.values.length / dim;
  const testCount = test.values.length / dim;
  if (trainLabels.length !== trainCount || testLabels.length !== testCount) throw new Error("one label per point");
  const nearest = new Int32Array(k);
  const nearestDistance = new Float64Array(k);
  let correct = 0;
  for (let t = 0; t < testCount; t++) {
    nearestDistance.fill(Infinity);
    nearest.fill(-1);
    for (let i = 0; i < trainCount; i++) {
      let d = 0;
      for (let j = 0; j < dim; j++) {
        const diff = test.values[t * dim + j] - train.values[i * dim + j];
        d += diff * diff;
      }
      if (d >= nearestDistance[k - 1]) continue;
      // Insertion into the sorted list of the k best so far.
      let slot = k - 1;
      while (slot > 0 && nearestDistance[slot - 1] > d) {
        nearestDistance[slot] = nearestDistance[slot - 1];
        nearest[slot] = nearest[slot - 1];
        slot--;
      }
      nearestDistance[slot] = d;
      nearest[slot] = i;
    }
    const votes = new Map<number, number>();
    for (const i of nearest) if (i >= 0) votes.set(trainLabels[i], (votes.get(trainLabels[i]) ?? 0) + 1);
    let best = trainLabels[nearest[0]];
    for (const [label, count] of votes) if (count > (votes.get(best) ?? 0)) best = label;
    if (best === testLabels[t]) correct++;
  }
  return correct / testCount;
}
