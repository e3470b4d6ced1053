// Trains the pretrained checkpoints the pages start from, evaluates each on the 10,000 MNIST test images
// (after its weights are stored: float16 or 8-bit), and writes data/checkpoints/*.ckpt, their manifest
// data/checkpoints/manifest.json and src/components/checkpoint-files.ts (the FileAttachment references that make
// Framework copy the files into the site).
// Usage: npm run checkpoints [-- --only name,name] [--check] [--list]
//   --only   regenerate these checkpoints only (the manifest keeps the others);
//   --check  retrain (--only or all) into memory and compare the metrics with the manifest; writes nothing,
//            exits 1 if any metric is off by more than CHECK_TOLERANCE;
//   --evaluate  re-measure the stored files (no training) and update their metrics in the manifest;
//   --table  print the manifest as a Markdown table (docs/checkpoints.md).
// Run it niced on a shared machine: nice -n 15 npm run checkpoints. Deterministic: seeds are fixed, so
// regenerating gives the same metrics on the same backend (to float rounding).
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {parseArgs} from "node:util";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {applyCheckpoint, decodeCheckpoint, encodeCheckpoint, type WeightDtype} from "../checkpoint.js";
import {
  CHECKPOINT_INDEX_VERSION,
  type CheckpointEntry,
  type CheckpointIndex,
  type CheckpointMetrics
} from "../checkpoint-index.js";
import type {Corruption} from "../corruptions.js";
import {sliceDataset} from "../dataset.js";
import {registerFastKernels} from "../kernels/index.js";
import {buildModel, type Autoencoder, type ModelConfig} from "../models.js";
import {loadMnist} from "../node/mnist.js";
import {evaluateModel, startTraining} from "../train.js";

export const CHECKPOINT_DIR = "data/checkpoints";
export const MANIFEST_PATH = join(CHECKPOINT_DIR, "manifest.json");
const FILES_MODULE = "src/components/checkpoint-files.ts";
/** Framework's cached output of src/data/previews.bin.ts, computed from the checkpoints. */
const PREVIEWS_CACHE = "src/.observablehq/cache/data/previews.bin";
const COMMAND = "npm run checkpoints";

/** --check: a retrained checkpoint must match the manifest this closely (same seeds, same backend). */
export const CHECK_TOLERANCE = {relativeLoss: 0.02, psnr: 0.3, ssim: 0.01};

export interface CheckpointSpec {
  name: string;
  config: ModelConfig;
  corruption?: Corruption;
  klWeight?: number;
  epochs: number;
  /** Training images per epoch (the first ones of the 60,000). */
  samples: number;
  /** Start from this checkpoint's stored weights (must be listed earlier) instead of random ones. */
  initFrom?: string;
  dtype: WeightDtype;
}

const gaussian = (sigma: number, mean = 0): Corruption => ({kind: "gaussian", sigma, mean});

// Epochs and images were chosen for quality per CPU minute on a shared 2-core machine: niced, with four other
// engineers' jobs running, training ran at about 100 images/s, and all of it had to fit in about 35 minutes.
// Only the plain autoencoder sees a full epoch; the others see 5,000-15,000 images (see docs/checkpoints.md);
// batch 32 at learning rate 0.002 learns more per epoch than the lesson's 128 at 0.001. The dense VAEs' big layers
// are stored as 8-bit codes (a quarter of float32); the conv models are tiny and stay float16.
export const CHECKPOINT_SPECS: CheckpointSpec[] = [
  {name: "conv-ae", config: {model: "conv-ae"}, epochs: 1, samples: 60000, dtype: "float16"},
  ...[2, 8, 32].map((latentDim): CheckpointSpec => ({
    name: `conv-ae-latent${latentDim}`,
    config: {model: "conv-ae", latentDim},
    epochs: 1,
    samples: 10000,
    dtype: "float16"
  })),
  // Denoisers continue from the plain autoencoder (as in the lesson), so a short run is enough.
  ...[0.1, 0.3, 0.5, 0.7].map((sigma): CheckpointSpec => ({
    name: `conv-ae-noise${sigma}`,
    config: {model: "conv-ae"},
    corruption: gaussian(sigma),
    epochs: 1,
    samples: 5000,
    initFrom: "conv-ae",
    dtype: "float16"
  })),
  {
    // The lesson's own denoising noise: N(0.5, 0.5^2), clipped.
    name: "conv-ae-noise0.5-mean0.5",
    config: {model: "conv-ae"},
    corruption: gaussian(0.5, 0.5),
    epochs: 1,
    samples: 5000,
    initFrom: "conv-ae",
    dtype: "float16"
  },
  ...([2, 4] as const).map((scale): CheckpointSpec => ({
    name: `super-res-x${scale}`,
    config: {model: "super-res", scale},
    epochs: 1,
    samples: 10000,
    dtype: "float16"
  })),
  ...(
    [
      [2, 1],
      [8, 1],
      [32, 1],
      [2, 0.1],
      [2, 4]
    ] as const
  ).map(([latentDim, klWeight]): CheckpointSpec => ({
    name: `dense-vae-latent${latentDim}${klWeight === 1 ? "" : `-kl${klWeight}`}`,
    config: {model: "dense-vae", latentDim},
    klWeight,
    epochs: 1,
    samples: 15000,
    dtype: "uint8"
  })),
  {
    name: "conv-vae-latent2",
    config: {model: "conv-vae", latentDim: 2},
    klWeight: 1,
    epochs: 1,
    samples: 10000,
    dtype: "float16"
  },
  {
    // The embeddings page's dense autoencoder (src/embeddings.md): 784-128-2.
    name: "dense-ae-latent2",
    config: {model: "dense-ae", latentDim: 2},
    epochs: 1,
    samples: 10000,
    dtype: "uint8"
  },
  {
    // The VAE page's comparison autoencoder (src/vae.md): dense, hidden [512], a 2-D code.
    name: "dense-ae-h512-latent2",
    config: {model: "dense-ae", latentDim: 2, hidden: [512]},
    epochs: 1,
    samples: 10000,
    dtype: "uint8"
  }
];

const BATCH_SIZE = 32;
const LEARNING_RATE = 0.002;
const SEED = 1;

/** The manifest also records metrics on the first SLICE_IMAGES test images: tests re-measure them in seconds. */
export const SLICE_IMAGES = 1000;

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

export function readIndex(path = MANIFEST_PATH): CheckpointIndex | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as CheckpointIndex) : undefined;
}

/** Loads a stored checkpoint file into a fresh model (weights exactly as the pages get them). */
export function loadStoredModel(entry: CheckpointEntry, dir = CHECKPOINT_DIR): Autoencoder {
  const checkpoint = decodeCheckpoint(new Uint8Array(readFileSync(join(dir, entry.file))));
  const model = buildModel(checkpoint.manifest.config);
  applyCheckpoint(model, checkpoint);
  return model;
}

function metricsOf(evaluation: Awaited<ReturnType<typeof evaluateModel>>): CheckpointMetrics {
  return {
    count: evaluation.count,
    loss: round(evaluation.loss.total),
    reconstruction: round(evaluation.loss.reconstruction),
    ...(evaluation.loss.kl !== undefined ? {kl: round(evaluation.loss.kl)} : {}),
    psnr: round(evaluation.psnr, 2),
    ssim: round(evaluation.ssim)
  };
}

/** Differences beyond CHECK_TOLERANCE between two metric sets, in words; empty when they agree. */
export function compareMetrics(expected: CheckpointMetrics, actual: CheckpointMetrics): string[] {
  const problems: string[] = [];
  const relative = Math.abs(actual.loss - expected.loss) / Math.abs(expected.loss);
  if (relative > CHECK_TOLERANCE.relativeLoss) problems.push(`loss ${actual.loss} vs ${expected.loss}`);
  if (Math.abs(actual.psnr - expected.psnr) > CHECK_TOLERANCE.psnr)
    problems.push(`PSNR ${actual.psnr} vs ${expected.psnr}`);
  if (Math.abs(actual.ssim - expected.ssim) > CHECK_TOLERANCE.ssim)
    problems.push(`SSIM ${actual.ssim} vs ${expected.ssim}`);
  return problems;
}

async function trainOne(
  spec: CheckpointSpec,
  stored: Map<string, Uint8Array>
): Promise<{bytes: Uint8Array; entry: CheckpointEntry}> {
  const model = buildModel(spec.config);
  let initEpochs = 0;
  if (spec.initFrom) {
    const init = stored.get(spec.initFrom) ?? readFileSync(join(CHECKPOINT_DIR, `${spec.initFrom}.ckpt`));
    const checkpoint = decodeCheckpoint(new Uint8Array(init));
    applyCheckpoint(model, checkpoint);
    initEpochs = Number(checkpoint.manifest.metadata.totalEpochs ?? checkpoint.manifest.metadata.epochs ?? 0);
  }
  const train = sliceDataset(loadMnist("train"), spec.samples);
  const loss = spec.klWeight === undefined ? undefined : {klWeight: spec.klWeight};
  let lastReport = 0;
  const run = startTraining(model, train, {
    epochs: spec.epochs,
    batchSize: BATCH_SIZE,
    learningRate: LEARNING_RATE,
    loss,
    corruption: spec.corruption,
    seed: SEED,
    onEvent: (event) => {
      if (event.type === "step" && performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        process.stderr.write(
          `  ${spec.name}: epoch ${event.epoch} step ${event.step} loss ${event.loss.total.toFixed(4)} (${event.samplesPerSecond.toFixed(0)} images/s)\n`
        );
      }
    }
  });
  const result = await run.result;
  if (result.status !== "completed") throw new Error(`${spec.name}: training ${result.status}: ${result.error ?? ""}`);
  const totalEpochs = initEpochs + spec.epochs;
  const bytes = encodeCheckpoint(model, {
    dtype: spec.dtype,
    metadata: {name: spec.name, epochs: spec.epochs, totalEpochs, samples: spec.samples, command: COMMAND}
  });
  // Evaluate what the pages will get: the stored (rounded or quantised) weights.
  applyCheckpoint(model, decodeCheckpoint(bytes));
  const {test, testSlice} = await measure(model, spec);
  model.dispose();
  const entry: CheckpointEntry = {
    name: spec.name,
    file: `${spec.name}.ckpt`,
    bytes: bytes.length,
    config: spec.config,
    ...(spec.corruption ? {corruption: spec.corruption} : {}),
    ...(spec.klWeight !== undefined ? {klWeight: spec.klWeight} : {}),
    epochs: spec.epochs,
    samples: spec.samples,
    totalEpochs,
    ...(spec.initFrom ? {initFrom: spec.initFrom} : {}),
    batchSize: BATCH_SIZE,
    learningRate: LEARNING_RATE,
    seed: SEED,
    dtype: spec.dtype,
    trainSeconds: round(result.seconds, 1),
    test,
    testSlice
  };
  return {bytes, entry};
}

/** Test metrics on all 10,000 images and on the first SLICE_IMAGES (the evaluation is seeded: repeatable). */
export async function measure(
  model: Autoencoder,
  settings: {klWeight?: number; corruption?: Corruption},
  images = 10000
): Promise<{test: CheckpointMetrics; testSlice: CheckpointMetrics}> {
  const all = loadMnist("test");
  const options = {
    loss: settings.klWeight === undefined ? undefined : {klWeight: settings.klWeight},
    corruption: settings.corruption
  };
  const testSlice = metricsOf(await evaluateModel(model, sliceDataset(all, SLICE_IMAGES), options));
  const test =
    images <= SLICE_IMAGES ? testSlice : metricsOf(await evaluateModel(model, sliceDataset(all, images), options));
  return {test, testSlice};
}

function writeFilesModule(index: CheckpointIndex): void {
  const lines = index.checkpoints.map(
    (entry) =>
      `  ${JSON.stringify(entry.file)}: FileAttachment(${JSON.stringify(`../data/checkpoints/${entry.file}`)}).href`
  );
  writeFileSync(
    FILES_MODULE,
    `// Generated by lib/cli/checkpoints.ts (npm run checkpoints): do not edit by hand.
// One literal FileAttachment per checkpoint, so that Framework copies each file into the site.
import {FileAttachment} from "observablehq:stdlib";

export const checkpointManifestUrl: string = FileAttachment("../data/checkpoints/manifest.json").href;

export const checkpointFileUrls: Record<string, string> = {
${lines.join(",\n")}
};
`
  );
}

/** The manifest as a Markdown table: what each checkpoint is, what it trained on, its size and test metrics. */
export function markdownTable(entries: CheckpointEntry[]): string {
  const settings = (e: CheckpointEntry): string =>
    [
      e.config.model,
      "latentDim" in e.config && e.config.latentDim !== undefined ? `latent ${e.config.latentDim}` : "",
      e.config.model === "super-res" ? `x${e.config.scale}` : "",
      e.corruption?.kind === "gaussian"
        ? `noise ${e.corruption.sigma}${e.corruption.mean ? ` mean ${e.corruption.mean}` : ""}`
        : "",
      e.klWeight !== undefined ? `KL weight ${e.klWeight}` : ""
    ]
      .filter(Boolean)
      .join(", ");
  const lines = [
    "| checkpoint | settings | trained | bytes | test loss | reconstruction | KL | PSNR (dB) | SSIM |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ...entries.map(
      (e) =>
        `| ${e.name} | ${settings(e)} | ${e.epochs} x ${e.samples.toLocaleString("en-US")} images${e.initFrom ? ` after ${e.initFrom}` : ""} (${Math.round(e.trainSeconds)} s) | ${e.bytes.toLocaleString("en-US")} (${e.dtype}) | ${e.test.loss} | ${e.test.reconstruction} | ${e.test.kl ?? "–"} | ${e.test.psnr} | ${e.test.ssim} |`
    )
  ];
  return `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
  const {values: args} = parseArgs({
    options: {
      only: {type: "string"},
      check: {type: "boolean", default: false},
      list: {type: "boolean", default: false},
      evaluate: {type: "boolean", default: false},
      table: {type: "boolean", default: false}
    },
    strict: true
  });
  const wanted = args.only?.split(",").map((s) => s.trim());
  const unknown = wanted?.filter((name) => !CHECKPOINT_SPECS.some((spec) => spec.name === name)) ?? [];
  if (unknown.length) {
    process.stderr.write(
      `checkpoints: unknown ${unknown.join(", ")}; known: ${CHECKPOINT_SPECS.map((s) => s.name).join(", ")}\n`
    );
    process.exit(2);
  }
  const specs = CHECKPOINT_SPECS.filter((spec) => !wanted || wanted.includes(spec.name));
  if (args.table) {
    process.stdout.write(markdownTable(readIndex()?.checkpoints ?? []));
    return;
  }
  if (args.list) {
    for (const spec of specs) process.stdout.write(`${spec.name}\n`);
    return;
  }
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend is not available");
  // Stock wasm cannot train conv layers; these kernels can (and are what the CLI and the browser use).
  registerFastKernels(["wasm"]);

  const previous = readIndex();
  const entries = new Map((previous?.checkpoints ?? []).map((entry) => [entry.name, entry]));
  const stored = new Map<string, Uint8Array>();
  let failures = 0;
  mkdirSync(CHECKPOINT_DIR, {recursive: true});
  const writeIndex = (): void => {
    const index: CheckpointIndex = {
      version: CHECKPOINT_INDEX_VERSION,
      command: COMMAND,
      testImages: 10000,
      checkpoints: CHECKPOINT_SPECS.map((s) => entries.get(s.name)).filter((e): e is CheckpointEntry => !!e)
    };
    mkdirSync(dirname(MANIFEST_PATH), {recursive: true});
    writeFileSync(MANIFEST_PATH, `${JSON.stringify(index, null, 2)}\n`);
    writeFilesModule(index);
    // Framework re-runs a data loader only when the loader itself changes: drop the previews it computed from the
    // old checkpoints, so that the next build or preview computes them again.
    rmSync(PREVIEWS_CACHE, {force: true});
  };
  if (args.evaluate) {
    for (const spec of specs) {
      const entry = entries.get(spec.name);
      if (!entry) throw new Error(`${spec.name} is not in the manifest: train it first`);
      const model = loadStoredModel(entry);
      const {test, testSlice} = await measure(model, entry);
      model.dispose();
      entries.set(spec.name, {...entry, test, testSlice});
      process.stderr.write(`checkpoints: ${spec.name}: ${JSON.stringify(test)}\n`);
      writeIndex();
    }
    return;
  }
  for (const spec of specs) {
    const started = performance.now();
    process.stderr.write(`checkpoints: training ${spec.name} (${spec.epochs} x ${spec.samples} images)\n`);
    const {bytes, entry} = await trainOne(spec, stored);
    stored.set(spec.name, bytes);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stderr.write(
      `checkpoints: ${spec.name}: ${JSON.stringify(entry.test)} (${bytes.length} bytes, ${seconds} s)\n`
    );
    if (args.check) {
      const expected = entries.get(spec.name);
      const problems = expected ? compareMetrics(expected.test, entry.test) : ["not in the manifest"];
      process.stdout.write(
        `${spec.name}: ${problems.length ? `MISMATCH ${problems.join("; ")}` : "matches the manifest"}\n`
      );
      if (problems.length) failures++;
      continue;
    }
    writeFileSync(join(CHECKPOINT_DIR, entry.file), bytes);
    entries.set(spec.name, entry);
    // The manifest is rewritten after each checkpoint, so an interrupted run keeps what it finished.
    writeIndex();
  }
  if (failures) process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""))) await main();
