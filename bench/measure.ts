// Training throughput of one (model, backend, kernels) configuration in this Node process, through the
// lesson's own training loop (lib/training/loop.ts).
import * as tf from "@tensorflow/tfjs";
import type {Dataset} from "../lib/data/dataset.js";
import {registerFastKernels, unregisterFastKernels, useReferenceKernels} from "../lib/backend/kernels/index.js";
import {buildModel} from "../lib/models/registry.js";
import {type ModelConfig, type ModelName} from "../lib/models/config.js";
import {batchGradients, defaultLossOptions} from "../lib/training/losses.js";
import {trainableVariables} from "../lib/models/weights.js";
import {datasetToTensor} from "../lib/training/inputs.js";
import type {GradientPeer} from "../lib/training/data-parallel.js";
import {startTraining} from "../lib/training/loop.js";
import {sliceDataset} from "../lib/data/dataset.js";

/** "reference": stock kernels plus a plain-loop filter gradient where the backend has none. */
export type KernelSet = "fast" | "stock" | "reference";

export interface TrainMeasurement {
  samplesPerS: number;
  steps: number;
  seconds: number;
  lastLoss: number;
}

export async function useBackend(backend: string, kernels: KernelSet): Promise<void> {
  if (kernels === "fast") registerFastKernels();
  else if (kernels === "reference") useReferenceKernels();
  else unregisterFastKernels();
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} is not available`);
  await tf.ready();
}

async function train(model: ModelName, data: Dataset, steps: number, batch: number, seed: number, peer?: GradientPeer) {
  const ae = buildModel({model, seed: 1} as ModelConfig);
  try {
    const run = startTraining(ae, sliceDataset(data, steps * batch), {epochs: 1, batchSize: batch, seed, peer});
    const result = await run.result;
    if (result.status !== "completed") throw new Error(`training ${result.status}: ${result.error ?? ""}`);
    return {ae, result};
  } finally {
    ae.dispose();
  }
}

/**
 * Warm-up steps (operator creation, first allocations) then a timed run; the number of timed steps is cut to
 * fit `budgetS` seconds from the warm-up's pace, but is at least `minSteps`.
 */
export async function measureTraining(
  model: ModelName,
  data: Dataset,
  options: {steps: number; minSteps: number; warmup: number; batch: number; budgetS: number; peer?: GradientPeer}
): Promise<TrainMeasurement> {
  const t0 = performance.now();
  await train(model, data, options.warmup, options.batch, 11, options.peer);
  const perStep = (performance.now() - t0) / 1000 / options.warmup;
  const steps = Math.max(options.minSteps, Math.min(options.steps, Math.floor(options.budgetS / perStep)));
  const {result} = await train(model, data, steps, options.batch, 1, options.peer);
  return {
    samplesPerS: result.samplesPerSecond,
    steps,
    seconds: result.seconds,
    lastLoss: result.lastLoss?.total ?? NaN
  };
}

/** Loss after `steps` steps from the same initial weights, data order and samples. */
export async function lossAfter(model: ModelName, data: Dataset, steps: number, batch: number): Promise<number> {
  const {result} = await train(model, data, steps, batch, 3);
  return result.lastLoss?.total ?? NaN;
}

/** Gradients of the lesson's loss with respect to every trainable variable, on the first `batch` images. */
export function gradientsOnce(model: ModelName, data: Dataset, batch: number): Float32Array[] {
  const ae = buildModel({model, seed: 1} as ModelConfig);
  try {
    return tf.tidy(() => {
      const x = datasetToTensor(
        data,
        Uint32Array.from({length: batch}, (_, i) => i)
      );
      const {grads, packed} = batchGradients(ae, trainableVariables(ae), x, x, defaultLossOptions(ae), 5);
      packed.dispose(); // kept by batchGradients for the training loop's download
      return grads.map((g) => g.dataSync() as Float32Array);
    });
  } finally {
    ae.dispose();
  }
}

/** Largest |a - b| over all gradients, relative to the largest |b| of the same variable. */
export function gradientRelDiff(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((g, k) => {
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < g.length; i++) {
      diff = Math.max(diff, Math.abs(g[i] - b[k][i]));
      scale = Math.max(scale, Math.abs(b[k][i]));
    }
    worst = Math.max(worst, diff / Math.max(scale, 1e-30));
  });
  return worst;
}
