// Resampling for super-resolution: the low-resolution input (average pooling, as the lesson makes it) and the
// classical upscalers a model must beat (nearest, bilinear, bicubic as matrix products).
import * as tf from "@tensorflow/tfjs";

export type Upscaling = "nearest" | "bilinear" | "bicubic";

export type ScaleFactor = 2 | 4;

/** Average-pools by `factor` (28x28 to 14x14 or 7x7), the super-resolution input. */
export function downscale(x: tf.Tensor4D, factor: ScaleFactor): tf.Tensor4D {
  return tf.tidy(() => tf.avgPool(x, factor, factor, "valid"));
}

/** Upscales by `factor` with a classical interpolation, the baseline super-resolution must beat. */
export function upscale(x: tf.Tensor4D, factor: ScaleFactor, method: Upscaling): tf.Tensor4D {
  const [n, h, w] = x.shape;
  return tf.tidy(() => {
    // Separable: rows then columns, each a product with a 1-D interpolation matrix [out, in].
    const across = interpolationMatrix(w, w * factor, method);
    const down = interpolationMatrix(h, h * factor, method);
    const wide = x
      .reshape([n * h, w])
      .matMul(across, false, true)
      .reshape([n, h, w * factor]);
    const tall = wide
      .transpose([0, 2, 1])
      .reshape([n * w * factor, h])
      .matMul(down, false, true)
      .reshape([n, w * factor, h * factor])
      .transpose([0, 2, 1]);
    // Bicubic overshoots at edges; images live in [0, 1].
    return tall.clipByValue(0, 1).reshape([n, h * factor, w * factor, 1]);
  });
}

/** [outSize, inSize] weights with half-pixel centres and clamped edges. */
export function interpolationMatrix(inSize: number, outSize: number, method: Upscaling): tf.Tensor2D {
  const weights = new Float32Array(outSize * inSize);
  const scale = inSize / outSize;
  const clamp = (i: number): number => Math.min(inSize - 1, Math.max(0, i));
  for (let o = 0; o < outSize; o++) {
    const source = (o + 0.5) * scale - 0.5;
    const row = o * inSize;
    if (method === "nearest") {
      weights[row + clamp(Math.floor((o + 0.5) * scale))] = 1;
    } else if (method === "bilinear") {
      const i0 = Math.floor(source);
      const t = source - i0;
      weights[row + clamp(i0)] += 1 - t;
      weights[row + clamp(i0 + 1)] += t;
    } else {
      const i0 = Math.floor(source);
      const t = source - i0;
      for (let k = -1; k <= 2; k++) weights[row + clamp(i0 + k)] += cubicWeight(t - k);
    }
  }
  return tf.tensor2d(weights, [outSize, inSize]);
}

/** Keys' cubic convolution kernel with a = -0.5 (the usual "bicubic"). */
function cubicWeight(distance: number): number {
  const a = -0.5;
  const d = Math.abs(distance);
  if (d <= 1) return (a + 2) * d ** 3 - (a + 3) * d ** 2 + 1;
  if (d < 2) return a * d ** 3 - 5 * a * d ** 2 + 8 * a * d - 4 * a;
  return 0;
}
