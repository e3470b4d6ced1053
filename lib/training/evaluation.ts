// How good a model is: its loss parts, PSNR and SSIM on a dataset (evaluateModel), its codes of a dataset, its
// reconstructions of the probe (the ten digits every page shows), and the measures the lesson's claims rest on:
// a 2-number code against PCA by kNN accuracy ("better than PCA"), the VAE loss with the notebook's KL formula
// (to compare with its number), and classical upscaling (the bar super-resolution must clear).
import * as tf from "@tensorflow/tfjs";
import {downscale, upscale, type ScaleFactor, type Upscaling} from "../images/resampling.js";
import type {Dataset} from "../data/dataset.js";
import {
  binaryCrossEntropy,
  computeLoss,
  defaultLossOptions,
  lessonNotebookKl,
  packLoss,
  unpackLoss,
  type LossOptions,
  type LossValues
} from "./losses.js";
import {knnAccuracy, type Embedding} from "../latent/knn.js";
import {psnr, ssim} from "../images/metrics.js";
import {encode, reconstruct, type Autoencoder} from "../models/autoencoder.js";
import {fitPca, projectPca} from "../latent/pca.js";
import {createRng} from "../random.js";
import type {Corruption} from "../images/corruptions.js";
import {datasetToTensor, modelInput, range} from "./inputs.js";

export function resolveLossOptions(model: Autoencoder, loss: Partial<LossOptions> | undefined): LossOptions {
  return {...defaultLossOptions(model), ...loss};
}

/** Running sums of loss parts, for epoch and evaluation averages. */
export class LossAverage {
  private sums: LossValues = {total: 0, reconstruction: 0};
  private weight = 0;

  add(values: LossValues, weight: number): void {
    this.sums.total += values.total * weight;
    this.sums.reconstruction += values.reconstruction * weight;
    if (values.kl !== undefined) this.sums.kl = (this.sums.kl ?? 0) + values.kl * weight;
    if (values.discriminator !== undefined)
      this.sums.discriminator = (this.sums.discriminator ?? 0) + values.discriminator * weight;
    if (values.generator !== undefined) this.sums.generator = (this.sums.generator ?? 0) + values.generator * weight;
    if (values.klPerDim) {
      const sums = (this.sums.klPerDim ??= values.klPerDim.map(() => 0));
      values.klPerDim.forEach((v, i) => (sums[i] += v * weight));
    }
    this.weight += weight;
  }

  mean(): LossValues {
    const w = this.weight || 1;
    const out: LossValues = {total: this.sums.total / w, reconstruction: this.sums.reconstruction / w};
    if (this.sums.kl !== undefined) out.kl = this.sums.kl / w;
    if (this.sums.discriminator !== undefined) out.discriminator = this.sums.discriminator / w;
    if (this.sums.generator !== undefined) out.generator = this.sums.generator / w;
    if (this.sums.klPerDim) out.klPerDim = this.sums.klPerDim.map((v) => v / w);
    return out;
  }
}

/**
 * A macrotask break, so that abort and pause requests (events, messages) are delivered between batches. Not
 * setTimeout(0): browsers make a timeout set from a timeout's callback wait at least 4 ms after five in a row (Node:
 * 1 ms), which a training loop taking one per batch would pay every step. Node has setImmediate, which runs after its
 * timers and I/O; a browser (or its worker) gets a message to itself, queued behind the page's messages.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as {setImmediate?: (callback: () => void) => void};
  if (g.setImmediate) return new Promise((resolve) => g.setImmediate!(resolve));
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  if (!yieldChannel) {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => waitingForYield.shift()?.();
    yieldChannel = channel;
  }
  const channel = yieldChannel;
  return new Promise((resolve) => {
    waitingForYield.push(resolve);
    channel.port2.postMessage(null);
  });
}

let yieldChannel: MessageChannel | undefined;
const waitingForYield: (() => void)[] = [];

export interface Evaluation {
  count: number;
  /** Loss parts averaged over the images (VAE latents sampled, as in training). */
  loss: LossValues;
  /** Of the deterministic reconstruction (VAE: decoded mean), dB, averaged over images. */
  psnr: number;
  ssim: number;
}

/** Codes of every image of `data` (VAEs: the means), one row of `dims` numbers per image, with their labels. */
export async function embedDataset(
  model: Autoencoder,
  data: Dataset
): Promise<{codes: Float32Array; dims: number; labels: Uint8Array}> {
  const codes = tf.tidy(() => encode(model, datasetToTensor(data, range(0, data.count))).reshape([data.count, -1]));
  const values = (await codes.data()) as Float32Array;
  const dims = codes.shape[1] as number;
  codes.dispose();
  return {codes: values, dims, labels: data.labels.slice()};
}

/** The noise seed of the probe of a run with seed `seed` (the first of that seed's stream, as the run draws it). */
export function probeNoiseSeed(seed = 1): number {
  return createRng(seed).seed();
}

/** The probe images as the model sees them (corrupted with probeNoiseSeed(seed), like a run with that seed). */
export function probeInputs(
  model: Autoencoder,
  probe: Dataset,
  corruption: Corruption | undefined,
  seed = 1
): tf.Tensor4D {
  return tf.tidy(() =>
    modelInput(model, datasetToTensor(probe, range(0, probe.count)), corruption, probeNoiseSeed(seed))
  );
}

/** A probe event: the model's reconstructions of `input` (kept by the caller), e.g. right after loading weights. */
export async function probeEvent(model: Autoencoder, input: tf.Tensor4D, step: number): Promise<ProbeEvent> {
  const output = reconstruct(model, input);
  const [inputs, outputs] = await Promise.all([
    input.data() as Promise<Float32Array>,
    output.data() as Promise<Float32Array>
  ]);
  output.dispose();
  return {type: "probe", step, count: input.shape[0], inputShape: input.shape.slice(1), inputs, outputs};
}

export interface EvaluateOptions {
  loss?: Partial<LossOptions>;
  corruption?: Corruption;
  batchSize?: number;
  /** Seeds corruption and VAE sampling (default 7, so evaluations are repeatable). */
  seed?: number;
  signal?: AbortSignal;
}

/** Loss parts, PSNR and SSIM of `model` on all images of `data` (inputs prepared as in training). */
export async function evaluateModel(
  model: Autoencoder,
  data: Dataset,
  options: EvaluateOptions = {}
): Promise<Evaluation> {
  const batchSize = options.batchSize ?? 500;
  const lossOptions = resolveLossOptions(model, options.loss);
  const rng = createRng(options.seed ?? 7);
  const average = new LossAverage();
  let psnrSum = 0;
  let ssimSum = 0;
  for (let start = 0; start < data.count; start += batchSize) {
    if (options.signal?.aborted) throw new Error("evaluation cancelled");
    const end = Math.min(data.count, start + batchSize);
    const corruptionSeed = rng.seed();
    const samplingSeed = rng.seed();
    // One tensor: the packed loss parts, then the sums of PSNR and SSIM over the batch.
    const packed = tf.tidy(() => {
      const clean = datasetToTensor(data, range(start, end));
      const input = modelInput(model, clean, options.corruption, corruptionSeed);
      const loss = packLoss(computeLoss(model, input, clean, lossOptions, samplingSeed));
      const output = reconstruct(model, input);
      return tf.concat([loss, psnr(clean, output).sum().reshape([1]), ssim(clean, output).sum().reshape([1])]);
    });
    const all = (await packed.data()) as Float32Array;
    packed.dispose();
    const values = unpackLoss(all.subarray(0, all.length - 2), model.isVariational, model.discriminator !== undefined);
    psnrSum += all[all.length - 2];
    ssimSum += all[all.length - 1];
    average.add(values, end - start);
    await yieldToEventLoop();
  }
  return {count: data.count, loss: average.mean(), psnr: psnrSum / data.count, ssim: ssimSum / data.count};
}

/** Probe images as fed to the model (`inputs`, maybe corrupted or low-resolution) and their reconstructions. */
export interface ProbeEvent {
  type: "probe";
  step: number;
  count: number;
  inputShape: number[];
  inputs: Float32Array;
  outputs: Float32Array;
}

export interface EmbeddingQuality {
  dim: number;
  knnAccuracy: number;
  pcaKnnAccuracy: number;
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/** Codes of all images of `data` (VAEs: means), row after row. */
function encodeAll(model: Autoencoder, data: Dataset): Float32Array {
  const out = new Float32Array(data.count * model.codeSize);
  for (let start = 0; start < data.count; start += 1000) {
    const end = Math.min(data.count, start + 1000);
    const codes = tf.tidy(() =>
      encode(model, modelInput(model, datasetToTensor(data, range(start, end)), undefined, 0))
    );
    out.set(codes.dataSync(), start * model.codeSize);
    codes.dispose();
  }
  return out;
}

/**
 * kNN accuracy (k = 5) of the model's code against PCA with as many components, on the test set: its first 80% is
 * the reference set (and fits PCA), the rest is classified.
 */
export function measureEmbedding(model: Autoencoder, test: Dataset): EmbeddingQuality {
  const dim = model.codeSize;
  const split = Math.floor(test.count * 0.8);
  const codes = encodeAll(model, test);
  const pixels = Float32Array.from(test.images, (v) => v / 255);
  const reference = (values: Float32Array): Embedding => ({values: values.subarray(0, split * dim), dim});
  const queries = (values: Float32Array): Embedding => ({values: values.subarray(split * dim), dim});
  const [refLabels, queryLabels] = [test.labels.subarray(0, split), test.labels.subarray(split)];
  // 3,000 images pin down the leading components well and keep the pure-JS fit to seconds.
  const pca = fitPca({values: pixels.subarray(0, Math.min(split, 3000) * 784), dim: 784}, dim, {iterations: 80});
  const projected = projectPca(pca, {values: pixels, dim: 784}).values;
  return {
    dim,
    knnAccuracy: round(knnAccuracy(reference(codes), refLabels, queries(codes), queryLabels)),
    pcaKnnAccuracy: round(knnAccuracy(reference(projected), refLabels, queries(projected), queryLabels))
  };
}

/** Mean over `test` of the lesson notebook's KL term (see lessonNotebookKl). */
export function measureLessonKl(model: Autoencoder, test: Dataset): number {
  let sum = 0;
  for (let start = 0; start < test.count; start += 500) {
    const end = Math.min(test.count, start + 500);
    const total = tf.tidy(() => {
      const [mean, logSigma] = model.encoder.predict(datasetToTensor(test, range(start, end))) as tf.Tensor2D[];
      return lessonNotebookKl(mean, logSigma).sum();
    });
    sum += total.dataSync()[0];
    total.dispose();
  }
  return sum / test.count;
}

/** BCE and PSNR of classical upscaling of the same low-resolution test inputs. */
export function measureUpscaling(test: Dataset, scale: ScaleFactor): Record<Upscaling, {bce: number; psnr: number}> {
  const methods: Upscaling[] = ["nearest", "bilinear", "bicubic"];
  const sums = methods.map(() => ({bce: 0, psnr: 0}));
  for (let start = 0; start < test.count; start += 1000) {
    const end = Math.min(test.count, start + 1000);
    tf.tidy(() => {
      const clean = datasetToTensor(test, range(start, end));
      const low = downscale(clean, scale);
      methods.forEach((method, m) => {
        const up = upscale(low, scale, method);
        sums[m].bce += binaryCrossEntropy(clean, up).sum().dataSync()[0];
        sums[m].psnr += psnr(clean, up).sum().dataSync()[0];
      });
    });
  }
  return Object.fromEntries(
    methods.map((method, m) => [
      method,
      {bce: round(sums[m].bce / test.count), psnr: round(sums[m].psnr / test.count, 2)}
    ])
  ) as Record<Upscaling, {bce: number; psnr: number}>;
}
