// The views' computations with the page's copy of the model (denoising, upscaling, reconstructing a few digits,
// decoding codes of the VAE's latent space).
// Views import this module lazily: it needs TensorFlow.js, and until it has loaded they draw the worker's probe
// (or the build-time preview) instead, so that their first results do not wait for TensorFlow.js on the page.
// Results leave tf.tidy through a variable, not as its return value: tidy walks what its function returns looking
// for tensors, one element of a typed array at a time.
import * as tf from "@tensorflow/tfjs";
import {corrupt, type Corruption} from "../lib/images/corruptions.js";
import {downscale, upscale, type ScaleFactor} from "../lib/images/resampling.js";
import {psnr, ssim} from "../lib/images/metrics.js";
import {decode, encode, reconstruct, type Autoencoder} from "../lib/models/autoencoder.js";
import {interpolate} from "../lib/latent/codes.js";
import {probeNoiseSeed} from "../lib/training/evaluation.js";

export interface DenoisedDigits {
  noisy: Float32Array;
  noisyPsnr: Float32Array;
  denoised?: Float32Array;
  denoisedPsnr?: Float32Array;
}

/**
 * `count` clean 28x28 digits corrupted as the worker's first probe corrupts them (same seed: moving the slider back
 * to the trained level shows the very picture the worker showed), and the model's answers.
 */
export function denoiseDigits(
  model: Autoencoder | undefined,
  clean: Float32Array,
  count: number,
  corruption: Corruption
): DenoisedDigits {
  let result!: DenoisedDigits;
  tf.tidy(() => {
    const x = tf.tensor4d(clean, [count, 28, 28, 1]);
    const corrupted = corrupt(x, corruption, probeNoiseSeed());
    result = {
      noisy: corrupted.dataSync() as Float32Array,
      noisyPsnr: psnr(x, corrupted).dataSync() as Float32Array
    };
    if (model) {
      const output = reconstruct(model, corrupted);
      result.denoised = output.dataSync() as Float32Array;
      result.denoisedPsnr = psnr(x, output).dataSync() as Float32Array;
    }
  });
  return result;
}

export interface QualityScores {
  psnr: number;
  ssim: number;
}

export interface UpscaledDigits {
  low: Float32Array;
  nearest: Float32Array;
  bicubic: Float32Array;
  output?: Float32Array;
  scores: {nearest: QualityScores; bicubic: QualityScores; model?: QualityScores};
}

const average = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0) / values.length;

/** `count` 28x28 digits shrunk by `scale`, then enlarged by two classical methods and by the model. */
export function upscaleDigits(
  model: Autoencoder | undefined,
  clean: Float32Array,
  count: number,
  scale: ScaleFactor
): UpscaledDigits {
  let result!: UpscaledDigits;
  tf.tidy(() => {
    const target = tf.tensor4d(clean, [count, 28, 28, 1]);
    const score = (image: tf.Tensor4D): QualityScores => ({
      psnr: average(psnr(target, image).dataSync()),
      ssim: average(ssim(target, image).dataSync())
    });
    const low = downscale(target, scale);
    const nearest = upscale(low, scale, "nearest");
    const bicubic = upscale(low, scale, "bicubic");
    const output = model ? reconstruct(model, low) : undefined;
    result = {
      low: low.dataSync() as Float32Array,
      nearest: nearest.dataSync() as Float32Array,
      bicubic: bicubic.dataSync() as Float32Array,
      output: output?.dataSync() as Float32Array | undefined,
      scores: {nearest: score(nearest), bicubic: score(bicubic), model: output ? score(output) : undefined}
    };
  });
  return result;
}

/** The model's reconstructions of `count` 28x28 images. */
export function reconstructDigits(model: Autoencoder, images: Float32Array, count: number): Float32Array {
  let outputs!: Float32Array;
  tf.tidy(() => {
    outputs = reconstruct(model, tf.tensor4d(images, [count, 28, 28, 1])).dataSync() as Float32Array;
  });
  return outputs;
}

/** The images the model's decoder draws for `count` codes (flat, one after another). */
export function decodeCodes(model: Autoencoder, codes: Float32Array, count: number): Float32Array {
  let images!: Float32Array;
  tf.tidy(() => {
    images = decode(model, tf.tensor2d(codes, [count, codes.length / count])).dataSync() as Float32Array;
  });
  return images;
}

/**
 * The images the decoder draws for `count` codes drawn from the prior N(0, I). The draw is seeded: the same seed
 * gives the same codes, so that two models can be shown the same ones, and a view redrawn for new weights keeps
 * its codes.
 */
export function decodePriorSamples(model: Autoencoder, count: number, seed: number): Float32Array {
  let images!: Float32Array;
  tf.tidy(() => {
    const codes = tf.randomNormal([count, model.codeSize], 0, 1, "float32", seed);
    images = decode(model, codes).dataSync() as Float32Array;
  });
  return images;
}

/**
 * The images the decoder draws for `steps` evenly spaced points on the straight line between the codes of two
 * 28x28 images (for a VAE, the means of their clouds), both ends included.
 */
export function decodeLatentLine(
  model: Autoencoder,
  from: Float32Array,
  to: Float32Array,
  steps: number
): Float32Array {
  let images!: Float32Array;
  tf.tidy(() => {
    const ends = encode(model, tf.tensor4d([...from, ...to], [2, 28, 28, 1])).reshape([2, -1]);
    const size = ends.shape[1]!;
    const codes = ends.dataSync();
    const line = interpolate(codes.subarray(0, size), codes.subarray(size), steps);
    images = decode(model, tf.tensor2d(line, [steps, size])).dataSync() as Float32Array;
  });
  return images;
}
