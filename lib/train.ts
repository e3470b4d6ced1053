// The training loop shared by the pages' Web Worker and the Node CLI (so: nothing Node- or DOM-specific here).
// A custom loop (optimizer.minimize over model.apply) rather than model.fit, so that the VAE loss (and any later
// loss) fits, a run stops within one batch of its AbortSignal, and every batch's tensors are freed by tf.tidy.
import * as tf from "@tensorflow/tfjs";
import {corrupt, downscale, type Corruption} from "./corruptions.js";
import type {Dataset} from "./dataset.js";
import {computeLoss, defaultLossOptions, packLoss, unpackLoss, type LossOptions, type LossValues} from "./losses.js";
import {psnr, ssim} from "./metrics.js";
import {encode, reconstruct, type Autoencoder} from "./models.js";
import {createRng, shuffledIndices} from "./random.js";

export type OptimizerName = "adam" | "rmsprop";

export interface TrainOptions {
  epochs: number;
  /** Default 128 (the lesson's). */
  batchSize?: number;
  /** Default: "rmsprop" for VAEs, "adam" otherwise (the lesson's choices). An optimizer instance is used as it
   *  is and stays the caller's (not disposed), so that a long run can go on over several calls with its state. */
  optimizer?: OptimizerName | tf.Optimizer;
  /** Default 0.001. */
  learningRate?: number;
  /** Overrides of defaultLossOptions(model). */
  loss?: Partial<LossOptions>;
  /** Corrupts each input (denoising); the target stays the clean image. */
  corruption?: Corruption;
  /** Seeds shuffling, corruption and VAE sampling (default 1). Weight initialisation has its own seed. */
  seed?: number;
  signal?: AbortSignal;
  onEvent?: (event: TrainEvent) => void;
  /** Fixed images to reconstruct at the start, every `every` steps, and at the end. */
  probe?: {data: Dataset; every: number};
  /** Evaluated at the end of every epoch and reported in the epoch event (e.g. the test set, as in the lesson). */
  validation?: Dataset;
}

export type RunStatus = "completed" | "cancelled" | "failed";

export interface Evaluation {
  count: number;
  /** Loss parts averaged over the images (VAE latents sampled, as in training). */
  loss: LossValues;
  /** Of the deterministic reconstruction (VAE: decoded mean), dB, averaged over images. */
  psnr: number;
  ssim: number;
}

export type TrainEvent =
  | {type: "start"; stepsPerEpoch: number; totalSteps: number; batchSize: number}
  /** `step` counts batches of this run from 1; `epoch` counts from 1. samplesPerSecond excludes paused time. */
  | {type: "step"; step: number; epoch: number; loss: LossValues; samplesPerSecond: number}
  /** Probe images as fed to the model (`inputs`, maybe corrupted or low-resolution) and their reconstructions. */
  | {
      type: "probe";
      step: number;
      count: number;
      inputShape: number[];
      inputs: Float32Array;
      outputs: Float32Array;
    }
  | {type: "epoch"; epoch: number; loss: LossValues; validation?: Evaluation}
  | {type: "error"; step: number; message: string}
  | {type: "done"; status: RunStatus; steps: number; seconds: number};

export interface TrainResult {
  status: RunStatus;
  steps: number;
  epochs: number;
  /** Active (unpaused) seconds. */
  seconds: number;
  samplesPerSecond: number;
  lastLoss?: LossValues;
  error?: string;
}

export interface TrainingRun {
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  readonly result: Promise<TrainResult>;
}

/** Images `indices` of a dataset as float32 [n, rows, cols, 1] in [0, 1]. */
export function datasetToTensor(data: Dataset, indices: ArrayLike<number>): tf.Tensor4D {
  const size = data.rows * data.cols;
  const values = new Float32Array(indices.length * size);
  for (let b = 0; b < indices.length; b++) {
    const offset = indices[b] * size;
    for (let p = 0; p < size; p++) values[b * size + p] = data.images[offset + p] / 255;
  }
  return tf.tensor4d(values, [indices.length, data.rows, data.cols, 1]);
}

function range(start: number, end: number): Uint32Array {
  return Uint32Array.from({length: end - start}, (_, i) => start + i);
}

/** What the model sees for clean images: low-resolution for super-resolution, then the corruption if any. */
export function modelInput(
  model: Autoencoder,
  clean: tf.Tensor4D,
  corruption: Corruption | undefined,
  seed: number
): tf.Tensor4D {
  return tf.tidy(() => {
    const config = model.config;
    const x = config.model === "super-res" ? downscale(clean, config.scale) : clean;
    return corruption ? corrupt(x, corruption, seed) : x.clone();
  });
}

export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  return name === "adam" ? tf.train.adam(learningRate) : tf.train.rmsprop(learningRate);
}

/** The lesson's choice: RMSprop for VAEs, Adam otherwise. */
export function defaultOptimizer(model: Autoencoder): OptimizerName {
  return model.isVariational ? "rmsprop" : "adam";
}

function trainableVariables(model: Autoencoder): tf.Variable[] {
  return [...model.encoder.trainableWeights, ...model.decoder.trainableWeights].map((w) => w.read() as tf.Variable);
}

function resolveLossOptions(model: Autoencoder, loss: Partial<LossOptions> | undefined): LossOptions {
  return {...defaultLossOptions(model), ...loss};
}

/** Running sums of loss parts, for epoch and evaluation averages. */
class LossAverage {
  private sums: LossValues = {total: 0, reconstruction: 0};
  private weight = 0;

  add(values: LossValues, weight: number): void {
    this.sums.total += values.total * weight;
    this.sums.reconstruction += values.reconstruction * weight;
    if (values.kl !== undefined) this.sums.kl = (this.sums.kl ?? 0) + values.kl * weight;
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
    if (this.sums.klPerDim) out.klPerDim = this.sums.klPerDim.map((v) => v / w);
    return out;
  }
}

// A macrotask break, so that abort and pause requests (events, messages) are delivered between batches.
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Trains `model` in place on `data` (continuing from its current weights). Resolves `result` when the run
 * completes, is cancelled through `options.signal` (within one batch), or fails (NaN/Inf loss or an exception);
 * every outcome is also reported as events, and tf.memory().numTensors ends where it started.
 */
export function startTraining(model: Autoencoder, data: Dataset, options: TrainOptions): TrainingRun {
  let paused = false;
  let wake: (() => void) | undefined;
  const resume = (): void => {
    paused = false;
    wake?.();
    wake = undefined;
  };
  options.signal?.addEventListener("abort", resume);
  const result = runTraining(model, data, options, {
    isPaused: () => paused,
    waitForResume: () => new Promise<void>((resolve) => (wake = resolve))
  }).finally(() => options.signal?.removeEventListener("abort", resume));
  return {
    pause: () => {
      paused = true;
    },
    resume,
    get paused() {
      return paused;
    },
    result
  };
}

interface PauseGate {
  isPaused(): boolean;
  waitForResume(): Promise<void>;
}

async function runTraining(
  model: Autoencoder,
  data: Dataset,
  options: TrainOptions,
  gate: PauseGate
): Promise<TrainResult> {
  const emit = options.onEvent ?? ((): void => {});
  const batchSize = options.batchSize ?? 128;
  const stepsPerEpoch = Math.ceil(data.count / batchSize);
  const lossOptions = resolveLossOptions(model, options.loss);
  const rng = createRng(options.seed ?? 1);
  const ownsOptimizer = !(options.optimizer instanceof tf.Optimizer);
  const optimizer =
    options.optimizer instanceof tf.Optimizer
      ? options.optimizer
      : createOptimizer(options.optimizer ?? defaultOptimizer(model), options.learningRate ?? 0.001);
  const variables = trainableVariables(model);
  const probe = options.probe;
  const probeSeed = rng.seed();
  const probeInput = probe
    ? tf.tidy(() =>
        modelInput(model, datasetToTensor(probe.data, range(0, probe.data.count)), options.corruption, probeSeed)
      )
    : undefined;

  let step = 0;
  let samplesDone = 0;
  let epochsDone = 0;
  // Kept outside tf.tidy between minimize and its download: freed in `finally` if a step throws in between.
  let packed: tf.Tensor | undefined;
  let activeSeconds = 0;
  let lastLoss: LossValues | undefined;
  const finish = (status: RunStatus, error?: string): TrainResult => {
    if (error !== undefined) emit({type: "error", step, message: error});
    emit({type: "done", status, steps: step, seconds: activeSeconds});
    const samplesPerSecond = activeSeconds > 0 ? samplesDone / activeSeconds : 0;
    return {status, steps: step, epochs: epochsDone, seconds: activeSeconds, samplesPerSecond, lastLoss, error};
  };
  const emitProbe = async (): Promise<void> => {
    if (!probe || !probeInput) return;
    emit(await probeEvent(model, probeInput, step));
  };

  try {
    emit({type: "start", stepsPerEpoch, totalSteps: stepsPerEpoch * options.epochs, batchSize});
    await emitProbe();
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const order = shuffledIndices(data.count, rng);
      const epochLoss = new LossAverage();
      for (let b = 0; b < stepsPerEpoch; b++) {
        await yieldToEventLoop();
        if (gate.isPaused() && !options.signal?.aborted) await gate.waitForResume();
        if (options.signal?.aborted) return finish("cancelled");
        const started = performance.now();
        const batch = order.subarray(b * batchSize, Math.min(data.count, (b + 1) * batchSize));
        const corruptionSeed = rng.seed();
        const samplingSeed = rng.seed();
        // The loss parts are packed into one kept tensor inside minimize's tidy, then read with one download.
        tf.tidy(() => {
          const clean = datasetToTensor(data, batch);
          const input = modelInput(model, clean, options.corruption, corruptionSeed);
          optimizer.minimize(
            () => {
              const loss = computeLoss(model, input, clean, lossOptions, samplingSeed);
              packed = tf.keep(packLoss(loss));
              return loss.total;
            },
            false,
            variables
          );
        });
        const values = (await (packed as tf.Tensor).data()) as Float32Array;
        (packed as tf.Tensor).dispose();
        packed = undefined;
        activeSeconds += (performance.now() - started) / 1000;
        step++;
        samplesDone += batch.length;
        const loss = unpackLoss(values, model.isVariational);
        if (!Number.isFinite(loss.total)) return finish("failed", `loss became ${loss.total} at step ${step}`);
        lastLoss = loss;
        epochLoss.add(loss, batch.length);
        emit({type: "step", step, epoch, loss, samplesPerSecond: samplesDone / activeSeconds});
        if (probe && step % probe.every === 0) await emitProbe();
      }
      epochsDone = epoch;
      const validation = options.validation
        ? await evaluateModel(model, options.validation, {loss: lossOptions, corruption: options.corruption})
        : undefined;
      emit({type: "epoch", epoch, loss: epochLoss.mean(), ...(validation ? {validation} : {})});
    }
    if (probe && step % probe.every !== 0) await emitProbe();
    return finish("completed");
  } catch (error) {
    return finish("failed", error instanceof Error ? error.message : String(error));
  } finally {
    packed?.dispose();
    if (ownsOptimizer) optimizer.dispose();
    probeInput?.dispose();
  }
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
export async function probeEvent(
  model: Autoencoder,
  input: tf.Tensor4D,
  step: number
): Promise<Extract<TrainEvent, {type: "probe"}>> {
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
    const values = unpackLoss(all.subarray(0, all.length - 2), model.isVariational);
    psnrSum += all[all.length - 2];
    ssimSum += all[all.length - 1];
    average.add(values, end - start);
    await yieldToEventLoop();
  }
  return {count: data.count, loss: average.mean(), psnr: psnrSum / data.count, ssim: ssimSum / data.count};
}
