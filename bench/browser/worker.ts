// Runs in a Web Worker of the bench page (headless Chromium): selects a backend, trains each model through the
// lesson's loop and posts the rows back. Bundled by bench/browser/run.ts with esbuild.
import * as tf from "@tensorflow/tfjs";
import type {BackendName} from "../../lib/backend/names.js";
import {selectBackend} from "../../lib/backend/selection.js";
import {useBrowserBackends, wasmPathsUnder} from "../../lib/backend/browser.js";
import {datasetFromIdx, parseIdxImages, parseIdxLabels} from "../../lib/data/dataset.js";
import {fastKernelsRegistered} from "../../lib/backend/kernels/index.js";
import {simdKernelsFor} from "../../lib/backend/kernels/simd/index.js";
import type {ModelName} from "../../lib/models/config.js";
import {becomePeer, isPeerStart, startPeerWorker, type PeerStart} from "../../lib/training/peer-worker.js";
import {measureTraining} from "../measure.js";

export interface WorkerConfig {
  backend: BackendName;
  threads: boolean;
  models: ModelName[];
  steps: number;
  minSteps: number;
  warmup: number;
  batch: number;
  budgetS: number;
}

type Row = Record<string, string | number | boolean | null>;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function run(config: WorkerConfig): Promise<Row[]> {
  const rows: Row[] = [];
  const base = new URL("./", self.location.href).href;
  // Threads are two workers splitting each batch (lib/training/data-parallel.ts), each on one wasm thread.
  useBrowserBackends({wasmPaths: wasmPathsUnder(`${base}wasm/`), allowThreads: false});
  if (config.backend === "webgl") tf.env().set("SOFTWARE_WEBGL_ENABLED", true);
  const actual = (await selectBackend(config.backend)).backend;
  const runtime = "browser";
  const label = config.backend === "wasm" ? (config.threads ? "wasm-threads" : "wasm") : config.backend;
  if (actual !== config.backend) {
    return [
      {kind: "skipped", backend: label, runtime, reason: `${config.backend} unavailable (fell back to ${actual})`}
    ];
  }
  // Two threads: this worker and a peer (this same script, told so first) each take half of every batch.
  const peer =
    actual === "wasm" && config.threads
      ? await startPeerWorker(self.location.href, wasmPathsUnder(`${base}wasm/`))
      : undefined;
  const threads = actual === "wasm" ? (peer ? 2 : 1) : null;
  const data = datasetFromIdx(
    parseIdxImages(await fetchBytes(`${base}data/train-images`)),
    parseIdxLabels(await fetchBytes(`${base}data/train-labels`))
  );
  const kernels = fastKernelsRegistered().some((k) => k.startsWith(`${actual}/`)) ? "fast" : "stock";
  // Software GPU backends are slow: the cheaper model first, so a timeout still leaves one row.
  const models = actual === "wasm" ? config.models : [...config.models].sort((a) => (a === "dense-vae" ? -1 : 1));
  for (const model of models) {
    const simd = actual === "wasm" ? simdKernelsFor(tf.backend()) !== undefined : null;
    const row: Row = {kind: "train", model, backend: label, runtime, kernels, simd, threads, batch: config.batch};
    try {
      const m = await measureTraining(model, data, {...config, peer});
      rows.push({...row, steps: m.steps, samples_per_s: m.samplesPerS, last_loss: m.lastLoss});
    } catch (error) {
      rows.push({...row, samples_per_s: null, error: String((error as Error).message ?? error).split("\n")[0]});
    }
    self.postMessage({partial: rows.at(-1)});
  }
  return rows;
}

self.onmessage = (event: MessageEvent<WorkerConfig | PeerStart>) => {
  if (isPeerStart(event.data)) {
    self.onmessage = null;
    void becomePeer(event.data);
    return;
  }
  run(event.data).then(
    (rows) => self.postMessage({rows}),
    (error: unknown) => self.postMessage({error: String((error as Error).message ?? error)})
  );
};
