// Builds a model from its configuration. Only maps a name to its builder: the builders share the assembly in
// lib/models/autoencoder.ts, and nothing imports this module but the code that builds models by name.
import {buildAdversarialAutoencoder} from "./adversarial-autoencoder.js";
import {buildConvAutoencoder} from "./conv-autoencoder.js";
import {buildDenseAutoencoder} from "./dense-autoencoder.js";
import {buildSuperResolution} from "./super-resolution.js";
import {buildConvVae, buildDenseVae} from "./vae.js";
import type {Autoencoder} from "./autoencoder.js";
import type {ModelConfig} from "./config.js";

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
    case "aae":
      return buildAdversarialAutoencoder(config);
  }
}
