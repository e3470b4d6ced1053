// A fully connected autoencoder: 784 - hidden... - code - ...hidden - 784.
import * as tf from "@tensorflow/tfjs";
import {applyLayers, createLayerFactory} from "./layers.js";
import {assembleAutoencoder, type Autoencoder} from "./autoencoder.js";
import type {DenseAeConfig} from "./config.js";

export function buildDenseAutoencoder(config: DenseAeConfig): Autoencoder {
  const latentDim = config.latentDim ?? 32;
  const hidden = config.hidden ?? [128];
  const layers = createLayerFactory(config.seed ?? 1);
  const image = tf.input({shape: [28, 28, 1]});
  // A linear code: a ReLU code would clip half of a 2-D embedding away.
  const code = applyLayers(image, [
    tf.layers.flatten(),
    ...hidden.map((units) => layers.dense(units, "relu")),
    layers.dense(latentDim, "linear")
  ]);
  const encoder = tf.model({inputs: image, outputs: code, name: "dense_ae_encoder"});
  const codeInput = tf.input({shape: [latentDim]});
  const output = applyLayers(codeInput, [
    ...[...hidden].reverse().map((units) => layers.dense(units, "relu")),
    layers.dense(28 * 28, "sigmoid"),
    tf.layers.reshape({targetShape: [28, 28, 1]})
  ]);
  const decoder = tf.model({inputs: codeInput, outputs: output, name: "dense_ae_decoder"});
  return assembleAutoencoder(config, encoder, decoder, false);
}
