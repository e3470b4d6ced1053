// Seeded image corruptions for denoising, and resolution changes for super-resolution and its baselines.
// Every function takes and returns float32 images [n, h, w, 1] in [0, 1]; the same seed gives the same noise.
import * as tf from "@tensorflow/tfjs";

export type Corruption =
  /** Adds N(mean, sigma^2) to every pixel, then clips to [0, 1] (the lesson's denoising: mean 0.5, sigma 0.5). */
  | {kind: "gaussian"; sigma: number; mean?: number}
  /** Sets a fraction `rate` of pixels to 0 or 1 (half each). */
  | {kind: "salt-pepper"; rate: number}
  /** Sets a fraction `rate` of pixels to 0. */
  | {kind: "mask"; rate: number};

export type Upscaling = "nearest" | "bilinear" | "bicubic";
export type ScaleFactor = 2 | 4;

export function corrupt(x: tf.Tensor4D, corruption: Corruption, seed: number): tf.Tensor4D {
  switch (corruption.kind) {
    case "gaussian":
      return addGaussianNoise(x, corruption.sigma, seed, corruption.mean ?? 0);
    case "salt-pepper":
      return addSaltAndPepper(x, corruption.rate, seed);
    case "mask":
      return maskPixels(x, corruption.rate, seed);
  }
}

function checkLevel(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new Error(`${name} must be in [0, 1], got ${value}`);
}

export function addGaussianNoise(x: tf.Tensor4D, sigma: number, seed: number, mean = 0): tf.Tensor4D {
  checkLevel("noise sigma", sigma);
  return tf.tidy(() => x.add(tf.randomNormal(x.shape, mean, sigma, "float32", seed)).clipByValue(0, 1) as tf.Tensor4D);
}

export function addSaltAndPepper(x: tf.Tensor4D, rate: number, seed: number): tf.Tensor4D {
  checkLevel("salt-and-pepper rate", rate);
  return tf.tidy(() => {
    const u = tf.randomUniform(x.shape, 0, 1, "float32", seed);
    const pepper = u.less(rate / 2);
    const salt = u.greaterEqual(1 - rate / 2);
    return tf.where(pepper, tf.zerosLike(x), tf.where(salt, tf.onesLike(x), x));
  });
}

export function maskPixels(x: tf.Tensor4D, rate: number, seed: number): tf.Tensor4D {
  checkLevel("mask rate", rate);
  return tf.tidy(() => x.mul(tf.randomUniform(x.shape, 0, 1, "float32", seed).greaterEqual(rate).cast("float32")));
}

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

/** Keys' cubic convolution kernel with a = -0.5 (the usual "bicubic"). */
function cubicWeight(distance: number): number {
  const a = -0.5;
  const d = Math.abs(distance);
  if (d <= 1) return (a + 2) * d ** 3 - (a + 3) * d ** 2 + 1;
  if (d < 2) return a * d ** 3 - 5 * a * d ** 2 + 8 * a * d - 4 * a;
  return 0;
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
