// Super-resolution: a 14x14 (scale 2) or 7x7 (scale 4) average-pooled image in, the 28x28 image out.
// Features are computed at low resolution (cheap), then each x2 upsampling is followed by a conv.
import * as tf from "@tensorflow/tfjs";
import {applyLayers, createLayerFactory, upSample} from "./layers.js";
import {assembleAutoencoder, type Autoencoder} from "./models.js";

export interface SuperResConfig {
  model: "super-res";
  scale: 2 | 4;
  /** Channels of the hidden convs (default 16). */
  filters?: number;
  seed?: number;
}

export function buildSuperResolution(config: SuperResConfig): Autoencoder {
  const {scale} = config;
  if (scale !== 2 && scale !== 4) throw new Error(`super-res scale must be 2 or 4, got ${String(scale)}`);
  const filters = config.filters ?? 16;
  const layers = createLayerFactory(config.seed ?? 1);
  const side = 28 / scale;
  const low = tf.input({shape: [side, side, 1]});
  const features = applyLayers(low, [layers.conv(filters, "relu"), layers.conv(filters, "relu")]);
  const encoder = tf.model({inputs: low, outputs: features, name: "super_res_encoder"});
  const featureInput = tf.input({shape: [side, side, filters]});
  // The last x2 step goes straight to the output channel: a full-resolution hidden conv costs 4x the rest.
  const steps = scale === 2 ? [] : [upSample(), layers.conv(filters, "relu")];
  const output = applyLayers(featureInput, [...steps, upSample(), layers.conv(1, "sigmoid")]);
  const decoder = tf.model({inputs: featureInput, outputs: output, name: "super_res_decoder"});
  return assembleAutoencoder(config, encoder, decoder, false);
}
