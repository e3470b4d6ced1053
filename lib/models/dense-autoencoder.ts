// A fully connected autoencoder: 784 - hidden... - code - ...hidden - 784.
import * as tf from "@tensorflow/tfjs";
import {applyLayers, createLayerFactory, type LayerFactory} from "./layers.js";
import {assembleAutoencoder, type Autoencoder} from "./autoencoder.js";
import type {DenseAeConfig} from "./config.js";

/** The dense encoder and decoder, their layers drawn from `layers` in order (the adversarial autoencoder's too). */
export function denseEncoderDecoder(
  layers: LayerFactory,
  latentDim: number,
  hidden: number[],
  name: string
): {encoder: tf.LayersModel; decoder: tf.LayersModel} {
  const image = tf.input({shape: [28, 28, 1]});
  // A linear code: a ReLU code would clip half of a 2-D embedding away.
  const code = applyLayers(image, [
    tf.layers.flatten(),
    ...hidden.map((units) => layers.dense(units, "relu")),
    layers.dense(latentDim, "linear")
  ]);
  const encoder = tf.model({inputs: image, outputs: code, name: `${name}_encoder`});
  const codeInput = tf.input({shape: [latentDim]});
  const output = applyLayers(codeInput, [
    ...[...hidden].reverse().map((units) => layers.dense(units, "relu")),
    layers.dense(28 * 28, "sigmoid"),
    tf.layers.reshape({targetShape: [28, 28, 1]})
  ]);
  const decoder = tf.model({inputs: codeInput, outputs: output, name: `${name}_decoder`});
  return {encoder, decoder};
}

export function buildDenseAutoencoder(config: DenseAeConfig): Autoencoder {
  const layers = createLayerFactory(config.seed ?? 1);
  const {encoder, decoder} = denseEncoderDecoder(layers, config.latentDim ?? 32, config.hidden ?? [128], "dense_ae");
  return assembleAutoencoder(config, encoder, decoder, false);
}
