// Each shipped checkpoint's first-paint preview (lib/checkpoints/preview.ts), computed in Node at build time by the
// data loaders src/data/previews.bin.ts (the index: the manifest and the ten shown digits) and
// src/data/previews/[checkpoint].bin.ts (one checkpoint's pictures, so that a page fetches only the one it shows).
// It loads the checkpoint into its model and records what the training worker will report once it has done the
// same: the first probe (lib/training/evaluation.ts probeInputs and probeEvent, the session's first seed) and, for
// 2-number codes, the codes of the first test images. Any missing or corrupt file throws, naming the file.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {selectBackend} from "../backend/selection.js";
import {applyCheckpoint, decodeCheckpoint} from "../checkpoints/format.js";
import type {CheckpointEntry, CheckpointManifest} from "../checkpoints/manifest.js";
import {
  PREVIEW_EMBEDDING_COUNT,
  PREVIEW_VERSION,
  toBytes,
  type CheckpointPreview,
  type Previews
} from "../checkpoints/preview.js";
import {pickImages, probeIndicesOf, sliceDataset, type Dataset} from "../data/dataset.js";
import {countParams} from "../models/autoencoder.js";
import {buildModel} from "../models/registry.js";
import {embedDataset, probeEvent, probeInputs} from "../training/evaluation.js";
import {loadMnist} from "./mnist.js";

const DIR = "data/checkpoints";

export function readManifest(): CheckpointManifest {
  const file = join(DIR, "manifest.json");
  try {
    return JSON.parse(readFileSync(file, "utf8")) as CheckpointManifest;
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** The ten digits every page shows (lib/data/dataset.ts probeIndicesOf). */
function probeDigits(test: Dataset): Dataset {
  return pickImages(test, probeIndicesOf(test));
}

/** The index: the manifest and the shown digits, with no checkpoint's pictures. */
export function previewIndex(): Previews {
  const probe = probeDigits(loadMnist("test"));
  return {
    version: PREVIEW_VERSION,
    digits: {count: probe.count, images: probe.images, labels: probe.labels},
    manifest: readManifest(),
    previews: {}
  };
}

/** One checkpoint's preview file: its manifest entry alone, no digits, and its pictures. */
export async function checkpointPreviewFile(name: string): Promise<Previews> {
  const manifest = readManifest();
  const entry = manifest.checkpoints.find((e) => e.name === name);
  if (!entry) throw new Error(`no checkpoint named ${JSON.stringify(name)} in ${DIR}/manifest.json`);
  // The worker's backend (with our kernels), so that the live model redraws these pictures.
  await selectBackend("wasm");
  const preview = await checkpointPreview(entry, loadMnist("test"));
  return {
    version: PREVIEW_VERSION,
    digits: {count: 0, images: new Uint8Array(), labels: new Uint8Array()},
    manifest: {...manifest, checkpoints: [entry]},
    previews: {[name]: preview}
  };
}

async function checkpointPreview(entry: CheckpointEntry, test: Dataset): Promise<CheckpointPreview> {
  const file = join(DIR, entry.file);
  const model = buildModel(entry.config);
  try {
    try {
      applyCheckpoint(model, decodeCheckpoint(readFileSync(file)));
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    const input = probeInputs(model, probeDigits(test), entry.corruption, 1);
    const event = await probeEvent(model, input, 0);
    input.dispose();
    const preview: CheckpointPreview = {
      params: countParams(model),
      probe: {
        count: event.count,
        inputShape: event.inputShape,
        inputs: toBytes(event.inputs),
        outputs: toBytes(event.outputs)
      }
    };
    if (model.codeSize <= 2) preview.embedding = await embedDataset(model, sliceDataset(test, PREVIEW_EMBEDDING_COUNT));
    return preview;
  } finally {
    model.dispose();
  }
}
