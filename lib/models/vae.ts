// Variational autoencoders. Convention, used by sampling and by the KL term alike (lib/training/losses.ts):
//   z_log_sigma = log of the standard deviation of q(z|x);  z = z_mean + exp(z_log_sigma) * eps, eps ~ N(0, I).
// The encoder outputs [zMean, zLogSigma]; sampling happens in the loss (lib/training/losses.ts), not in a layer, so that
// the same encoder serves deterministic plots (the mean) and training (a sample).
import * as tf from "@tensorflow/tfjs";
import {convDecoderLayers, convEncoderLayers, latentToFeatureMapLayers} from "./conv-autoencoder.js";
import {applyLayers, createLayerFactory} from "./layers.js";
import {assembleAutoencoder, type Autoencoder} from "./autoencoder.js";
import {MAX_LATENT_DIM, type ConvVaeConfig, type DenseVaeConfig} from "./config.js";

function checkLatentDim(latentDim: number): number {
  if (!(Number.isInteger(latentDim) && latentDim >= 1 && latentDim <= MAX_LATENT_DIM)) {
    throw new Error(`VAE latentDim must be an integer in 1..${MAX_LATENT_DIM}, got ${latentDim}`);
  }
  return latentDim;
}

/** The lesson's VAE: 784-512-(z_mean, z_log_sigma), decoder latent-512-784. */
export function buildDenseVae(config: DenseVaeConfig): Autoencoder {
  const latentDim = checkLatentDim(config.latentDim ?? 2);
  const hidden = config.hidden ?? 512;
  const layers = createLayerFactory(config.seed ?? 1);
  const image = tf.input({shape: [28, 28, 1]});
  const h = applyLayers(image, [tf.layers.flatten(), layers.dense(hidden, "relu")]);
  const zMean = layers.dense(latentDim, "linear").apply(h) as tf.SymbolicTensor;
  const zLogSigma = layers.dense(latentDim, "linear").apply(h) as tf.SymbolicTensor;
  const encoder = tf.model({inputs: image, outputs: [zMean, zLogSigma], name: "dense_vae_encoder"});
  const z = tf.input({shape: [latentDim]});
  const output = applyLayers(z, [
    layers.dense(hidden, "relu"),
    layers.dense(28 * 28, "sigmoid"),
    tf.layers.reshape({targetShape: [28, 28, 1]})
  ]);
  const decoder = tf.model({inputs: z, outputs: output, name: "dense_vae_decoder"});
  return assembleAutoencoder(config, encoder, decoder, true);
}

/** The lesson's conv encoder and decoder, joined through a Gaussian latent of `latentDim` numbers. */
export function buildConvVae(config: ConvVaeConfig): Autoencoder {
  const latentDim = checkLatentDim(config.latentDim ?? 2);
  const layers = createLayerFactory(config.seed ?? 1);
  const image = tf.input({shape: [28, 28, 1]});
  const features = applyLayers(image, [...convEncoderLayers(layers), tf.layers.flatten()]);
  const zMean = layers.dense(latentDim, "linear").apply(features) as tf.SymbolicTensor;
  const zLogSigma = layers.dense(latentDim, "linear").apply(features) as tf.SymbolicTensor;
  const encoder = tf.model({inputs: image, outputs: [zMean, zLogSigma], name: "conv_vae_encoder"});
  const z = tf.input({shape: [latentDim]});
  const output = applyLayers(z, [...latentToFeatureMapLayers(layers), ...convDecoderLayers(layers)]);
  const decoder = tf.model({inputs: z, outputs: output, name: "conv_vae_decoder"});
  return assembleAutoencoder(config, encoder, decoder, true);
}
