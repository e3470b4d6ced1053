// The pretrained checkpoints shipped with the site (data/checkpoints/manifest.json, written by
// lib/node/checkpoints.ts) and the rule that picks one for the reader's settings. DOM-free: the training
// worker uses it, and unit tests check it.
import type {Corruption} from "../images/corruptions.js";
import type {ModelConfig} from "../models/config.js";
import type {CurvePoint, StopReason} from "./plateau.js";
import type {EmbeddingQuality} from "../training/evaluation.js";
import {en, type Strings} from "../i18n/en.js";

export const CHECKPOINT_MANIFEST_VERSION = 1;

/** Test-set metrics, averaged over the images (measured after the weights were stored, i.e. quantised). */
export interface CheckpointMetrics {
  count: number;
  loss: number;
  reconstruction: number;
  kl?: number;
  psnr: number;
  ssim: number;
}

export interface CheckpointEntry {
  /** Short unique name, e.g. "conv-ae-latent2"; `npm run checkpoints -- --only <name>` regenerates it. */
  name: string;
  /** File name inside data/checkpoints/. */
  file: string;
  bytes: number;
  config: ModelConfig;
  corruption?: Corruption;
  /** KL weight the VAE was trained with (absent for plain autoencoders). */
  klWeight?: number;
  /** Epochs and training images per epoch of this checkpoint alone... */
  epochs: number;
  samples: number;
  /** ...and in all, counting the checkpoint it started from (denoisers continue from the plain autoencoder). */
  totalEpochs: number;
  initFrom?: string;
  batchSize: number;
  learningRate: number;
  seed: number;
  dtype: string;
  trainSeconds: number;
  /** On all test images, and on the first 1,000 (which tests re-measure quickly). */
  test: CheckpointMetrics;
  testSlice?: CheckpointMetrics;
  /** Why training stopped: its test loss plateaued, or it reached the epoch cap (lib/checkpoints/plateau.ts). */
  stopped?: StopReason;
  /** Test loss after each epoch. */
  curve?: CurvePoint[];
  /** VAEs: the test loss with the lesson notebook's KL formula, the number its 35.73 compares with. */
  lessonLoss?: number;
  /** 2-number codes: kNN accuracy against PCA's on the test set. */
  embedding?: EmbeddingQuality;
}

export interface CheckpointManifest {
  version: number;
  /** The command that regenerates every file listed here. */
  command: string;
  testImages: number;
  checkpoints: CheckpointEntry[];
}

/** What the session is asked to train: the model and the settings a checkpoint may differ in. */
export interface CheckpointRequest {
  model: ModelConfig;
  corruption?: Corruption;
  klWeight?: number;
}

/** The request for a session's settings (or anything with a model and the settings a checkpoint may differ in). */
export function checkpointRequestOf(settings: CheckpointRequest): CheckpointRequest {
  return {model: settings.model, corruption: settings.corruption, klWeight: settings.klWeight};
}

export interface CheckpointChoice {
  entry: CheckpointEntry;
  /** True when the checkpoint was trained with exactly the requested settings. */
  exact: boolean;
}

/** The config without its seed (the seed only sets the initial weights, which a checkpoint replaces). */
function architectureKey(config: ModelConfig): string {
  const entries = Object.entries(config).filter(([key, value]) => key !== "seed" && value !== undefined);
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** A corruption's strength on one scale: the sigma or rate; 0 for clean inputs. */
export function corruptionLevel(corruption: Corruption | undefined): number {
  if (!corruption) return 0;
  return corruption.kind === "gaussian" ? corruption.sigma : corruption.rate;
}

function corruptionKind(corruption: Corruption | undefined): string {
  if (!corruption) return "none";
  return corruption.kind === "gaussian" ? `gaussian:${corruption.mean ?? 0}` : corruption.kind;
}

/**
 * How far a checkpoint's settings are from the requested ones: another kind of noise costs more than any level,
 * then the difference in noise level, then the ratio of KL weights (on a log scale: 0.1 to 1 is as far as 1 to 10).
 */
function distance(entry: CheckpointEntry, request: CheckpointRequest): number {
  const kind = corruptionKind(entry.corruption) === corruptionKind(request.corruption) ? 0 : 10;
  const level = Math.abs(corruptionLevel(entry.corruption) - corruptionLevel(request.corruption));
  const kl = Math.abs(Math.log10(entry.klWeight ?? 1) - Math.log10(request.klWeight ?? 1));
  return kind + level + kl;
}

/** The checkpoint with the same architecture and the nearest other settings; undefined when none fits. */
export function chooseCheckpoint(
  manifest: CheckpointManifest,
  request: CheckpointRequest
): CheckpointChoice | undefined {
  const key = architectureKey(request.model);
  let best: {entry: CheckpointEntry; distance: number} | undefined;
  for (const entry of manifest.checkpoints) {
    if (architectureKey(entry.config) !== key) continue;
    const d = distance(entry, request);
    if (!best || d < best.distance) best = {entry, distance: d};
  }
  // Settings read from sliders come with float noise (0.30000000000000004): "exact" allows for it.
  return best && {entry: best.entry, exact: best.distance < 1e-9};
}

/** "Noise level 0.3", "KL weight 4": how a checkpoint's settings read in the controls, in `strings`' language. */
export function describeSettings(
  settings: {corruption?: Corruption; klWeight?: number},
  strings: Strings = en
): string {
  const text = strings.checkpoints;
  const parts: string[] = [];
  const corruption = settings.corruption;
  if (corruption) {
    const mean = corruption.kind === "gaussian" && corruption.mean ? text.noiseMean(corruption.mean) : "";
    parts.push(`${text.noiseLevel(round(corruptionLevel(corruption)))}${text.noiseKinds[corruption.kind]}${mean}`);
  }
  if (settings.klWeight !== undefined) parts.push(text.klWeight(round(settings.klWeight)));
  return parts.join(", ");
}

const round = (x: number): number => Number(x.toFixed(3));

/** What the controls say about where a new model's weights came from. */
export interface CheckpointNote {
  /** The checkpoint's name; undefined when none fits the model (random weights). */
  name?: string;
  exact: boolean;
  /** The checkpoint's settings, and the training it had in all. */
  settings?: {corruption?: Corruption; klWeight?: number};
  epochs?: number;
  samples?: number;
  /** Set when the weights are the reader's own, trained on this page and kept in this browser (no checkpoint name). */
  restored?: {steps: number; savedAt: number};
  /** One sentence for the reader, in the page's language. */
  text: string;
}

/** The note for `choice` made for `request` (undefined choice: no checkpoint for this model), in `strings`' language. */
export function describeChoice(
  request: CheckpointRequest,
  choice: CheckpointChoice | undefined,
  strings: Strings = en
): CheckpointNote {
  const text = strings.checkpoints;
  if (!choice) return {exact: false, text: text.none};
  const {entry, exact} = choice;
  const settings = {
    ...(entry.corruption ? {corruption: entry.corruption} : {}),
    ...(entry.klWeight !== undefined ? {klWeight: entry.klWeight} : {})
  };
  const trained = text.trained(entry.totalEpochs, entry.test.loss);
  const sentence = exact
    ? text.exact(trained)
    : text.nearest(
        describeSettings(request, strings) || text.noNoise,
        describeSettings(entry, strings) || text.noNoise,
        trained
      );
  return {name: entry.name, exact, settings, epochs: entry.totalEpochs, samples: entry.samples, text: sentence};
}
