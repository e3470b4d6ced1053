// Super-resolution: a 14x14 (scale 2) or 7x7 (scale 4) average-pooled image in, the 28x28 image out. Two networks:
// - "lesson" (x2 only), AutoencodersTF.ipynb's: conv16-pool-conv8-pool squeezes the 14x14 input to a 4x4x8 code,
//   then the conv autoencoder's decoder draws 28x28 from it. The code is a bottleneck, as in every autoencoder.
// - "site" (the default): features stay at the input's resolution (no pooling, no bottleneck), then each x2
//   upsampling is followed by a conv. It keeps every input pixel's detail, so it scores higher.
import * as tf from "@tensorflow/tfjs";
import {convDecoderLayers} from "./conv-autoencoder.js";
import {applyLayers, createLayerFactory, maxPool, upSample} from "./layers.js";
import {assembleAutoencoder, type Autoencoder} from "./autoencoder.js";
import type {SuperResConfig} from "./config.js";

export function buildSuperResolution(config: SuperResConfig): Autoencoder {
  const {scale} = config;
  if (scale !== 2 && scale !== 4) throw new Error(`super-res scale must be 2 or 4, got ${String(scale)}`);
  if (config.network === "lesson") return buildLessonSuperResolution(config);
  const filters = config.filters ?? 16;
  const layers = createLayerFactory(config.seed ?? 1);
  const side = 28 / scale;
  const low = tf.input({shape: [side, side, 1]});
  const features = applyLayers(low, [layers.conv(filters, "relu"), layers.conv(filters, "relu")]);
  const encoder = tf.model({inputs: low, outputs: features, name: "super_res_encoder"});
  const featureInput = tf.input({shape: [side, side, filters]});
  // The last x2 step goes straight to the output channel: a full-resolution hidden conv costs 4x the rest.
  const steps = scale === 2 ? [] : [upSample(), layers.conv(filters, "relu")];
  const output = applyLayers(featureInput, [...steps, layers.upSampleConv(1)]);
  const decoder = tf.model({inputs: featureInput, outputs: output, name: "super_res_decoder"});
  return assembleAutoencoder(config, encoder, decoder, false);
}

function buildLessonSuperResolution(config: SuperResConfig): Autoencoder {
  if (config.scale !== 2) throw new Error(`the lesson's super-resolution network is x2 only, got x${config.scale}`);
  const layers = createLayerFactory(config.seed ?? 1);
  const low = tf.input({shape: [14, 14, 1]});
  const code = applyLayers(low, [layers.convPool(16), layers.conv(8, "relu"), maxPool()]);
  const encoder = tf.model({inputs: low, outputs: code, name: "super_res_lesson_encoder"});
  const codeInput = tf.input({shape: [4, 4, 8]});
  const decoder = tf.model({
    inputs: codeInput,
    outputs: applyLayers(codeInput, convDecoderLayers(layers)),
    name: "super_res_lesson_decoder"
  });
  return assembleAutoencoder(config, encoder, decoder, false);
}
