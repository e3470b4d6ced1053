// The adversarial autoencoder (Makhzani et al., "Adversarial Autoencoders", arXiv 1511.05644): a dense autoencoder
// and a discriminator that tells the encoder's codes from samples of the prior N(0, I). Training (three steps per
// batch, each with its own optimizer and variables) is lib/training/adversarial.ts's job; the losses are in
// lib/training/losses.ts.
// Its encoder and decoder are dense-ae's with the same hidden sizes and code, with the same initial weights for the
// same seed (their layers are drawn first, in the same order): the plain autoencoder it is compared with differs
// only in how it was trained.
import * as tf from "@tensorflow/tfjs";
import {denseEncoderDecoder} from "./dense-autoencoder.js";
import {applyLayers, createLayerFactory} from "./layers.js";
import {assembleAutoencoder, type Autoencoder} from "./autoencoder.js";
import {MAX_LATENT_DIM, type AaeConfig} from "./config.js";

export const AAE_DEFAULTS = {latentDim: 2, hidden: [512], discriminatorHidden: [256, 256]} as const;

export function buildAdversarialAutoencoder(config: AaeConfig): Autoencoder {
  const latentDim = config.latentDim ?? AAE_DEFAULTS.latentDim;
  if (!(Number.isInteger(latentDim) && latentDim >= 1 && latentDim <= MAX_LATENT_DIM)) {
    throw new Error(`AAE latentDim must be an integer in 1..${MAX_LATENT_DIM}, got ${latentDim}`);
  }
  const layers = createLayerFactory(config.seed ?? 1);
  const hidden = config.hidden ?? [...AAE_DEFAULTS.hidden];
  const {encoder, decoder} = denseEncoderDecoder(layers, latentDim, hidden, "aae");
  // The discriminator outputs a logit, not a probability: the losses take log-sigmoids of it, which stay finite
  // where log(sigmoid(x)) would round to log(0). Leaky ReLUs, as in most adversarial networks: a unit that a
  // run of one-sided batches switched off still passes a gradient, so the discriminator cannot go blind.
  const code = tf.input({shape: [latentDim]});
  const logit = applyLayers(code, [
    ...(config.discriminatorHidden ?? AAE_DEFAULTS.discriminatorHidden).flatMap((units) => [
      layers.dense(units, "linear"),
      tf.layers.leakyReLU({alpha: 0.2})
    ]),
    layers.dense(1, "linear")
  ]);
  const discriminator = tf.model({inputs: code, outputs: logit, name: "aae_discriminator"});
  return assembleAutoencoder(config, encoder, decoder, false, discriminator);
}
