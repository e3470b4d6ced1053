// Training a shipped checkpoint until its test loss plateaus, one epoch at a time, resumable after any epoch:
// the loop that `npm run checkpoints` runs (DOM- and Node-free; the command does the file I/O).
// The schedule: a learning-rate phase ends when the test loss improved by less than `minImprovement` over its last
// `window` epochs; then the rate drops (x PLATEAU.dropFactor) for the next phase; the run stops at the plateau of
// its last phase, or at PLATEAU.maxEpochs. PLATEAU holds the defaults; a checkpoint may ask for more (Schedule).
import * as tf from "@tensorflow/tfjs";
import type {Corruption} from "../images/corruptions.js";
import type {Dataset} from "../data/dataset.js";
import type {Autoencoder} from "../models/autoencoder.js";
import {createOptimizer, defaultOptimizer, startTraining} from "../training/loop.js";
import {evaluateModel, type Evaluation} from "../training/evaluation.js";

/** What tf.Optimizer.getWeights() returns and setWeights() takes. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

export const PLATEAU = {
  window: 2,
  minImprovement: 0.005,
  learningRate: 0.002,
  dropFactor: 0.25,
  /** Learning-rate phases: the first rate, then one drop. */
  phases: 2,
  maxEpochs: 40,
  batchSize: 32,
  seed: 1
} as const;

/** One epoch of the recorded curve. */
export interface CurvePoint {
  epoch: number;
  learningRate: number;
  trainLoss: number;
  testLoss: number;
}

export type StopReason = "plateau" | "max-epochs";

export interface PlateauProgress {
  curve: CurvePoint[];
  /** Index of the learning-rate phase the next epoch runs in. */
  phase: number;
  /** The epoch the current phase started after (its plateau is judged on its own epochs only). */
  phaseStart: number;
  stopped?: StopReason;
  /** Active training seconds so far. */
  seconds: number;
}

export function initialProgress(): PlateauProgress {
  return {curve: [], phase: 0, phaseStart: 0, seconds: 0};
}

/** What a checkpoint may change of the schedule (lib/checkpoints/list.ts). */
export interface Schedule {
  window: number;
  phases: number;
}

export const DEFAULT_SCHEDULE: Schedule = {window: PLATEAU.window, phases: PLATEAU.phases};

export function learningRateOf(phase: number): number {
  return PLATEAU.learningRate * PLATEAU.dropFactor ** phase;
}

/** True when the last `window` epochs improved the loss by less than `minImprovement` (relative). */
export function isPlateau(
  losses: readonly number[],
  window: number = PLATEAU.window,
  min: number = PLATEAU.minImprovement
): boolean {
  if (losses.length <= window) return false;
  const before = losses[losses.length - 1 - window];
  const now = losses[losses.length - 1];
  return (before - now) / Math.abs(before) < min;
}

/** The progress after one more epoch: the next phase at a plateau, or a stop. */
export function advance(
  progress: PlateauProgress,
  point: CurvePoint,
  seconds: number,
  schedule: Schedule = DEFAULT_SCHEDULE
): PlateauProgress {
  const curve = [...progress.curve, point];
  const next: PlateauProgress = {...progress, curve, seconds: progress.seconds + seconds};
  // The epoch before the phase started is its baseline, so a phase of `window` epochs can already be judged.
  const phaseLosses = curve.slice(Math.max(0, progress.phaseStart - 1)).map((p) => p.testLoss);
  if (isPlateau(phaseLosses, schedule.window)) {
    if (progress.phase + 1 >= schedule.phases) return {...next, stopped: "plateau"};
    return {...next, phase: progress.phase + 1, phaseStart: curve.length};
  }
  if (curve.length >= PLATEAU.maxEpochs) return {...next, stopped: "max-epochs"};
  return next;
}

export interface PlateauRun {
  model: Autoencoder;
  train: Dataset;
  test: Dataset;
  klWeight?: number;
  corruption?: Corruption;
  progress: PlateauProgress;
  schedule?: Schedule;
  /** The optimizer's saved state (tf.Optimizer.getWeights()), to resume with. */
  optimizerState?: NamedTensor[];
  /** Called after every epoch with the progress and the optimizer, e.g. to save both. */
  onEpoch: (progress: PlateauProgress, optimizer: tf.Optimizer, validation: Evaluation) => Promise<void>;
  log?: (line: string) => void;
}

/** Trains `run.model` in place until it stops (see PLATEAU); resolves with the final progress. */
export async function trainToPlateau(run: PlateauRun): Promise<PlateauProgress> {
  const {model, progress: start} = run;
  const optimizerName = defaultOptimizer(model);
  let progress = start;
  let optimizer = createOptimizer(optimizerName, learningRateOf(progress.phase));
  if (run.optimizerState) await optimizer.setWeights(run.optimizerState);
  const loss = run.klWeight === undefined ? undefined : {klWeight: run.klWeight};
  try {
    while (!progress.stopped) {
      const epoch = progress.curve.length + 1;
      const learningRate = learningRateOf(progress.phase);
      let trainLoss = NaN;
      let validation: Evaluation | undefined;
      const result = await startTraining(model, run.train, {
        epochs: 1,
        batchSize: PLATEAU.batchSize,
        optimizer,
        loss,
        corruption: run.corruption,
        // A new shuffle (and new noise) every epoch, the same ones on every resume.
        seed: PLATEAU.seed * 1000 + epoch,
        validation: run.test,
        onEvent: (event) => {
          if (event.type === "epoch") {
            trainLoss = event.loss.total;
            validation = event.validation;
          }
        }
      }).result;
      if (result.status !== "completed" || !validation)
        throw new Error(`training ${result.status}: ${result.error ?? ""}`);
      const point = {epoch, learningRate, trainLoss: round(trainLoss), testLoss: round(validation.loss.total)};
      const next = advance(progress, point, result.seconds, run.schedule);
      run.log?.(
        `epoch ${epoch} (lr ${learningRate}): train ${point.trainLoss}, test ${point.testLoss}, ${result.samplesPerSecond.toFixed(0)} images/s${next.stopped ? `; stopped: ${next.stopped}` : next.phase !== progress.phase ? "; plateau: learning rate drops" : ""}`
      );
      if (next.phase !== progress.phase && !next.stopped)
        optimizer = await withLearningRate(optimizer, optimizerName, learningRateOf(next.phase));
      progress = next;
      await run.onEpoch(progress, optimizer, validation);
    }
    return progress;
  } finally {
    optimizer.dispose();
  }
}

/** A new optimizer at `learningRate` that carries on the old one's state (moments, step count). */
async function withLearningRate(
  old: tf.Optimizer,
  name: ReturnType<typeof defaultOptimizer>,
  learningRate: number
): Promise<tf.Optimizer> {
  // getWeights() hands out the optimizer's own variables (and a new step-count scalar, the first entry); setWeights()
  // copies them into variables of its own, so the copies and the old optimizer can go.
  const state = await old.getWeights();
  const next = createOptimizer(name, learningRate);
  await next.setWeights(state);
  state[0].tensor.dispose();
  old.dispose();
  return next;
}

const round = (x: number): number => Number(x.toPrecision(5));
