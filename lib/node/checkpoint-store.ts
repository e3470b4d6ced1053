// Node only: where the shipped checkpoints and their unfinished trainings live on disk, and how they are read and
// written: the manifest (with the files module that makes Framework copy each checkpoint into the site), stored
// models, training state to resume from, and installing a finished checkpoint.
import {existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import * as tf from "@tensorflow/tfjs";
import {applyCheckpoint, decodeCheckpoint, encodeCheckpoint} from "../checkpoints/format.js";
import {CHECKPOINT_MANIFEST_VERSION, type CheckpointEntry, type CheckpointManifest} from "../checkpoints/manifest.js";
import {CHECKPOINT_SPECS} from "../checkpoints/list.js";
import type {NamedTensor, PlateauProgress} from "../checkpoints/plateau.js";
import type {Autoencoder} from "../models/autoencoder.js";
import {buildModel} from "../models/registry.js";

export const CHECKPOINT_DIR = "data/checkpoints";
export const MANIFEST_PATH = join(CHECKPOINT_DIR, "manifest.json");
/** Unfinished trainings: weights (float32) and optimizer state after the last epoch, to resume from. */
export const STATE_DIR = join(CHECKPOINT_DIR, "training");
export const FILES_MODULE = "src/components/checkpoint-files.ts";
/** The same for each checkpoint's first-paint preview (src/data/previews/[checkpoint].bin.ts). */
export const PREVIEWS_MODULE = "src/components/checkpoint-previews.ts";
/** Framework's cached output of src/data/previews.bin.ts, computed from the checkpoints. */
const PREVIEWS_CACHE = "src/.observablehq/cache/data/previews.bin";
export const COMMAND = "npm run checkpoints";

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

// Training state files: a float32 checkpoint of the model (its metadata holds the progress as JSON), and the
// optimizer's variables as "AEOS" | header length (uint32 LE) | JSON [{name, shape}] | padding to 4 | float32 data.
export const statePaths = (name: string): {model: string; optimizer: string} => ({
  model: join(STATE_DIR, `${name}.ckpt`),
  optimizer: join(STATE_DIR, `${name}.optimizer`)
});

export function writeAtomically(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(`${path}.part`, bytes);
  renameSync(`${path}.part`, path);
}

export async function saveState(
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

export function loadState(
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
  writeFileSync(PREVIEWS_MODULE, previewsModuleSource(index));
}

/** The module of one literal FileAttachment per checkpoint preview (tests check that it matches the manifest). */
export function previewsModuleSource(index: CheckpointManifest): string {
  const lines = index.checkpoints.map(
    (entry) =>
      `  ${JSON.stringify(entry.name)}: FileAttachment(${JSON.stringify(`../data/previews/${entry.name}.bin`)}).href`
  );
  return `// Generated by lib/node/checkpoints.ts (npm run checkpoints): do not edit by hand.
// One literal FileAttachment per checkpoint's first-paint preview (src/data/previews/[checkpoint].bin.ts), so that
// Framework builds each one; a page fetches only the one it shows (src/components/previews.ts).
import {FileAttachment} from "observablehq:stdlib";

export const checkpointPreviewUrls: Record<string, string> = {
${lines.join(",\n")}
};
`;
}

export function writeManifest(entries: Map<string, CheckpointEntry>): void {
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

/** Moves a finished training's file into place, drops its training state and records it in the manifest. */
export function installCheckpoint(entry: CheckpointEntry, entries: Map<string, CheckpointEntry>): void {
  renameSync(join(STATE_DIR, `${entry.name}.done`), join(CHECKPOINT_DIR, entry.file));
  const paths = statePaths(entry.name);
  rmSync(paths.model, {force: true});
  rmSync(paths.optimizer, {force: true});
  entries.set(entry.name, entry);
  writeManifest(entries);
}
