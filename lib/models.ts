// One entry point for every model of the lesson: a typed config in, a common Autoencoder out.
import * as tf from "@tensorflow/tfjs";
import {buildConvAutoencoder, type ConvAeConfig} from "./conv-autoencoder.js";
import {buildDenseAutoencoder, type DenseAeConfig} from "./dense-autoencoder.js";
import {buildSuperResolution, type SuperResConfig} from "./super-resolution.js";
import {buildConvVae, buildDenseVae, type ConvVaeConfig, type DenseVaeConfig} from "./vae.js";

export type {ConvAeConfig, DenseAeConfig, SuperResConfig, DenseVaeConfig, ConvVaeConfig};

export type ModelConfig = ConvAeConfig | DenseAeConfig | SuperResConfig | DenseVaeConfig | ConvVaeConfig;
export type ModelName = ModelConfig["model"];
export const MODEL_NAMES: readonly ModelName[] = ["conv-ae", "dense-ae", "super-res", "dense-vae", "conv-vae"];

/** Images are 28x28x1, values in [0, 1]. */
export const IMAGE_SHAPE: [number, number, number] = [28, 28, 1];
export const IMAGE_SIZE = 28 * 28;

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
  dispose(): void;
}

export function buildModel(config: ModelConfig): Autoencoder {
  switch (config.model) {
    case "conv-ae":
      return buildConvAutoencoder(config);
    case "dense-ae":
      return buildDenseAutoencoder(config);
    case "super-res":
      return buildSuperResolution(config);
    case "dense-vae":
      return buildDenseVae(config);
    case "conv-vae":
      return buildConvVae(config);
  }
}

/** The lesson's configuration of each model (super-resolution: x2). */
export function defaultModelConfig(name: ModelName): ModelConfig {
  return name === "super-res" ? {model: name, scale: 2} : {model: name};
}

/** Wraps built encoder and decoder models into the common interface. */
export function assembleAutoencoder(
  config: ModelConfig,
  encoder: tf.LayersModel,
  decoder: tf.LayersModel,
  isVariational: boolean
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
    dispose: () => {
      encoder.dispose();
      decoder.dispose();
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

export function countParams(model: Autoencoder): number {
  return model.encoder.countParams() + model.decoder.countParams();
}
