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
