// Trains the checkpoints the site ships (lib/checkpoints/list.ts) on all 60,000 MNIST training images until each
// one's test loss plateaus (lib/checkpoints/plateau.ts), and writes data/checkpoints/*.ckpt, their manifest and
// src/components/checkpoint-files.ts (the FileAttachment references that make Framework copy the files).
// Usage: npm run checkpoints [-- --only name,name] [--jobs 2] [--commit] [--evaluate] [--table] [--list]
//   (default) train what is missing or not yet at its plateau, --jobs at once (one process each), resuming from
//             the saved weights and optimizer state in data/checkpoints/training/ after any epoch;
//   --commit  commit each checkpoint (file, manifest, files module) as it finishes;
//   --evaluate  re-measure the stored files (no training) and update their metrics in the manifest;
//   --table   print the manifest as a Markdown table;  --list  print the checkpoints' names.
// Run it niced on a shared machine: nice -n 15 npm run checkpoints -- --commit.
import {spawn, spawnSync} from "node:child_process";
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {applyCheckpoint, decodeCheckpoint, encodeCheckpoint} from "../checkpoints/format.js";
import {
  CHECKPOINT_MANIFEST_VERSION,
  type CheckpointEntry,
  type CheckpointManifest,
  type CheckpointMetrics
} from "../checkpoints/manifest.js";
import {CHECKPOINT_SPECS, findSpec, type CheckpointSpec} from "../checkpoints/list.js";
import {sliceDataset} from "../data/dataset.js";
import {registerFastKernels} from "../backend/kernels/index.js";
import {buildModel} from "../models/registry.js";
import {type Autoencoder} from "../models/autoencoder.js";
import {loadMnist} from "./mnist.js";
import {
  initialProgress,
  PLATEAU,
  trainToPlateau,
  type NamedTensor,
  type PlateauProgress
} from "../checkpoints/plateau.js";
import {measureEmbedding, measureLessonKl} from "../training/evaluation.js";
import {evaluateModel, type Evaluation} from "../training/evaluation.js";

export const CHECKPOINT_DIR = "data/checkpoints";
export const MANIFEST_PATH = join(CHECKPOINT_DIR, "manifest.json");
/** Unfinished trainings: weights (float32) and optimizer state after the last epoch, to resume from. */
const STATE_DIR = join(CHECKPOINT_DIR, "training");
const FILES_MODULE = "src/components/checkpoint-files.ts";
/** Framework's cached output of src/data/previews.bin.ts, computed from the checkpoints. */
const PREVIEWS_CACHE = "src/.observablehq/cache/data/previews.bin";
const COMMAND = "npm run checkpoints";

/** The manifest also records metrics on the first SLICE_IMAGES test images: tests re-measure them in seconds. */
export const SLICE_IMAGES = 1000;

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));
const log = (line: string): void => void process.stderr.write(`checkpoints: ${line}\n`);

export function readManifest(path = MANIFEST_PATH): CheckpointManifest | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as CheckpointManifest) : undefined;
}

/** Loads a stored checkpoint file into a fresh model (weights exactly as the pages get them). */
export function loadStoredModel(entry: CheckpointEntry, dir = CHECKPOINT_DIR): Autoencoder {
  const checkpoint = decodeCheckpoint(new Uint8Array(readFileSync(join(dir, entry.file))));
  const model = buildModel(checkpoint.header.config);
  applyCheckpoint(model, checkpoint);
  return model;
}

/** True when the manifest's entry for `spec` is trained to its end by this command's rules. */
export function isFinished(entry: CheckpointEntry | undefined, spec: CheckpointSpec): boolean {
  return !!entry?.stopped && entry.samples === 60000 && JSON.stringify(entry.config) === JSON.stringify(spec.config);
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

// Training state files: a float32 checkpoint of the model (its metadata holds the progress as JSON), and the
// optimizer's variables as "AEOS" | header length (uint32 LE) | JSON [{name, shape}] | padding to 4 | float32 data.
const statePaths = (name: string): {model: string; optimizer: string} => ({
  model: join(STATE_DIR, `${name}.ckpt`),
  optimizer: join(STATE_DIR, `${name}.optimizer`)
});

function writeAtomically(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(`${path}.part`, bytes);
  renameSync(`${path}.part`, path);
}

async function saveState(
  name: string,
  model: Autoencoder,
  progress: PlateauProgress,
  optimizer: tf.Optimizer
): Promise<void> {
  const weights = await optimizer.getWeights();
  const arrays = await Promise.all(weights.map((w) => w.tensor.data() as Promise<Float32Array>));
  weights[0].tensor.dispose(); // the step count, made anew by getWeights(); the rest are the optimizer's own
  const header = new TextEncoder().encode(JSON.stringify(weights.map((w) => ({name: w.name, shape: w.tensor.shape}))));
  const start = Math.ceil((8 + header.length) / 4) * 4;
  const bytes = new Uint8Array(start + arrays.reduce((n, a) => n + a.length * 4, 0));
  bytes.set(new TextEncoder().encode("AEOS"));
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  let offset = start;
  for (const values of arrays) {
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
    offset += values.byteLength;
  }
  const paths = statePaths(name);
  writeAtomically(paths.optimizer, bytes);
  writeAtomically(
    paths.model,
    encodeCheckpoint(model, {dtype: "float32", metadata: {progress: JSON.stringify(progress)}})
  );
}

function loadState(
  name: string
): {model: Autoencoder; progress: PlateauProgress; optimizer: NamedTensor[]} | undefined {
  const paths = statePaths(name);
  if (!existsSync(paths.model) || !existsSync(paths.optimizer)) return undefined;
  const checkpoint = decodeCheckpoint(new Uint8Array(readFileSync(paths.model)));
  const model = buildModel(checkpoint.header.config);
  applyCheckpoint(model, checkpoint);
  const progress = JSON.parse(String(checkpoint.header.metadata.progress)) as PlateauProgress;
  const bytes = new Uint8Array(readFileSync(paths.optimizer));
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== "AEOS")
    throw new Error(`${paths.optimizer}: not an optimizer state`);
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    name: string;
    shape: number[];
  }[];
  let offset = Math.ceil((8 + headerLength) / 4) * 4;
  const optimizer = header.map(({name, shape}) => {
    const count = shape.reduce((a, d) => a * d, 1);
    const values = new Float32Array(bytes.slice(offset, offset + count * 4).buffer);
    offset += count * 4;
    return {name, tensor: tf.tensor(values, shape)};
  });
  return {model, progress, optimizer};
}

/** Trains one checkpoint to its plateau (resuming if it can) and writes it to the state folder; returns its entry. */
async function trainOne(spec: CheckpointSpec): Promise<CheckpointEntry> {
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
    metadata: {name: spec.name, epochs, totalEpochs: initEpochs + epochs, samples: train.count, command: COMMAND}
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

function writeFilesModule(index: CheckpointManifest): void {
  const lines = index.checkpoints.map(
    (entry) =>
      `  ${JSON.stringify(entry.file)}: FileAttachment(${JSON.stringify(`../data/checkpoints/${entry.file}`)}).href`
  );
  writeFileSync(
    FILES_MODULE,
    `// Generated by lib/node/checkpoints.ts (npm run checkpoints): do not edit by hand.
// One literal FileAttachment per checkpoint, so that Framework copies each file into the site.
import {FileAttachment} from "observablehq:stdlib";

export const checkpointManifestUrl: string = FileAttachment("../data/checkpoints/manifest.json").href;

export const checkpointFileUrls: Record<string, string> = {
${lines.join(",\n")}
};
`
  );
}

function writeManifest(entries: Map<string, CheckpointEntry>): void {
  const index: CheckpointManifest = {
    version: CHECKPOINT_MANIFEST_VERSION,
    command: COMMAND,
    testImages: 10000,
    checkpoints: CHECKPOINT_SPECS.map((s) => entries.get(s.name)).filter((e): e is CheckpointEntry => !!e)
  };
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(index, null, 2)}\n`);
  writeFilesModule(index);
  // Framework re-runs a data loader only when the loader itself changes: drop the previews it computed from the
  // old checkpoints, so that the next build or preview computes them again.
  rmSync(PREVIEWS_CACHE, {force: true});
}

/** Moves a finished training's file into place and records it; with `commit`, commits exactly those files. */
function install(entry: CheckpointEntry, entries: Map<string, CheckpointEntry>, commit: boolean): void {
  renameSync(join(STATE_DIR, `${entry.name}.done`), join(CHECKPOINT_DIR, entry.file));
  const paths = statePaths(entry.name);
  rmSync(paths.model, {force: true});
  rmSync(paths.optimizer, {force: true});
  entries.set(entry.name, entry);
  writeManifest(entries);
  if (!commit) return;
  const files = [join(CHECKPOINT_DIR, entry.file), MANIFEST_PATH, FILES_MODULE];
  const message = `Checkpoint ${entry.name} trained to its ${entry.stopped === "plateau" ? "plateau" : "epoch cap"}: ${entry.epochs} epochs, test loss ${entry.test.loss}`;
  // Another git command may hold the index for a moment: retry.
  for (let attempt = 0; attempt < 10; attempt++) {
    const add = spawnSync("git", ["add", "--", ...files]);
    const done =
      add.status === 0 && spawnSync("git", ["commit", "-q", "-m", message, "--only", "--", ...files]).status === 0;
    if (done) return log(`committed ${entry.name}`);
    spawnSync("sleep", ["3"]);
  }
  log(`could not commit ${entry.name}: commit it by hand`);
}

/** Runs `--train NAME` in a child process per checkpoint, `jobs` at a time, each after the one it starts from. */
async function trainAll(specs: CheckpointSpec[], jobs: number, commit: boolean): Promise<number> {
  const entries = new Map((readManifest()?.checkpoints ?? []).map((entry) => [entry.name, entry]));
  const pending = specs.filter((spec) => !isFinished(entries.get(spec.name), spec));
  const running = new Set<string>();
  let failures = 0;
  log(`to train: ${pending.map((s) => s.name).join(", ") || "nothing"}`);
  const script = fileURLToPath(import.meta.url);
  await new Promise<void>((resolve) => {
    const isReady = (spec: CheckpointSpec): boolean =>
      !spec.initFrom || isFinished(entries.get(spec.initFrom), findSpec(spec.initFrom)!);
    const startNext = (): void => {
      while (running.size < jobs) {
        const index = pending.findIndex(isReady);
        if (index < 0) break;
        const [spec] = pending.splice(index, 1);
        running.add(spec.name);
        const child = spawn(process.execPath, [...process.execArgv, script, "--train", spec.name], {
          stdio: ["ignore", "pipe", "inherit"]
        });
        let stdout = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.on("close", (code) => {
          running.delete(spec.name);
          if (code === 0) {
            const entry = JSON.parse(stdout.trim().split("\n").pop()!) as CheckpointEntry;
            install(entry, entries, commit);
            log(`${spec.name}: ${entry.epochs} epochs (${entry.stopped}), ${JSON.stringify(entry.test)}`);
          } else {
            failures++;
            log(`${spec.name}: failed (exit ${code}); its saved state resumes next time`);
          }
          startNext();
        });
      }
      if (running.size === 0) {
        if (pending.length)
          log(`not started (what they start from is missing): ${pending.map((s) => s.name).join(", ")}`);
        resolve();
      }
    };
    startNext();
  });
  return failures + pending.length;
}

/** The manifest as a Markdown table: what each checkpoint is, what it trained on, its size and test metrics. */
export function markdownTable(entries: CheckpointEntry[]): string {
  const settings = (e: CheckpointEntry): string =>
    [
      e.config.model === "super-res" && e.config.network === "lesson" ? "super-res (lesson's network)" : e.config.model,
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
        `| ${e.name} | ${settings(e)} | ${e.epochs} x ${e.samples.toLocaleString("en-US")} images${e.initFrom ? ` after ${e.initFrom}` : ""}${e.stopped ? `, ${e.stopped}` : ""} (${Math.round(e.trainSeconds)} s) | ${e.bytes.toLocaleString("en-US")} (${e.dtype}) | ${e.test.loss} | ${e.test.reconstruction} | ${e.test.kl ?? "–"} | ${e.test.psnr} | ${e.test.ssim} |`
    )
  ];
  return `${lines.join("\n")}\n`;
}

async function startBackend(): Promise<void> {
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend is not available");
  // Stock wasm cannot train conv layers; these kernels can (and are what the CLI and the browser use).
  registerFastKernels(["wasm"]);
}

async function main(): Promise<void> {
  const {values: args} = parseArgs({
    options: {
      only: {type: "string"},
      jobs: {type: "string", default: "2"},
      commit: {type: "boolean", default: false},
      train: {type: "string"},
      list: {type: "boolean", default: false},
      evaluate: {type: "boolean", default: false},
      table: {type: "boolean", default: false}
    },
    strict: true
  });
  const wanted = args.only?.split(",").map((s) => s.trim());
  const unknown = [...(wanted ?? []), ...(args.train ? [args.train] : [])].filter((name) => !findSpec(name));
  if (unknown.length) {
    log(`unknown ${unknown.join(", ")}; known: ${CHECKPOINT_SPECS.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  const specs = CHECKPOINT_SPECS.filter((spec) => !wanted || wanted.includes(spec.name));
  if (args.table) return void process.stdout.write(markdownTable(readManifest()?.checkpoints ?? []));
  if (args.list) return void process.stdout.write(specs.map((s) => `${s.name}\n`).join(""));
  if (args.train) {
    await startBackend();
    process.stdout.write(`${JSON.stringify(await trainOne(findSpec(args.train)!))}\n`);
    return;
  }
  if (args.evaluate) {
    await startBackend();
    const entries = new Map((readManifest()?.checkpoints ?? []).map((entry) => [entry.name, entry]));
    for (const spec of specs) {
      const entry = entries.get(spec.name);
      if (!entry) throw new Error(`${spec.name} is not in the manifest: train it first`);
      const model = loadStoredModel(entry);
      entries.set(spec.name, {...entry, ...(await measure(model, entry))});
      model.dispose();
      log(`${spec.name}: ${JSON.stringify(entries.get(spec.name)?.test)}`);
      writeManifest(entries);
    }
    return;
  }
  const jobs = Number(args.jobs);
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new Error(`--jobs must be a positive integer, got ${args.jobs}`);
  if ((await trainAll(specs, jobs, args.commit)) > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""))) await main();
