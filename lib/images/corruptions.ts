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
