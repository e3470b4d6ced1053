// Trains one model of the lesson on MNIST in Node and evaluates it on the 10,000 test images.
// Usage: npm run train -- --model <name> [--epochs N] [--samples N] [--latent N] [--beta X] [--noise X]
//          [--noise-mean X] [--corruption gaussian|salt-pepper|mask] [--scale 2|4] [--batch N] [--lr X]
//          [--optimizer adam|rmsprop] [--loss bce|mse] [--seed N] [--load FILE] [--save FILE] [--float32]
//          [--test-samples N] [--backend wasm|cpu] [--json]
// Defaults differ from the lesson's (batch 128, learning rate 0.001) on purpose: batch 32 at 0.002 learns more per
// epoch, and CPU epochs are what is scarce in Node.
// Progress goes to stderr; the result to stdout (with --json: its last line is one JSON object).
import {readFileSync, writeFileSync} from "node:fs";
import {parseArgs} from "node:util";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {encodeCheckpoint, loadCheckpoint} from "../checkpoints/format.js";
import {downscale, upscale, type ScaleFactor, type Upscaling} from "../images/resampling.js";
import {type Corruption} from "../images/corruptions.js";
import {sliceDataset, type Dataset} from "../data/dataset.js";
import {registerFastKernels} from "../backend/kernels/index.js";
import {binaryCrossEntropy, defaultLossOptions, lessonNotebookKl, type LossOptions} from "../training/losses.js";
import {countActiveUnits} from "../latent/codes.js";
import {knnAccuracy, type Embedding} from "../latent/knn.js";
import {psnr} from "../images/metrics.js";
import {buildModel} from "../models/registry.js";
import {countParams, encode, type Autoencoder} from "../models/autoencoder.js";
import {defaultModelConfig, MODEL_NAMES, type ModelConfig, type ModelName} from "../models/config.js";
import {loadMnist} from "./mnist.js";
import {fitPca, projectPca} from "../latent/pca.js";
import {datasetToTensor, modelInput} from "../training/inputs.js";
import {evaluateModel} from "../training/evaluation.js";
import {startTraining, type OptimizerName} from "../training/loop.js";

/** Codes up to this size are compared with PCA by kNN accuracy (larger ones take too long in plain JS). */
const MAX_EMBEDDING_DIM = 64;

const {values: args} = parseArgs({
  options: {
    model: {type: "string"},
    epochs: {type: "string", default: "1"},
    samples: {type: "string"},
    "test-samples": {type: "string", default: "10000"},
    latent: {type: "string"},
    beta: {type: "string"},
    noise: {type: "string"},
    "noise-mean": {type: "string", default: "0"},
    corruption: {type: "string", default: "gaussian"},
    scale: {type: "string", default: "2"},
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
    const scale = parseNumber("scale", args.scale);
    if (scale !== 2 && scale !== 4) fail("--scale must be 2 or 4");
    return {...config, scale};
  }
  return latentDim === undefined ? config : {...config, latentDim};
}

function corruptionOption(): Corruption | undefined {
  const level = parseNumber("noise", args.noise);
  if (level === undefined) return undefined;
  const kind = oneOf("corruption", args.corruption, ["gaussian", "salt-pepper", "mask"] as const);
  if (kind === "gaussian") return {kind, sigma: level, mean: parseNumber("noise-mean", args["noise-mean"]) ?? 0};
  return {kind: kind ?? "gaussian", rate: level} as Corruption;
}

/** Continues from a saved checkpoint (e.g. denoising starts from the trained conv-ae, as in the lesson). */
function loadModel(path: string): Autoencoder {
  const model = loadCheckpoint(new Uint8Array(readFileSync(path)));
  if (args.model && args.model !== model.config.model) fail(`${path} holds a ${model.config.model}, not ${args.model}`);
  return model;
}

/** Codes of all images of `data` (VAEs: means), row after row. */
function encodeAll(model: Autoencoder, data: Dataset): Float32Array {
  const out = new Float32Array(data.count * model.codeSize);
  for (let start = 0; start < data.count; start += 1000) {
    const end = Math.min(data.count, start + 1000);
    const indices = Uint32Array.from({length: end - start}, (_, i) => start + i);
    const codes = tf.tidy(() => encode(model, modelInput(model, datasetToTensor(data, indices), undefined, 0)));
    out.set(codes.dataSync(), start * model.codeSize);
    codes.dispose();
  }
  return out;
}

/**
 * kNN accuracy (k = 5) of the model's code against PCA with as many components, on the test set: 80% of it is
 * the reference set (and fits PCA), the rest is classified. Measures "autoencoders embed better than PCA".
 */
function measureEmbedding(
  model: Autoencoder,
  test: Dataset
): {dim: number; knn_accuracy: number; pca_knn_accuracy: number} {
  const dim = model.codeSize;
  const split = Math.floor(test.count * 0.8);
  const codes = encodeAll(model, test);
  const pixels = Float32Array.from(test.images, (v) => v / 255);
  const reference = (values: Float32Array, size: number): Embedding => ({
    values: values.subarray(0, split * size),
    dim: size
  });
  const queries = (values: Float32Array, size: number): Embedding => ({
    values: values.subarray(split * size),
    dim: size
  });
  const [refLabels, queryLabels] = [test.labels.subarray(0, split), test.labels.subarray(split)];
  // 3,000 images pin down the leading components well and keep the pure-JS fit to seconds.
  const pca = fitPca({values: pixels.subarray(0, Math.min(split, 3000) * 784), dim: 784}, dim, {iterations: 80});
  const projected = projectPca(pca, {values: pixels, dim: 784});
  return {
    dim,
    knn_accuracy: round(knnAccuracy(reference(codes, dim), refLabels, queries(codes, dim), queryLabels)),
    pca_knn_accuracy: round(
      knnAccuracy(reference(projected.values, dim), refLabels, queries(projected.values, dim), queryLabels)
    )
  };
}

/** BCE and PSNR of classical upscaling of the same low-resolution test inputs: the bar super-resolution must clear. */
/** Mean over the test set of the lesson notebook's KL term (see lessonNotebookKl), for comparing with its number. */
function measureLessonKl(model: Autoencoder, test: Dataset): number {
  let sum = 0;
  for (let start = 0; start < test.count; start += 500) {
    const end = Math.min(test.count, start + 500);
    const total = tf.tidy(() => {
      const x = datasetToTensor(
        test,
        Array.from({length: end - start}, (_, i) => start + i)
      );
      const [mean, logSigma] = model.encoder.predict(x) as tf.Tensor2D[];
      return lessonNotebookKl(mean, logSigma).sum();
    });
    sum += total.dataSync()[0];
    total.dispose();
  }
  return sum / test.count;
}

function measureUpscaling(test: Dataset, scale: ScaleFactor): Record<Upscaling, {bce: number; psnr: number}> {
  const methods: Upscaling[] = ["nearest", "bilinear", "bicubic"];
  const sums = methods.map(() => ({bce: 0, psnr: 0}));
  for (let start = 0; start < test.count; start += 1000) {
    const end = Math.min(test.count, start + 1000);
    const indices = Uint32Array.from({length: end - start}, (_, i) => start + i);
    tf.tidy(() => {
      const clean = datasetToTensor(test, indices);
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

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

async function main(): Promise<void> {
  const backend = oneOf("backend", args.backend, ["wasm", "cpu"] as const) ?? "wasm";
  if (!(await tf.setBackend(backend))) fail(`backend ${backend} is not available`);
  // Stock wasm cannot train conv layers and stock cpu trains them ~100x slower; these kernels fix both.
  registerFastKernels([backend]);

  const model = args.load ? loadModel(args.load) : buildModel(modelConfig());
  const epochs = parseNumber("epochs", args.epochs) ?? 1;
  const batchSize = parseNumber("batch", args.batch) ?? 32;
  const learningRate = parseNumber("lr", args.lr) ?? 0.002;
  const optimizer: OptimizerName =
    oneOf("optimizer", args.optimizer, ["adam", "rmsprop"] as const) ?? (model.isVariational ? "rmsprop" : "adam");
  const seed = parseNumber("seed", args.seed) ?? 1;
  const loss: Partial<LossOptions> = {};
  const beta = parseNumber("beta", args.beta);
  if (beta !== undefined) loss.klWeight = beta;
  const reconstruction = oneOf("loss", args.loss, ["bce", "mse"] as const);
  if (reconstruction) loss.reconstruction = reconstruction;
  const corruption = corruptionOption();

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
    load: args.load ?? null
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
  const extra = {
    ...(model.codeSize <= MAX_EMBEDDING_DIM ? {embedding: measureEmbedding(model, test)} : {}),
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
