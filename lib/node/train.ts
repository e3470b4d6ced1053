// Trains one model of the lesson on MNIST in Node and evaluates it on the 10,000 test images.
// Usage: npm run train -- --model <name> [--epochs N] [--samples N] [--latent N] [--kl-weight X] [--noise X]
//          [--noise-mean X] [--corruption gaussian|salt-pepper|mask] [--scale 2|4] [--batch N] [--lr X]
//          [--optimizer adam|rmsprop] [--loss bce|mse] [--seed N] [--load FILE] [--save FILE] [--float32]
//          [--test-samples N] [--backend wasm|cpu] [--json]
// --load FILE continues from (or, with --epochs 0, evaluates) a checkpoint under the settings it was trained with:
// its model and scale from its header, its corruption and KL weight from its header's metadata, or else from the
// manifest entry of the same name (data/checkpoints/manifest.json, beside the file). Flags override them: --noise
// (with --corruption and --noise-mean) replaces the corruption, --kl-weight the KL weight.
// So `npm run train -- --load data/checkpoints/NAME.ckpt --epochs 0 --json` re-measures a shipped checkpoint.
// Defaults differ from the lesson's (batch 128, learning rate 0.001) on purpose: batch 32 at 0.002 learns more per
// epoch, and CPU epochs are what is scarce in Node.
// Progress goes to stderr; the result to stdout (with --json: its last line is one JSON object).
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {basename, dirname, join} from "node:path";
import {parseArgs} from "node:util";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {applyCheckpoint, decodeCheckpoint, encodeCheckpoint, type CheckpointHeader} from "../checkpoints/format.js";
import {type Corruption} from "../images/corruptions.js";
import {sliceDataset} from "../data/dataset.js";
import {registerFastKernels} from "../backend/kernels/index.js";
import {defaultLossOptions, type LossOptions} from "../training/losses.js";
import {countActiveUnits} from "../latent/codes.js";
import {buildModel} from "../models/registry.js";
import {countParams, type Autoencoder} from "../models/autoencoder.js";
import {defaultModelConfig, MODEL_NAMES, type ModelConfig, type ModelName} from "../models/config.js";
import {loadMnist} from "./mnist.js";
import {MANIFEST_PATH, readManifest} from "./checkpoint-store.js";
import {evaluateModel, measureEmbedding, measureLessonKl, measureUpscaling} from "../training/evaluation.js";
import {startTraining, type OptimizerName} from "../training/loop.js";

const CORRUPTION_KINDS = ["gaussian", "salt-pepper", "mask"] as const;

/** Codes up to this size are compared with PCA by kNN accuracy (larger ones take too long in plain JS). */
const MAX_EMBEDDING_DIM = 64;

const {values: args} = parseArgs({
  options: {
    model: {type: "string"},
    epochs: {type: "string", default: "1"},
    samples: {type: "string"},
    "test-samples": {type: "string", default: "10000"},
    latent: {type: "string"},
    "kl-weight": {type: "string"},
    noise: {type: "string"},
    "noise-mean": {type: "string"},
    corruption: {type: "string"},
    scale: {type: "string"},
    batch: {type: "string", default: "32"},
    lr: {type: "string", default: "0.002"},
    optimizer: {type: "string"},
    loss: {type: "string"},
    seed: {type: "string", default: "1"},
    load: {type: "string"},
    save: {type: "string"},
    float32: {type: "boolean", default: false},
    backend: {type: "string", default: "wasm"},
    json: {type: "boolean", default: false}
  },
  strict: true
});

function fail(message: string): never {
  process.stderr.write(`train: ${message}\n`);
  process.exit(2);
}

function parseNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) fail(`--${name} must be a number, got ${text}`);
  return value;
}

function oneOf<T extends string>(name: string, text: string | undefined, choices: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) fail(`--${name} must be one of ${choices.join(", ")}`);
  return text as T;
}

function modelConfig(): ModelConfig {
  const name =
    oneOf<ModelName>("model", args.model, MODEL_NAMES) ?? fail(`--model is required (${MODEL_NAMES.join(", ")})`);
  const latentDim = parseNumber("latent", args.latent);
  // --seed also seeds the weights, so that one number replays a whole run.
  const config = {...defaultModelConfig(name), seed: parseNumber("seed", args.seed) ?? 1};
  if (config.model === "super-res") {
    const scale = parseNumber("scale", args.scale) ?? 2;
    if (scale !== 2 && scale !== 4) fail("--scale must be 2 or 4");
    return {...config, scale};
  }
  return latentDim === undefined ? config : {...config, latentDim};
}

/** The corruption the flags ask for (all of it: --noise replaces a loaded checkpoint's); else `stored`. */
function corruptionOption(stored: Corruption | undefined): Corruption | undefined {
  const level = parseNumber("noise", args.noise);
  if (level === undefined) {
    if (args.corruption !== undefined || args["noise-mean"] !== undefined)
      fail("--corruption and --noise-mean need --noise");
    return stored;
  }
  const kind = oneOf("corruption", args.corruption, CORRUPTION_KINDS) ?? "gaussian";
  if (kind !== "gaussian") return {kind, rate: level};
  return {kind, sigma: level, mean: parseNumber("noise-mean", args["noise-mean"]) ?? 0};
}

/** The settings a checkpoint was trained with, beyond its model config (which its header always holds). */
interface StoredSettings {
  corruption?: Corruption;
  klWeight?: number;
  /** Where they were read from, for the log. */
  source: string;
}

/**
 * A checkpoint's corruption and KL weight: from its header's metadata (`corruption` as JSON text, `klWeight`), which
 * `npm run checkpoints` and --save write; for files made before they did, from the manifest entry named by the
 * metadata's `name` or the file's basename (the manifest beside the file, else the shipped one), if its config agrees.
 */
function storedSettings(path: string, header: CheckpointHeader): StoredSettings {
  const metadata = header.metadata;
  const name = typeof metadata.name === "string" ? metadata.name : basename(path).replace(/\.ckpt$/, "");
  const manifestPath = [join(dirname(path), "manifest.json"), MANIFEST_PATH].find((p) => existsSync(p));
  const entry = manifestPath ? readManifest(manifestPath)?.checkpoints.find((e) => e.name === name) : undefined;
  const fromManifest = entry && JSON.stringify(entry.config) === JSON.stringify(header.config) ? entry : undefined;
  const sources: string[] = [];
  let corruption: Corruption | undefined;
  if (typeof metadata.corruption === "string") {
    corruption = (JSON.parse(metadata.corruption) as Corruption | null) ?? undefined;
    sources.push("corruption from the header");
  } else if (fromManifest) {
    corruption = fromManifest.corruption;
    sources.push(`corruption from ${manifestPath} (${name})`);
  }
  let klWeight: number | undefined;
  if (typeof metadata.klWeight === "number") {
    klWeight = metadata.klWeight;
    sources.push("KL weight from the header");
  } else if (fromManifest?.klWeight !== undefined) {
    klWeight = fromManifest.klWeight;
    sources.push(`KL weight from ${manifestPath} (${name})`);
  }
  return {corruption, klWeight, source: sources.join(", ") || "none stored: defaults"};
}

/** Continues from a saved checkpoint (e.g. denoising starts from the trained conv-ae, as in the lesson). */
function loadModel(path: string): {model: Autoencoder; stored: StoredSettings} {
  const checkpoint = decodeCheckpoint(new Uint8Array(readFileSync(path)));
  const config = checkpoint.header.config;
  if (args.model && args.model !== config.model) fail(`${path} holds a ${config.model}, not ${args.model}`);
  // A loaded model keeps its own architecture: --latent and --scale may only repeat it.
  const latent = parseNumber("latent", args.latent);
  if (latent !== undefined && !("latentDim" in config && config.latentDim === latent))
    fail(`${path} does not have a ${latent}-number code`);
  const scale = parseNumber("scale", args.scale);
  if (scale !== undefined && !(config.model === "super-res" && config.scale === scale))
    fail(`${path} is not a x${scale} super-resolution model`);
  const model = buildModel(config);
  applyCheckpoint(model, checkpoint);
  return {model, stored: storedSettings(path, checkpoint.header)};
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

async function main(): Promise<void> {
  const backend = oneOf("backend", args.backend, ["wasm", "cpu"] as const) ?? "wasm";
  if (!(await tf.setBackend(backend))) fail(`backend ${backend} is not available`);
  // Stock wasm cannot train conv layers and stock cpu trains them ~100x slower; these kernels fix both.
  registerFastKernels([backend]);

  const loaded = args.load ? loadModel(args.load) : undefined;
  const model = loaded?.model ?? buildModel(modelConfig());
  const epochs = parseNumber("epochs", args.epochs) ?? 1;
  const batchSize = parseNumber("batch", args.batch) ?? 32;
  const learningRate = parseNumber("lr", args.lr) ?? 0.002;
  const optimizer: OptimizerName =
    oneOf("optimizer", args.optimizer, ["adam", "rmsprop"] as const) ?? (model.isVariational ? "rmsprop" : "adam");
  const seed = parseNumber("seed", args.seed) ?? 1;
  const loss: Partial<LossOptions> = {};
  const klWeight = parseNumber("kl-weight", args["kl-weight"]) ?? loaded?.stored.klWeight;
  if (klWeight !== undefined) loss.klWeight = klWeight;
  const reconstruction = oneOf("loss", args.loss, ["bce", "mse"] as const);
  if (reconstruction) loss.reconstruction = reconstruction;
  const corruption = corruptionOption(loaded?.stored.corruption);

  const fullTrain = loadMnist("train");
  const train = sliceDataset(fullTrain, parseNumber("samples", args.samples) ?? fullTrain.count);
  const test = sliceDataset(loadMnist("test"), parseNumber("test-samples", args["test-samples"]) ?? 10000);
  const settings = {
    ...model.config,
    params: countParams(model),
    epochs,
    samples: train.count,
    testSamples: test.count,
    batchSize,
    optimizer,
    learningRate,
    loss: {...defaultLossOptions(model), ...loss},
    corruption: corruption ?? null,
    seed,
    backend,
    load: args.load ?? null,
    ...(loaded ? {storedSettings: loaded.stored.source} : {})
  };
  process.stderr.write(`train: ${JSON.stringify(settings)}\n`);

  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  let lastReport = 0;
  const run = startTraining(model, train, {
    epochs,
    batchSize,
    optimizer,
    learningRate,
    loss,
    corruption,
    seed,
    signal: controller.signal,
    onEvent: (event) => {
      if (event.type === "step" && performance.now() - lastReport > 10_000) {
        lastReport = performance.now();
        process.stderr.write(
          `  epoch ${event.epoch} step ${event.step}: loss ${event.loss.total.toFixed(4)} (${event.samplesPerSecond.toFixed(0)} samples/s)\n`
        );
      } else if (event.type === "epoch") {
        process.stderr.write(`epoch ${event.epoch}: train loss ${event.loss.total.toFixed(4)}\n`);
      } else if (event.type === "error") {
        process.stderr.write(`error: ${event.message}\n`);
      }
    }
  });
  const result = await run.result;
  if (result.status === "failed") fail(result.error ?? "training failed");

  const evaluation = await evaluateModel(model, test, {loss, corruption});
  const metrics = {
    loss: round(evaluation.loss.total),
    reconstruction: round(evaluation.loss.reconstruction),
    ...(evaluation.loss.kl !== undefined ? {kl: round(evaluation.loss.kl)} : {}),
    ...(evaluation.loss.klPerDim
      ? {
          kl_per_dim: evaluation.loss.klPerDim.map((v) => round(v)),
          active_units: countActiveUnits(evaluation.loss.klPerDim)
        }
      : {}),
    psnr: round(evaluation.psnr, 2),
    ssim: round(evaluation.ssim)
  };
  const config = model.config;
  const embedding = model.codeSize <= MAX_EMBEDDING_DIM ? measureEmbedding(model, test) : undefined;
  const extra = {
    ...(embedding
      ? {
          embedding: {
            dim: embedding.dim,
            knn_accuracy: embedding.knnAccuracy,
            pca_knn_accuracy: embedding.pcaKnnAccuracy
          }
        }
      : {}),
    ...(config.model === "super-res" ? {upscaling_baselines: measureUpscaling(test, config.scale)} : {}),
    ...(model.isVariational ? {loss_with_lesson_kl: round(metrics.reconstruction + measureLessonKl(model, test))} : {})
  };
  if (args.save) {
    const bytes = encodeCheckpoint(model, {
      dtype: args.float32 ? "float32" : "float16",
      metadata: {
        epochs,
        samples: train.count,
        status: result.status,
        testLoss: metrics.loss,
        // The settings it trained with, so that --load evaluates it under them.
        corruption: JSON.stringify(corruption ?? null),
        ...(model.isVariational ? {klWeight: settings.loss.klWeight} : {}),
        command: process.argv.slice(2).join(" ")
      }
    });
    writeFileSync(args.save, bytes);
    process.stderr.write(`saved ${args.save} (${bytes.length} bytes)\n`);
  }
  const summary = {
    model: model.config.model,
    settings,
    status: result.status,
    train: {
      steps: result.steps,
      seconds: round(result.seconds, 1),
      last_loss: result.lastLoss ? round(result.lastLoss.total) : null
    },
    test: {...metrics, ...extra},
    samples_per_s: round(result.samplesPerSecond, 1)
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    process.stdout.write(
      `${summary.model}: ${result.status} after ${result.steps} steps (${summary.samples_per_s} samples/s); ` +
        `test loss ${metrics.loss}, PSNR ${metrics.psnr} dB, SSIM ${metrics.ssim}\n`
    );
  }
  model.dispose();
}

await main();
