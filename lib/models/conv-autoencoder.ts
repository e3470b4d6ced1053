// The lesson's convolutional autoencoder (AutoencodersTF.ipynb; the bench's PyTorch baseline trains the same one):
// encoder conv16-pool-conv8-pool-conv8-pool to a 4x4x8 code, decoder conv8-up-conv8-up-conv16(valid)-up-conv1.
// With `latentDim` a dense layer squeezes the 4x4x8 map to that many numbers, so that a 2-D code can be plotted.
import * as tf from "@tensorflow/tfjs";
import {applyLayers, createLayerFactory, maxPool, upSample, type LayerFactory} from "./layers.js";
import {assembleAutoencoder, type Autoencoder} from "./autoencoder.js";
import type {ConvAeConfig} from "./config.js";

export const CONV_CODE_SHAPE: [number, number, number] = [4, 4, 8];
const CONV_CODE_SIZE = 4 * 4 * 8;

/** 28x28x1 to the 4x4x8 feature map. */
export function convEncoderLayers(layers: LayerFactory): tf.layers.Layer[] {
  return [layers.convPool(16), layers.conv(8, "relu"), maxPool(), layers.conv(8, "relu"), maxPool()];
}

/** The 4x4x8 feature map to 28x28x1: 4-8-16, then a valid conv 16-14, then 28. */
export function convDecoderLayers(layers: LayerFactory): tf.layers.Layer[] {
  return [
    layers.conv(8, "relu"),
    upSample(),
    layers.conv(8, "relu"),
    upSample(),
    layers.conv(16, "relu", "valid"),
    layers.upSampleConv(1)
  ];
}

/** Dense code of `latentDim` numbers back to a 4x4x8 map, for the bottlenecked variants. */
export function latentToFeatureMapLayers(layers: LayerFactory): tf.layers.Layer[] {
  return [layers.dense(CONV_CODE_SIZE, "relu"), tf.layers.reshape({targetShape: CONV_CODE_SHAPE})];
}

export function buildConvAutoencoder(config: ConvAeConfig): Autoencoder {
  const {latentDim} = config;
  if (latentDim !== undefined && !(Number.isInteger(latentDim) && latentDim >= 1)) {
    throw new Error(`conv-ae latentDim must be a positive integer, got ${latentDim}`);
  }
  const layers = createLayerFactory(config.seed ?? 1);
  const image = tf.input({shape: [28, 28, 1]});
  const features = applyLayers(image, convEncoderLayers(layers));
  const code =
    latentDim === undefined
      ? features
      : applyLayers(features, [tf.layers.flatten(), layers.dense(latentDim, "linear")]);
  const encoder = tf.model({inputs: image, outputs: code, name: "conv_ae_encoder"});

  const codeInput = tf.input({shape: latentDim === undefined ? CONV_CODE_SHAPE : [latentDim]});
  const map = latentDim === undefined ? codeInput : applyLayers(codeInput, latentToFeatureMapLayers(layers));
  const decoder = tf.model({
    inputs: codeInput,
    outputs: applyLayers(map, convDecoderLayers(layers)),
    name: "conv_ae_decoder"
  });
  return assembleAutoencoder(config, encoder, decoder, false);
}
