// The models' configurations: what a checkpoint, a page or the CLI names to build a model (lib/models/registry.ts
// builds it). Plain data (no TensorFlow.js), so that a page can describe its model before the heavy modules load.

export interface ConvAeConfig {
  model: "conv-ae";
  /** Undefined: the lesson's 4x4x8 code; a number: a dense bottleneck of that size. */
  latentDim?: number;
  /** Seed of the weight initialisation (default 1). */
  seed?: number;
}

export interface DenseAeConfig {
  model: "dense-ae";
  /** Size of the code (default 32). */
  latentDim?: number;
  /** Hidden layer sizes of the encoder, mirrored in the decoder (default [128]). */
  hidden?: number[];
  seed?: number;
}

export interface SuperResConfig {
  model: "super-res";
  scale: 2 | 4;
  /** "lesson": the notebook's bottlenecked network (scale 2 only); default "site". */
  network?: SuperResNetwork;
  /** Channels of the hidden convs of the "site" network (default 16). */
  filters?: number;
  seed?: number;
}

export type SuperResNetwork = "lesson" | "site";

export interface DenseVaeConfig {
  model: "dense-vae";
  /** 1..64 (default 2). */
  latentDim?: number;
  /** Hidden layer size (default 512, the lesson's). */
  hidden?: number;
  seed?: number;
}

export interface ConvVaeConfig {
  model: "conv-vae";
  /** 1..64 (default 2). */
  latentDim?: number;
  seed?: number;
}

/** The adversarial autoencoder (Makhzani et al. 2015): a dense autoencoder whose codes a discriminator compares with
 *  samples of the prior N(0, I). Its encoder and decoder are dense-ae's of the same `hidden` and `latentDim`. */
export interface AaeConfig {
  model: "aae";
  /** Size of the code (default 2, so that the codes can be plotted over samples of the prior). */
  latentDim?: number;
  /** Hidden layer sizes of the encoder, mirrored in the decoder (default [512]). */
  hidden?: number[];
  /** Hidden layer sizes of the discriminator (default [256, 256]). */
  discriminatorHidden?: number[];
  seed?: number;
}

export const MAX_LATENT_DIM = 64;

export type ModelConfig = ConvAeConfig | DenseAeConfig | SuperResConfig | DenseVaeConfig | ConvVaeConfig | AaeConfig;

export type ModelName = ModelConfig["model"];

export const MODEL_NAMES: readonly ModelName[] = ["conv-ae", "dense-ae", "super-res", "dense-vae", "conv-vae", "aae"];

export const IMAGE_SIZE = 28 * 28;

/** The lesson's configuration of each model (super-resolution: x2). */
export function defaultModelConfig(name: ModelName): ModelConfig {
  return name === "super-res" ? {model: name, scale: 2} : {model: name};
}
