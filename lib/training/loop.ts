// The training loop shared by the pages' Web Worker and the Node CLI (so: nothing Node- or DOM-specific here).
// A custom loop (optimizer.minimize over model.apply) rather than model.fit, so that the VAE loss (and any later
// loss) fits, a run stops within one batch of its AbortSignal, and every batch's tensors are freed by tf.tidy.
import * as tf from "@tensorflow/tfjs";
import {FusedAdamOptimizer} from "./fused-adam.js";
import {FusedRmspropOptimizer} from "./fused-rmsprop.js";
import {pickImages, type Dataset} from "../data/dataset.js";
import type {Corruption} from "../images/corruptions.js";
import type {Autoencoder} from "../models/autoencoder.js";
import {createRng, shuffledIndices} from "../random.js";
import {
  evaluateModel,
  LossAverage,
  probeEvent,
  resolveLossOptions,
  yieldToEventLoop,
  type Evaluation,
  type ProbeEvent
} from "./evaluation.js";
import {adversarialStep, createAdversarialOptimizers} from "./adversarial.js";
import {GradientPeer, ownValues} from "./data-parallel.js";
import {trainableVariables} from "../models/weights.js";
import {datasetToTensor, modelInput, range} from "./inputs.js";
import {batchGradients, unpackLoss, type LossOptions, type LossValues} from "./losses.js";

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
  /** Adversarial autoencoders: the learning rate of the discriminator's and the regularisation step's optimizers
   *  (lib/training/adversarial.ts; default: the reconstruction step's, which `optimizer` and `learningRate` set). */
  adversarialLearningRate?: number;
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
  /** A second worker that computes half of each batch's gradients (./data-parallel.ts); not for adversarial
   *  autoencoders, whose three steps per batch stay on one thread. The caller owns it. */
  peer?: GradientPeer;
}

export type RunStatus = "completed" | "cancelled" | "failed";

export type TrainEvent =
  | {type: "start"; stepsPerEpoch: number; totalSteps: number; batchSize: number}
  /** `step` counts batches of this run from 1; `epoch` counts from 1. samplesPerSecond excludes paused time. */
  | {type: "step"; step: number; epoch: number; loss: LossValues; samplesPerSecond: number}
  | ProbeEvent
  | {type: "epoch"; epoch: number; loss: LossValues; validation?: Evaluation}
  /** `diverged`: the loss that was not a finite number, when that stopped the run (the page words it itself). */
  | {type: "error"; step: number; message: string; diverged?: number}
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
  /** While paused: runs exactly one more batch, then stays paused. */
  step(): void;
  readonly paused: boolean;
  readonly result: Promise<TrainResult>;
}

export function createOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  // tf.train.adam's defaults: beta1 0.9, beta2 0.999, the backend's epsilon.
  return name === "adam"
    ? new FusedAdamOptimizer(learningRate, 0.9, 0.999, tf.backend().epsilon())
    : new FusedRmspropOptimizer(learningRate);
}

/** The lesson's choice: RMSprop for VAEs, Adam otherwise. */
export function defaultOptimizer(model: Autoencoder): OptimizerName {
  return model.isVariational ? "rmsprop" : "adam";
}

/**
 * Trains `model` in place on `data` (continuing from its current weights). Resolves `result` when the run
 * completes, is cancelled through `options.signal` (within one batch), or fails (NaN/Inf loss or an exception);
 * every outcome is also reported as events, and tf.memory().numTensors ends where it started.
 */
export function startTraining(model: Autoencoder, data: Dataset, options: TrainOptions): TrainingRun {
  let paused = false;
  /** Batches allowed while paused (Step). */
  let allowed = 0;
  let wake: (() => void) | undefined;
  const release = (): void => {
    wake?.();
    wake = undefined;
  };
  const resume = (): void => {
    paused = false;
    release();
  };
  options.signal?.addEventListener("abort", resume);
  const result = runTraining(model, data, options, {
    isPaused: () => paused && allowed === 0,
    waitForResume: () => new Promise<void>((resolve) => (wake = resolve)),
    batchStarted: () => {
      if (paused && allowed > 0) allowed--;
    }
  }).finally(() => options.signal?.removeEventListener("abort", resume));
  return {
    pause: () => {
      paused = true;
    },
    resume,
    step: () => {
      if (!paused) return;
      allowed++;
      release();
    },
    get paused() {
      return paused;
    },
    result
  };
}

interface PauseGate {
  isPaused(): boolean;
  waitForResume(): Promise<void>;
  /** A batch is about to run (one step's allowance is used, if the run is paused). */
  batchStarted(): void;
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
  // (tf.Optimizer's own instanceof test throws on a string.)
  const given = typeof options.optimizer === "object" ? options.optimizer : undefined;
  const name = typeof options.optimizer === "string" ? options.optimizer : defaultOptimizer(model);
  const optimizer = given ?? createOptimizer(name, options.learningRate ?? 0.001);
  const variables = trainableVariables(model);
  // A model with a discriminator trains in three steps per batch, with two more optimizers of this run's own.
  const adversarial = model.discriminator
    ? createAdversarialOptimizers(optimizer, options.adversarialLearningRate)
    : undefined;
  const peer = adversarial ? undefined : options.peer;
  peer?.start(model, lossOptions, options.corruption);
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
  // Kept outside tf.tidy between a step and its download: freed in `finally` if a step throws in between.
  let packed: tf.Tensor | undefined;
  let activeSeconds = 0;
  let lastLoss: LossValues | undefined;
  const finish = (status: RunStatus, error?: string, diverged?: number): TrainResult => {
    if (error !== undefined) emit({type: "error", step, message: error, ...(diverged === undefined ? {} : {diverged})});
    emit({type: "done", status, steps: step, seconds: activeSeconds});
    const samplesPerSecond = activeSeconds > 0 ? samplesDone / activeSeconds : 0;
    return {status, steps: step, epochs: epochsDone, seconds: activeSeconds, samplesPerSecond, lastLoss, error};
  };
  const emitProbe = async (): Promise<void> => {
    if (!probe || !probeInput) return;
    emit(await probeEvent(model, probeInput, step));
  };

  /**
   * One batch's gradient step; returns its packed loss (kept). With a peer the batch is split: the peer takes the
   * second half, and the update and the loss are the halves' size-weighted means, as the whole batch's would be.
   */
  const gradientStep = async (batch: Uint32Array, corruptionSeed: number, samplingSeed: number): Promise<tf.Tensor> => {
    const split = peer && batch.length > 1 ? Math.ceil(batch.length / 2) : batch.length;
    const remote = batch.subarray(split);
    // Other seeds for the other half, so that its noise and samples are not the first half's again.
    const answer =
      peer && remote.length > 0
        ? peer.gradients({
            weights: variables.map(ownValues),
            data: pickImages(data, Array.from(remote)),
            corruptionSeed: corruptionSeed ^ 0x5bd1e995,
            samplingSeed: samplingSeed ^ 0x5bd1e995
          })
        : undefined;
    const local = tf.tidy(() => {
      const clean = datasetToTensor(data, batch.subarray(0, split));
      const input = modelInput(model, clean, options.corruption, corruptionSeed);
      return batchGradients(model, variables, input, clean, lossOptions, samplingSeed);
    });
    let spent: tf.Tensor | undefined = local.packed; // the local loss, unless it is the step's own
    try {
      const theirs = await answer;
      const a = split / batch.length;
      const mean = (mine: tf.Tensor, other: Float32Array): tf.Tensor =>
        mine.mul(a).add(tf.tensor(other, mine.shape).mul(1 - a));
      tf.tidy(() => {
        const update = variables.map((v, i) => [
          v.name,
          theirs ? mean(local.grads[i], theirs.grads[i]) : local.grads[i]
        ]);
        optimizer.applyGradients(Object.fromEntries(update) as tf.NamedTensorMap);
      });
      if (!theirs) {
        spent = undefined;
        return local.packed;
      }
      return tf.tidy(() => mean(local.packed, theirs.loss));
    } finally {
      tf.dispose(spent ? [...local.grads, spent] : local.grads);
    }
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
        gate.batchStarted();
        const started = performance.now();
        const batch = order.subarray(b * batchSize, Math.min(data.count, (b + 1) * batchSize));
        const corruptionSeed = rng.seed();
        const samplingSeed = rng.seed();
        if (adversarial) {
          const optimizers = {reconstruction: optimizer, ...adversarial};
          packed = tf.tidy(() => {
            const clean = datasetToTensor(data, batch);
            const input = modelInput(model, clean, options.corruption, corruptionSeed);
            return adversarialStep(model, optimizers, input, clean, lossOptions, samplingSeed);
          });
        } else {
          packed = await gradientStep(batch, corruptionSeed, samplingSeed);
        }
        const values = (await (packed as tf.Tensor).data()) as Float32Array;
        (packed as tf.Tensor).dispose();
        packed = undefined;
        activeSeconds += (performance.now() - started) / 1000;
        step++;
        samplesDone += batch.length;
        const loss = unpackLoss(values, model.isVariational, adversarial !== undefined);
        if (!Number.isFinite(loss.total))
          return finish("failed", `loss became ${loss.total} at step ${step}`, loss.total);
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
    if (!given) optimizer.dispose();
    adversarial?.dispose();
    probeInput?.dispose();
  }
}
