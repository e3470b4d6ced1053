// Node only: training one shipped checkpoint to its plateau (resuming from its saved state if there is one) and
// measuring it as the pages will get it: the stored (rounded or quantised) weights, on the MNIST test set.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {applyCheckpoint, decodeCheckpoint, encodeCheckpoint} from "../checkpoints/format.js";
import type {CheckpointEntry, CheckpointMetrics} from "../checkpoints/manifest.js";
import {scheduleOf, type CheckpointSpec} from "../checkpoints/list.js";
import {initialProgress, PLATEAU, trainToPlateau} from "../checkpoints/plateau.js";
import {sliceDataset} from "../data/dataset.js";
import type {Autoencoder} from "../models/autoencoder.js";
import {buildModel} from "../models/registry.js";
import {evaluateModel, measureEmbedding, measureLessonKl, type Evaluation} from "../training/evaluation.js";
import {
  CHECKPOINT_DIR,
  COMMAND,
  loadState,
  readManifest,
  saveState,
  STATE_DIR,
  writeAtomically
} from "./checkpoint-store.js";
import {loadMnist} from "./mnist.js";

/** The manifest also records metrics on the first SLICE_IMAGES test images: tests re-measure them in seconds. */
export const SLICE_IMAGES = 1000;

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
const log = (line: string): void => void process.stderr.write(`checkpoints: ${line}\n`);

/** True when the manifest's entry for `spec` is trained to its end by the spec's current schedule. */
export function isFinished(entry: CheckpointEntry | undefined, spec: CheckpointSpec): boolean {
  if (!entry?.stopped || entry.samples !== 60000 || JSON.stringify(entry.config) !== JSON.stringify(spec.config)) {
    return false;
  }
  // A plateau under a shorter schedule (fewer learning-rate phases) is not this schedule's end.
  const phases = new Set(entry.curve?.map((point) => point.learningRate)).size;
  return entry.stopped === "max-epochs" || phases >= scheduleOf(spec).phases;
}

function metricsOf(evaluation: Evaluation): CheckpointMetrics {
  return {
    count: evaluation.count,
    loss: round(evaluation.loss.total),
    reconstruction: round(evaluation.loss.reconstruction),
    ...(evaluation.loss.kl !== undefined ? {kl: round(evaluation.loss.kl)} : {}),
    psnr: round(evaluation.psnr, 2),
    ssim: round(evaluation.ssim)
  };
}

/** Test metrics on all 10,000 images and on the first SLICE_IMAGES (the evaluation is seeded: repeatable). */
export async function measure(
  model: Autoencoder,
  settings: {klWeight?: number; corruption?: CheckpointEntry["corruption"]},
  images = 10000
): Promise<Pick<CheckpointEntry, "test" | "testSlice" | "lessonLoss" | "embedding">> {
  const all = loadMnist("test");
  const options = {
    loss: settings.klWeight === undefined ? undefined : {klWeight: settings.klWeight},
    corruption: settings.corruption
  };
  const testSlice = metricsOf(await evaluateModel(model, sliceDataset(all, SLICE_IMAGES), options));
  if (images <= SLICE_IMAGES) return {test: testSlice, testSlice};
  const test = sliceDataset(all, images);
  const metrics = metricsOf(await evaluateModel(model, test, options));
  return {
    test: metrics,
    testSlice,
    ...(model.isVariational ? {lessonLoss: round(metrics.reconstruction + measureLessonKl(model, test))} : {}),
    ...(model.codeSize === 2 ? {embedding: measureEmbedding(model, test)} : {})
  };
}

/** Trains one checkpoint to its plateau (resuming if it can) and writes it to the state folder; returns its entry. */
export async function trainOne(spec: CheckpointSpec): Promise<CheckpointEntry> {
  const resumed = loadState(spec.name);
  let model: Autoencoder;
  let initEpochs = 0;
  if (resumed) {
    model = resumed.model;
    log(`${spec.name}: resuming after epoch ${resumed.progress.curve.length}`);
  } else {
    model = buildModel(spec.config);
    if (spec.initFrom) {
      const init = decodeCheckpoint(new Uint8Array(readFileSync(join(CHECKPOINT_DIR, `${spec.initFrom}.ckpt`))));
      applyCheckpoint(model, init);
    }
  }
  if (spec.initFrom) initEpochs = readManifest()?.checkpoints.find((e) => e.name === spec.initFrom)?.totalEpochs ?? 0;
  const train = loadMnist("train");
  const test = loadMnist("test");
  const progress = await trainToPlateau({
    model,
    schedule: scheduleOf(spec),
    train,
    test,
    klWeight: spec.klWeight,
    corruption: spec.corruption,
    progress: resumed?.progress ?? initialProgress(),
    optimizerState: resumed?.optimizer,
    onEpoch: (next, optimizer) => saveState(spec.name, model, next, optimizer),
    log: (line) => log(`${spec.name}: ${line}`)
  });
  resumed?.optimizer.forEach((w) => w.tensor.dispose());
  const epochs = progress.curve.length;
  const bytes = encodeCheckpoint(model, {
    dtype: spec.dtype,
    metadata: {
      name: spec.name,
      epochs,
      totalEpochs: initEpochs + epochs,
      samples: train.count,
      // The settings it trained with, so that `npm run train -- --load FILE` evaluates it under them.
      corruption: JSON.stringify(spec.corruption ?? null),
      ...(spec.klWeight !== undefined ? {klWeight: spec.klWeight} : {}),
      command: COMMAND
    }
  });
  // Measure what the pages will get: the stored (rounded or quantised) weights.
  applyCheckpoint(model, decodeCheckpoint(bytes));
  const measured = await measure(model, spec);
  model.dispose();
  writeAtomically(join(STATE_DIR, `${spec.name}.done`), bytes);
  return {
    name: spec.name,
    file: `${spec.name}.ckpt`,
    bytes: bytes.length,
    config: spec.config,
    ...(spec.corruption ? {corruption: spec.corruption} : {}),
    ...(spec.klWeight !== undefined ? {klWeight: spec.klWeight} : {}),
    epochs,
    samples: train.count,
    totalEpochs: initEpochs + epochs,
    ...(spec.initFrom ? {initFrom: spec.initFrom} : {}),
    batchSize: PLATEAU.batchSize,
    learningRate: PLATEAU.learningRate,
    seed: PLATEAU.seed,
    dtype: spec.dtype,
    trainSeconds: round(progress.seconds, 1),
    stopped: progress.stopped,
    curve: progress.curve,
    ...measured
  };
}
