// Data loader: the first-paint preview of every pretrained checkpoint (format in lib/checkpoints/preview.ts, gzipped). For each one it
// loads the checkpoint into its model and records what the training worker will report once it has done the same:
// the first probe (lib/training/loop.ts probeInputs and probeEvent, the session's first seed) and, for 2-number codes,
// the codes of the first test images. Any missing or corrupt file fails the build, naming the file.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {selectBackend} from "../lib/backend/selection.js";
import {applyCheckpoint, decodeCheckpoint} from "../lib/checkpoints/format.js";
import type {CheckpointManifest} from "../lib/checkpoints/manifest.js";
import {pickImages, probeIndicesOf, sliceDataset} from "../lib/data/dataset.js";
import {buildModel} from "../lib/models/registry.js";
import {countParams} from "../lib/models/autoencoder.js";
import {loadMnist} from "../lib/node/mnist.js";
import {
  encodePreviews,
  PREVIEW_EMBEDDING_COUNT,
  PREVIEW_VERSION,
  toBytes,
  type CheckpointPreview
} from "../lib/checkpoints/preview.js";
import {embedDataset, probeEvent, probeInputs} from "../lib/training/evaluation.js";

const DIR = "data/checkpoints";

async function main(): Promise<void> {
  // The worker's backend (with our kernels), so that the live model redraws these pictures.
  await selectBackend("wasm");
  const manifestFile = join(DIR, "manifest.json");
  let manifest: CheckpointManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as CheckpointManifest;
  } catch (error) {
    throw new Error(`${manifestFile}: ${(error as Error).message}`);
  }
  const test = loadMnist("test");
  const probe = pickImages(test, probeIndicesOf(test));
  const embedded = sliceDataset(test, PREVIEW_EMBEDDING_COUNT);
  const previews: Record<string, CheckpointPreview> = {};
  for (const entry of manifest.checkpoints) {
    const file = join(DIR, entry.file);
    const model = buildModel(entry.config);
    try {
      applyCheckpoint(model, decodeCheckpoint(readFileSync(file)));
    } catch (error) {
      throw new Error(`${file}: ${(error as Error).message}`);
    }
    const input = probeInputs(model, probe, entry.corruption, 1);
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
    if (model.codeSize <= 2) preview.embedding = await embedDataset(model, embedded);
    model.dispose();
    previews[entry.name] = preview;
  }
  const digits = {count: probe.count, images: probe.images, labels: probe.labels};
  process.stdout.write(gzipSync(encodePreviews({version: PREVIEW_VERSION, digits, manifest, previews}), {level: 9}));
}

try {
  await main();
} catch (error) {
  console.error(`previews.bin: ${(error as Error).message}`);
  process.exit(1);
}
