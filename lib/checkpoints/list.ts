// The checkpoints the site ships (data/checkpoints/): each one's model and settings. Every one trains on all
// 60,000 training images until its test loss plateaus (lib/checkpoints/plateau.ts). Ordered by what the lesson needs first:
// `npm run checkpoints` trains in this order, so an interrupted run has the lesson's own rows.
import type {Corruption} from "../images/corruptions.js";
import type {ModelConfig} from "../models/config.js";
import type {WeightDtype} from "./format.js";
import {DEFAULT_SCHEDULE, type Schedule} from "./plateau.js";

export interface CheckpointSpec {
  name: string;
  config: ModelConfig;
  corruption?: Corruption;
  klWeight?: number;
  /** Start from this checkpoint's shipped weights (as the lesson's denoiser starts from its autoencoder). */
  initFrom?: string;
  /** How the weights are stored: the dense models' big layers as 8-bit codes, the tiny conv models as float16. */
  dtype: WeightDtype;
  /** A longer schedule than DEFAULT_SCHEDULE, where the lesson's number needs it. */
  schedule?: Schedule;
}

const gaussian = (sigma: number, mean = 0): Corruption => ({kind: "gaussian", sigma, mean});

const denseVae = (latentDim: number, klWeight: number): CheckpointSpec => ({
  name: `dense-vae-latent${latentDim}${klWeight === 1 ? "" : `-kl${klWeight}`}`,
  config: {model: "dense-vae", latentDim},
  klWeight,
  dtype: "uint8"
});

export const CHECKPOINT_SPECS: CheckpointSpec[] = [
  {name: "conv-ae", config: {model: "conv-ae"}, dtype: "float16"},
  // The default schedule stopped this one at 36.5 under the notebook's formula (its number: 35.73): its test loss
  // wobbles at the first rate, so its plateaus are judged over 3 epochs, and a third, lower rate follows.
  {...denseVae(2, 1), schedule: {window: 3, phases: 3}},
  {name: "super-res-lesson-x2", config: {model: "super-res", scale: 2, network: "lesson"}, dtype: "float16"},
  // The embeddings page's dense autoencoder: 784-128-2.
  {name: "dense-ae-latent2", config: {model: "dense-ae", latentDim: 2}, dtype: "uint8"},
  // The lesson's own denoising noise, N(0.5, 0.5^2) clipped, continued from the autoencoder as in the notebook.
  {
    name: "conv-ae-noise0.5-mean0.5",
    config: {model: "conv-ae"},
    corruption: gaussian(0.5, 0.5),
    initFrom: "conv-ae",
    dtype: "float16"
  },
  // The VAE page's "Autoencoder against VAE": dense, hidden [512], a 2-D code.
  {name: "dense-ae-h512-latent2", config: {model: "dense-ae", latentDim: 2, hidden: [512]}, dtype: "uint8"},
  // The adversarial autoencoder page's model.
  {name: "aae-latent2", config: {model: "aae"}, dtype: "uint8"},
  ...[0.1, 0.3, 0.5, 0.7].map((sigma): CheckpointSpec => ({
    name: `conv-ae-noise${sigma}`,
    config: {model: "conv-ae"},
    corruption: gaussian(sigma),
    initFrom: "conv-ae",
    dtype: "float16"
  })),
  // The VAE page's assignment solution: its loss stands beside the dense VAE's.
  {name: "conv-vae-latent2", config: {model: "conv-vae", latentDim: 2}, klWeight: 1, dtype: "float16"},
  ...([2, 4] as const).map((scale): CheckpointSpec => ({
    name: `super-res-x${scale}`,
    config: {model: "super-res", scale},
    dtype: "float16"
  })),
  {name: "conv-ae-latent2", config: {model: "conv-ae", latentDim: 2}, dtype: "float16"},
  denseVae(2, 0.1),
  denseVae(2, 4),
  ...[8, 32].map((latentDim): CheckpointSpec => ({
    name: `conv-ae-latent${latentDim}`,
    config: {model: "conv-ae", latentDim},
    dtype: "float16"
  })),
  denseVae(8, 1),
  denseVae(32, 1)
];

export function scheduleOf(spec: CheckpointSpec): Schedule {
  return spec.schedule ?? DEFAULT_SCHEDULE;
}

export function findSpec(name: string): CheckpointSpec | undefined {
  return CHECKPOINT_SPECS.find((spec) => spec.name === name);
}
