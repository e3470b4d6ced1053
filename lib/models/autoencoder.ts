// The common shape of every model of the lesson (an encoder and a decoder, built by one file per family) and what
// is done with one: encode, decode, reconstruct. The families import assembleAutoencoder from here; building a
// model by name is lib/models/registry.ts's job.
import * as tf from "@tensorflow/tfjs";
import type {ModelConfig} from "./config.js";

export interface Autoencoder {
  config: ModelConfig;
  /** Maps [n, ...inputShape] to the code, or for VAEs to [zMean, zLogSigma] (z_log_sigma = log of the std). */
  encoder: tf.LayersModel;
  /** Maps a code (flat [n, codeSize] or shaped like the encoder's output) to [n, 28, 28, 1]. */
  decoder: tf.LayersModel;
  isVariational: boolean;
  /** Shape of one input image: [28, 28, 1], or the low-resolution shape for super-resolution. */
  inputShape: [number, number, number];
  /** Number of numbers in one code (for VAEs: the latent dimension). */
  codeSize: number;
  /**
   * Adversarial autoencoders only: maps codes [n, codeSize] to one logit each, [n, 1], the discriminator's belief
   * D = sigmoid(logit) that a code is a sample of the prior rather than an image's code. Its weights travel and are
   * stored after the decoder's (lib/models/weights.ts), so that training can continue from a checkpoint.
   */
  discriminator?: tf.LayersModel;
  dispose(): void;
}

/** Wraps built encoder and decoder models into the common interface. */
export function assembleAutoencoder(
  config: ModelConfig,
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  isVariational: boolean,
  discriminator?: tf.LayersModel
): Autoencoder {
  const inputShape = encoder.inputs[0].shape.slice(1) as [number, number, number];
  const codeSize = (decoder.inputs[0].shape.slice(1) as number[]).reduce((a, b) => a * b, 1);
  return {
    config,
    encoder,
    decoder,
    isVariational,
    inputShape,
    codeSize,
    ...(discriminator ? {discriminator} : {}),
    dispose: () => {
      encoder.dispose();
      decoder.dispose();
      discriminator?.dispose();
    }
  };
}

/** The code of each input; for VAEs the mean of q(z|x), so that plots are deterministic. */
export function encode(model: Autoencoder, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const out = model.encoder.predict(x);
    return Array.isArray(out) ? out[0] : out;
  });
}

/** Decodes codes given flat ([n, codeSize]) or in the decoder's own input shape. */
export function decode(model: Autoencoder, z: tf.Tensor): tf.Tensor4D {
  return tf.tidy(() => {
    const shape = model.decoder.inputs[0].shape.slice(1) as number[];
    const code = z.reshape([z.shape[0], ...shape]);
    return model.decoder.predict(code) as tf.Tensor4D;
  });
}

/** Deterministic reconstruction (no sampling for VAEs): decode(encode(x)). */
export function reconstruct(model: Autoencoder, x: tf.Tensor): tf.Tensor4D {
  return tf.tidy(() => decode(model, encode(model, x)));
}

/** Trainable numbers in all of the model's networks (an adversarial autoencoder's discriminator included). */
export function countParams(model: Autoencoder): number {
  return model.encoder.countParams() + model.decoder.countParams() + (model.discriminator?.countParams() ?? 0);
}
