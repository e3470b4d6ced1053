// The training worker: it owns the model being trained, so the page never freezes. The page talks to it
// with the messages of lib/training/protocol.ts; lib/training/session.ts decides what each control does.
import * as tf from "@tensorflow/tfjs";
import {selectBackend} from "./lib/backend/selection.js";
import {useBrowserBackends} from "./lib/backend/browser.js";
import {pickImages, probeIndicesOf, readDataset, sliceDataset, type Dataset} from "./lib/data/dataset.js";
import {measureDenoisingCurve} from "./lib/images/psnr-curve.js";
import {countParams, reconstruct} from "./lib/models/autoencoder.js";
import type {PageMessage, Queries, QueryKind, WorkerMessage} from "./lib/training/protocol.js";
import {datasetToTensor, range} from "./lib/training/inputs.js";
import {embedDataset, evaluateModel} from "./lib/training/evaluation.js";
import {isSameArchitecture, TrainingSession} from "./lib/training/session.js";
import {halfSplitKnnAccuracy} from "./lib/latent/knn.js";
import {projectDatasetPca} from "./lib/latent/pca-tf.js";
import {readWeights} from "./lib/models/weights.js";
import {applyCheckpoint, decodeCheckpoint} from "./lib/checkpoints/format.js";
import {
  checkpointRequestOf,
  chooseCheckpoint,
  describeChoice,
  type CheckpointManifest
} from "./lib/checkpoints/manifest.js";
import type {Autoencoder} from "./lib/models/autoencoder.js";
import type {SessionSettings} from "./lib/training/session.js";
import {stringsFor, type Strings} from "./lib/i18n/index.js";
import {ModelKeeper} from "./lib/training/model-keeper.js";
import {canSaveModels} from "./lib/training/saved-models.js";
import {becomePeer, isPeerStart, startPeerWorker, type PeerStart} from "./lib/training/peer-worker.js";

/** The fewest cores on which training takes two workers (lib/training/data-parallel.ts). */
const PEER_CORES = 3;

const post = (message: WorkerMessage, transfer: Transferable[] = []): void => self.postMessage(message, {transfer});

let session: TrainingSession | undefined;
let test: Dataset | undefined;
let pending: Promise<void> = Promise.resolve();
/** PCA projections by "count:dims": the test images never change, so each is computed once. */
const pcaCache = new Map<string, Queries["pca"]["answer"]>();
/** What the reader sees, in the page's language (its init message says which); English until then. */
let strings: Strings = stringsFor("en");

/** Keeps the reader's trained models in this browser (undefined: the page asked for none, or no IndexedDB). */
let keeper: ModelKeeper | undefined;

/** The pretrained checkpoints (undefined: none offered, or the manifest failed to load), and their files. */
let checkpointIndex: Promise<CheckpointManifest | undefined> = Promise.resolve(undefined);
let checkpointUrls: Record<string, string> = {};
const checkpointFiles = new Map<string, Promise<Uint8Array>>();

/** The one way this worker fetches: the bytes of `url`, or an error naming it. */
async function fetchBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function loadDataset(url: string): Promise<Dataset> {
  return readDataset(await fetchBytes(url));
}

/** A checkpoint file's bytes, fetched once. */
function checkpointFile(file: string): Promise<Uint8Array> {
  const url = checkpointUrls[file];
  if (!url) return Promise.reject(new Error(strings.worker.noUrl(file)));
  let bytes = checkpointFiles.get(url);
  if (!bytes) checkpointFiles.set(url, (bytes = fetchBytes(url)));
  return bytes;
}

/** Starts downloading the checkpoint that `settings` will need, while earlier messages are still handled. */
async function prefetchCheckpoint(settings: SessionSettings): Promise<void> {
  // Only a new architecture loads a checkpoint: same-architecture changes (a KL weight) keep the weights.
  const current = session?.model;
  if (current && isSameArchitecture(current.config, settings.model)) return;
  const index = await checkpointIndex;
  const choice = index && chooseCheckpoint(index, checkpointRequestOf(settings));
  if (choice) await checkpointFile(choice.entry.file).catch(() => {});
}

/** Loads the checkpoint nearest to `settings` into a model just built for them, and tells the page. */
async function startFromCheckpoint(model: Autoencoder, settings: SessionSettings): Promise<void> {
  const index = await checkpointIndex;
  if (!index) return;
  const request = checkpointRequestOf(settings);
  const choice = chooseCheckpoint(index, request);
  try {
    if (choice) {
      applyCheckpoint(model, decodeCheckpoint(await checkpointFile(choice.entry.file)));
    }
    post({type: "checkpoint", ...describeChoice(request, choice, strings)});
  } catch (error) {
    checkpointFiles.delete(checkpointUrls[choice?.entry.file ?? ""] ?? "");
    const reason = error instanceof Error ? error.message : String(error);
    post({type: "checkpoint", exact: false, text: strings.checkpoints.failed(reason)});
  }
}

/**
 * False where the browser says the connection is slow or the reader saves data (the Network Information API): the
 * training set (megabytes) then loads when a run needs it, not ahead of time.
 */
function roomyConnection(): boolean {
  type Connection = {saveData?: boolean; effectiveType?: string; downlink?: number};
  const connection = (navigator as {connection?: Connection}).connection;
  if (!connection) return true;
  return !connection.saveData && (connection.effectiveType ?? "4g") === "4g" && (connection.downlink ?? 10) >= 5;
}

/** A new model's first weights: the reader's own, trained on this page before, or else the nearest checkpoint. */
async function startModel(model: Autoencoder, settings: SessionSettings): Promise<void> {
  const restored = await keeper?.restore(model, settings);
  if (!restored) return startFromCheckpoint(model, settings);
  post({type: "checkpoint", exact: true, restored, text: strings.checkpoints.restored(restored.steps)});
}

/** Keeps the current model in this browser if it has trained since its last save (`weights`: already read). */
async function saveModel(weights?: Float32Array[]): Promise<void> {
  const model = session?.model;
  if (!model || !keeper?.unsaved) return;
  const steps = await keeper.save(model, weights).catch(() => undefined);
  if (steps !== undefined) post({type: "saved", steps});
}

/** Sends the current weights to the page's copy of the model; with `save`, keeps them in this browser too. */
async function postWeights(save = false): Promise<void> {
  const model = session?.model;
  if (!model) return;
  const weights = await readWeights(model);
  // Copied before the transfer below empties them.
  if (save) void saveModel(weights);
  post(
    {type: "weights", config: model.config, weights},
    weights.map((w) => w.buffer)
  );
}

async function answer<K extends QueryKind>(kind: K, request: Queries[K]["request"]): Promise<Queries[K]["answer"]> {
  if (!session || !test) throw new Error(strings.worker.notReady);
  const data = test;
  const handlers: {[Q in QueryKind]: (request: Queries[Q]["request"]) => Promise<Queries[Q]["answer"]>} = {
    embed: ({count}) => session!.withModel((model) => embedDataset(model, sliceDataset(data, count))),
    evaluate: ({count, corruption}) =>
      session!.withModel((model) => evaluateModel(model, sliceDataset(data, count), {corruption})),
    memory: async () => {
      const {numTensors, numBytes} = tf.memory();
      return {numTensors, numBytes};
    },
    "denoising-curve": ({count, kind, levels}) =>
      session!.withModel(async (model) => {
        const subset = sliceDataset(data, count);
        const clean = datasetToTensor(subset, range(0, subset.count));
        try {
          return await measureDenoisingCurve(model, clean, kind, levels);
        } finally {
          clean.dispose();
        }
      }),
    reconstruct: ({images, count}) =>
      session!.withModel(async (model) => {
        const output = tf.tidy(() => reconstruct(model, tf.tensor4d(images, [count, ...model.inputShape])));
        const outputs = (await output.data()) as Float32Array;
        output.dispose();
        return {outputs};
      }),
    pca: async ({count, dims}) => {
      const key = `${count}:${dims}`;
      const cached = pcaCache.get(key);
      // Answers are copied by postMessage (not transferred), so the cached arrays stay intact.
      if (cached) return cached;
      const result = await projectDatasetPca(sliceDataset(data, count), dims);
      pcaCache.set(key, result);
      return result;
    },
    knn: async ({codes, dims, labels, k}) => ({accuracy: halfSplitKnnAccuracy(codes, dims, labels, k)})
  };
  return handlers[kind](request);
}

async function handle(message: PageMessage): Promise<void> {
  switch (message.type) {
    case "init": {
      strings = stringsFor(message.language);
      // Downloads start before the backend does. The training set (the biggest file, and the slowest to unpack) is
      // only needed by the first run: it loads after the first results are shown (unless the connection is slow:
      // roomyConnection), or when a run needs it.
      const testLoading = loadDataset(message.testUrl);
      let trainLoading: Promise<Dataset> | undefined;
      const train = (): Promise<Dataset> => (trainLoading ??= loadDataset(message.trainUrl));
      if (message.checkpoints) {
        checkpointUrls = message.checkpoints.files;
        checkpointIndex = fetchBytes(message.checkpoints.manifestUrl)
          .then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as CheckpointManifest)
          .catch(() => undefined);
      }
      // Two workers only where a core is left for the page (on two cores its own drawing would wait); those two
      // are then wasm's threads, instead of the backend's own thread pool, which would compete with them.
      const splitting = message.cores >= PEER_CORES;
      useBrowserBackends({wasmPaths: message.wasmPaths, allowThreads: !splitting});
      const backend = await selectBackend(message.backend, strings);
      // Started now, awaited by the first run that splits: the page's first results do not wait for it.
      const peer =
        backend.backend === "wasm" && splitting
          ? startPeerWorker(import.meta.url, message.wasmPaths).catch(() => undefined)
          : undefined;
      const testSet = await testLoading;
      test = testSet;
      const probe = pickImages(testSet, probeIndicesOf(testSet));
      if (message.savedModels && canSaveModels()) keeper = new ModelKeeper({page: message.savedModels.page, probe});
      session = new TrainingSession(
        {
          train,
          probe,
          validation: sliceDataset(testSet, message.validationImages),
          peer
        },
        {
          status: (status) => {
            post({type: "status", status});
            // A run that ends or pauses is kept in this browser (lib/training/model-keeper.ts).
            if (status === "idle") void postWeights(true);
            if (status === "paused") void saveModel();
          },
          // Weights go to the page after each probe (a new model reports one at once, after its checkpoint is in),
          // never the random ones of a model just built.
          model: (model) => {
            keeper?.newModel();
            post({type: "model", config: model.config, params: countParams(model)});
          },
          train: (runId, event) => {
            const saveDue = keeper?.trainEvent(event) ?? false;
            post({type: "train", runId, event});
            if (event.type === "probe") void postWeights(saveDue);
            // A step taken while paused (Step, or the batch a pause let finish) is kept too.
            if (event.type === "step" && session?.status === "paused") void saveModel();
            if (event.type === "probe" && !trainLoading && roomyConnection())
              setTimeout(() => train().catch(() => {}), 300);
          },
          freshModel: startModel
        }
      );
      post({type: "ready", backend, testImages: testSet.count});
      return;
    }
    case "configure": {
      // A trained model about to be replaced by another architecture is kept first.
      const current = session?.model;
      if (current && !isSameArchitecture(current.config, message.settings.model)) await saveModel();
      keeper?.configured(message.settings);
      return requireSession().configure(message.settings, message.start);
    }
    case "train":
      return requireSession().train();
    case "pause":
      return requireSession().pause();
    case "step":
      return requireSession().step();
    case "reset":
      await requireSession().reset();
      // Reset starts over: the model kept in this browser for these settings is forgotten.
      return keeper?.forget().catch(() => {});
    case "load-weights":
      await requireSession().replaceWeights(message.weights);
      return postWeights();
    case "query":
      post({type: "answer", id: message.id, answer: await answer(message.kind, message.request)});
      return;
  }
}

function requireSession(): TrainingSession {
  if (!session) throw new Error(strings.worker.commandBeforeInit);
  return session;
}

self.onmessage = (event: MessageEvent<PageMessage | PeerStart>) => {
  const message = event.data;
  if (isPeerStart(message)) {
    // This copy of the script is another training worker's peer, not the page's worker.
    self.onmessage = null;
    void becomePeer(message);
    return;
  }
  if (message.type === "configure") void prefetchCheckpoint(message.settings);
  // Messages are handled in order (init must finish before configure), but a query must not wait for a run.
  const run = (): Promise<void> =>
    handle(message).catch((error: unknown) => {
      const id = message.type === "query" ? message.id : undefined;
      post({type: "failed", id, message: error instanceof Error ? error.message : String(error)});
    });
  pending = pending.then(run);
};
