// The curve of PSNR against noise level (noisy input vs the denoiser's output), run in the training worker.
import * as tf from "@tensorflow/tfjs";
import {corrupt} from "./corruptions.js";
import {psnr} from "./metrics.js";
import {reconstruct, type Autoencoder} from "../models/autoencoder.js";
import {PSNR_CEILING} from "./image-error.js";
import {corruptionAt, type NoiseKind} from "./noise.js";

/** Mean over images of min(PSNR, ceiling). */
export async function meanPsnr(reference: tf.Tensor4D, test: tf.Tensor4D): Promise<number> {
  const values = psnr(reference, test);
  const data = await values.data();
  values.dispose();
  let sum = 0;
  for (const v of data) sum += Math.min(v, PSNR_CEILING);
  return sum / data.length;
}

export interface DenoisingCurve {
  levels: number[];
  /** Mean PSNR (dB) of the corrupted inputs against the clean images, one per level. */
  noisy: number[];
  /** Mean PSNR (dB) of the model's outputs against the clean images. */
  denoised: number[];
}

/** PSNR of noisy inputs and of their reconstructions at each level, over the images `clean` [n, 28, 28, 1]. */
export async function measureDenoisingCurve(
  model: Autoencoder,
  clean: tf.Tensor4D,
  kind: NoiseKind,
  levels: readonly number[],
  seed = 7
): Promise<DenoisingCurve> {
  const curve: DenoisingCurve = {levels: [...levels], noisy: [], denoised: []};
  for (const level of levels) {
    const noisy = corrupt(clean, corruptionAt(kind, level), seed);
    const output = reconstruct(model, noisy);
    curve.noisy.push(await meanPsnr(clean, noisy));
    curve.denoised.push(await meanPsnr(clean, output));
    noisy.dispose();
    output.dispose();
  }
  return curve;
}
