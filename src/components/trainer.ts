// The page's side of training: it starts the training worker, sends it the reader's controls, gathers
// its progress into one state object for the views, and keeps an inference copy of the model on the page
// (updated with the worker's weights) so that views needing only inference redraw at once.
// This module imports no TensorFlow.js (only types): a page creates its trainer first, and the worker starts
// loading while the page's own heavy modules are still on their way. The inference copy loads in parallel.
import type {BackendChoice, BackendPreference} from "../lib/backend/names.js";
import {chooseCheckpoint, describeChoice, type CheckpointNote} from "../lib/checkpoints/manifest.js";
import type {LossValues} from "../lib/training/losses.js";
import type {Autoencoder} from "../lib/models/autoencoder.js";
import type {ModelConfig} from "../lib/models/config.js";
import type {PageMessage, Queries, QueryKind, WorkerMessage} from "../lib/training/protocol.js";
import type {Evaluation} from "../lib/training/evaluation.js";
import type {TrainEvent} from "../lib/training/loop.js";
import {toFloats, type CheckpointPreview} from "../lib/checkpoints/preview.js";
import type {SessionSettings, SessionStatus} from "../lib/training/session.js";
import {checkpointFileUrls, checkpointManifestUrl, testUrl, trainUrl, wasmPaths} from "./assets.js";
import type {PageModel} from "./page-model.js";
import {loadPreviews} from "./previews.js";

export interface StepRecord {
  /** Steps since the model was built, across runs. */
  step: number;
  loss: LossValues;
}

export interface EpochRecord {
  step: number;
  epoch: number;
  train: LossValues;
  test?: Evaluation;
}

export interface ProbeImages {
  count: number;
  inputShape: number[];
  inputs: Float32Array;
  outputs: Float32Array;
}

export interface TrainerState {
  phase: "loading" | SessionStatus;
  backend?: BackendChoice;
  model?: {config: ModelConfig; params: number};
  step: number;
  epoch: number;
  stepsPerEpoch: number;
  /** Steps the current run will take in all. */
  runSteps: number;
  runStep: number;
  loss?: LossValues;
  samplesPerSecond: number;
  history: StepRecord[];
  epochs: EpochRecord[];
  probe?: ProbeImages;
  /** Increases whenever the page's inference copy of the model gets new weights. */
  weightsVersion: number;
  /** A plain-words problem for the reader (a diverged run, a failed worker); cleared by the next run. */
  problem?: string;
  /** Where the current model's weights came from: a pretrained checkpoint (or none); cleared by Reset. */
  checkpoint?: CheckpointNote;
  /**
   * The checkpoint's codes of the first test images, computed at build time (lib/checkpoints/preview.ts): shown until the
   * worker's own arrive. Set only while the opening model is the checkpoint's.
   */
  previewEmbedding?: CheckpointPreview["embedding"];
}

export interface TrainerOptions {
  backend: BackendPreference;
  /**
   * The page's settings as it opens: the worker builds that model (and loads its checkpoint) as soon as it starts,
   * without waiting for the page's controls. A first configure() with the same settings and no training is then
   * not sent again.
   */
  settings?: SessionSettings;
  validationImages?: number;
  /** Milliseconds between view updates while training (default 200): views redraw a few times a second. */
  updateEvery?: number;
}

type Listener = (state: TrainerState) => void;

/** Random weights: no training step yet and no pretrained checkpoint loaded. */
export function isUntrained(state: TrainerState): boolean {
  return state.step === 0 && !state.checkpoint?.name;
}

/**
 * Says on `element` whether it now shows a trained model's results (data-results="trained") or not: the site
 * benchmark and the end-to-end tests wait for it, so "first results" means drawn, not merely computed.
 */
export function markResults(element: HTMLElement, trained: boolean): void {
  element.dataset.results = trained ? "trained" : "untrained";
}

/** The page's live trainers, reachable from the browser console (and the end-to-end tests) as autoencodersLab. */
const liveTrainers = new Set<Trainer>();
(globalThis as {autoencodersLab?: {trainers: Set<Trainer>}}).autoencodersLab = {trainers: liveTrainers};

const initialState = (): TrainerState => ({
  phase: "loading",
  step: 0,
  epoch: 0,
  stepsPerEpoch: 0,
  runSteps: 0,
  runStep: 0,
  samplesPerSecond: 0,
  history: [],
  epochs: [],
  weightsVersion: 0
});

export class Trainer {
  private worker!: Worker;
  private current: TrainerState = initialState();
  private listeners = new Set<Listener>();
  private settings?: SessionSettings;
  /** The settings given to the constructor, until the first configure() or command. */
  private openingSettings?: SessionSettings;
  private pageModel: Promise<PageModel>;
  private loadedPageModel?: PageModel;
  private firstResults: Promise<void>;
  /** True while the state shows a checkpoint's build-time preview, until the worker's own results replace it. */
  private previewing = false;
  private showFirstResults!: () => void;
  private queries = new Map<number, {resolve(answer: unknown): void; reject(error: Error): void}>();
  private nextQuery = 1;
  private stepBase = 0;
  private notifyTimer?: ReturnType<typeof setTimeout>;
  private lastNotify = 0;
  private disposed = false;

  constructor(private readonly options: TrainerOptions) {
    // Resolved once a view has drawn the first results (markResults), or a few seconds after they are in the state
    // (a page whose views mark nothing).
    this.firstResults = new Promise((resolve) => {
      let waiting = false;
      this.showFirstResults = () => {
        if (waiting) return;
        waiting = true;
        const since = performance.now();
        const poll = (): void => {
          if (document.querySelector("[data-results]") || performance.now() - since > 3000) setTimeout(resolve, 0);
          else requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      };
    });
    this.startWorker(options.backend);
    if (options.settings) {
      this.configure(options.settings, false);
      this.openingSettings = options.settings;
      void this.showPreview(options.settings);
    }
    // TensorFlow.js on the page only once the first results show: evaluating it holds the main thread for a while.
    this.pageModel = this.firstResults
      .then(() => import("./page-model.js"))
      .then(({PageModel}) => PageModel.start(options.backend));
    this.pageModel.catch((error: unknown) =>
      this.update({
        problem: `TensorFlow.js did not start on this page: ${error instanceof Error ? error.message : error}`
      })
    );
    liveTrainers.add(this);
  }

  /**
   * Resolves once the worker has shown its first results (or failed to start): a page may wait for it before
   * starting anything that would compete with the first paint, such as a second worker.
   */
  get started(): Promise<void> {
    return this.firstResults;
  }

  /** Resolves once this page's TensorFlow.js backend runs: await it before using tf on the page. */
  get ready(): Promise<BackendChoice> {
    return this.pageModel.then((page) => page.backend);
  }

  get state(): TrainerState {
    return this.current;
  }

  /** The settings last sent to the worker (the model it trains, its noise, its KL weight). */
  get configured(): SessionSettings | undefined {
    return this.settings;
  }

  /** The page's copy of the model, with the latest weights the worker sent; undefined until the first. */
  get model(): Autoencoder | undefined {
    return this.loadedPageModel?.model;
  }

  /** Calls `listener` with each new state (a few times a second at most); returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  /** New settings from the page's controls: the worker cancels its run and, if `start`, trains with them. */
  configure(settings: SessionSettings, start = true): void {
    const opening = this.openingSettings;
    this.openingSettings = undefined;
    if (!start && opening && JSON.stringify(opening) === JSON.stringify(settings)) return;
    this.settings = settings;
    this.previewing = false;
    this.post({type: "configure", settings, start});
  }

  train(): void {
    this.post({type: "train"});
  }

  pause(): void {
    this.post({type: "pause"});
  }

  reset(): void {
    this.post({type: "reset"});
  }

  /** Replaces the model's weights in the worker (and then here), e.g. from a checkpoint. */
  loadWeights(config: ModelConfig, weights: Float32Array[]): void {
    this.post({type: "load-weights", config, weights});
  }

  query<K extends QueryKind>(kind: K, request: Queries[K]["request"]): Promise<Queries[K]["answer"]> {
    const id = this.nextQuery++;
    return new Promise((resolve, reject) => {
      this.queries.set(id, {resolve: resolve as (answer: unknown) => void, reject});
      this.post({type: "query", id, kind, request} as PageMessage);
    });
  }

  /** Moves training to another backend: a new worker that continues from the current weights. */
  async setBackend(backend: BackendPreference): Promise<void> {
    const current = await (await this.pageModel).read();
    const wasTraining = this.current.phase === "training";
    this.worker.terminate();
    this.update({phase: "loading", backend: undefined});
    this.startWorker(backend);
    if (this.settings) this.post({type: "configure", settings: this.settings, start: false});
    if (current) this.post({type: "load-weights", ...current});
    if (wasTraining) this.train();
  }

  dispose(): void {
    this.disposed = true;
    liveTrainers.delete(this);
    this.worker.terminate();
    clearTimeout(this.notifyTimer);
    this.listeners.clear();
    void this.pageModel.then((page) => page.dispose());
    for (const {reject} of this.queries.values()) reject(new Error("the trainer was disposed"));
    this.queries.clear();
  }

  private startWorker(backend: BackendPreference): void {
    this.worker = new Worker(import.meta.resolve("../train-worker.js"), {type: "module"});
    this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => void this.receive(event.data);
    this.worker.onerror = (event) => {
      this.showFirstResults();
      this.update({problem: `The training worker failed: ${event.message}`});
    };
    this.post({
      type: "init",
      backend,
      wasmPaths,
      trainUrl: new URL(trainUrl, location.href).href,
      testUrl: new URL(testUrl, location.href).href,
      validationImages: this.options.validationImages ?? 1000,
      checkpoints: {
        manifestUrl: new URL(checkpointManifestUrl, location.href).href,
        files: Object.fromEntries(
          Object.entries(checkpointFileUrls).map(([file, url]) => [file, new URL(url, location.href).href])
        )
      }
    });
  }

  /**
   * Shows the preview of the checkpoint that the worker is about to load for the opening settings (only one trained
   * with exactly those settings: its pictures are then the ones the worker will draw). No preview, no harm: the
   * worker's results come a moment later.
   */
  private async showPreview(settings: SessionSettings): Promise<void> {
    const all = await loadPreviews().catch(() => undefined);
    if (!all || this.disposed || this.current.probe || this.settings !== settings) return;
    const request = {model: settings.model, corruption: settings.corruption, klWeight: settings.klWeight};
    const choice = chooseCheckpoint(all.manifest, request);
    const preview = choice?.exact ? all.previews[choice.entry.name] : undefined;
    if (!preview) return;
    this.previewing = true;
    const {probe} = preview;
    this.update(
      {
        model: {config: settings.model, params: preview.params},
        checkpoint: describeChoice(request, choice),
        probe: {
          count: probe.count,
          inputShape: probe.inputShape,
          inputs: toFloats(probe.inputs),
          outputs: toFloats(probe.outputs)
        },
        previewEmbedding: preview.embedding
      },
      true
    );
    this.showFirstResults();
  }

  private post(message: PageMessage): void {
    if (!this.disposed) this.worker.postMessage(message);
  }

  private async receive(message: WorkerMessage): Promise<void> {
    switch (message.type) {
      case "ready":
        return this.update({
          backend: message.backend,
          phase: this.current.phase === "loading" ? "idle" : this.current.phase
        });
      case "status":
        return this.update({phase: message.status}, true);
      case "model":
        // A new architecture, or Reset: curves start over. The worker's first model is the one a preview shows
        // (if any): its pictures stay up until the worker's own probe replaces them.
        this.stepBase = 0;
        return this.update(
          {
            model: {config: message.config, params: message.params},
            history: [],
            epochs: [],
            step: 0,
            epoch: 0,
            ...(this.previewing ? {} : {probe: undefined, checkpoint: undefined, previewEmbedding: undefined})
          },
          true
        );
      case "checkpoint": {
        const {type: _type, ...note} = message;
        return this.update({checkpoint: note}, true);
      }
      case "train":
        return this.receiveTrainEvent(message.event);
      case "weights": {
        const page = await this.pageModel;
        if (this.disposed) return;
        this.loadedPageModel = page;
        page.update(message.config, message.weights);
        return this.update({weightsVersion: this.current.weightsVersion + 1});
      }
      case "answer":
        this.queries.get(message.id)?.resolve(message.answer);
        this.queries.delete(message.id);
        return;
      case "failed": {
        const query = message.id === undefined ? undefined : this.queries.get(message.id);
        if (query) {
          query.reject(new Error(message.message));
          this.queries.delete(message.id!);
        } else {
          this.showFirstResults();
          this.update({problem: message.message}, true);
        }
        return;
      }
    }
  }

  private receiveTrainEvent(event: TrainEvent): void {
    switch (event.type) {
      case "start":
        this.stepBase = this.current.step;
        return this.update({
          stepsPerEpoch: event.stepsPerEpoch,
          runSteps: event.totalSteps,
          runStep: 0,
          problem: undefined
        });
      case "step": {
        const step = this.stepBase + event.step;
        this.current.history.push({step, loss: event.loss});
        return this.update({
          step,
          runStep: event.step,
          epoch: event.epoch,
          loss: event.loss,
          samplesPerSecond: event.samplesPerSecond
        });
      }
      case "probe": {
        this.showFirstResults();
        // The first reconstructions of a new model are the page's first results (or replace the preview): no
        // throttling for those.
        const first = !this.current.probe || this.previewing;
        this.previewing = false;
        return this.update({probe: event}, first);
      }
      case "epoch":
        this.current.epochs.push({
          step: this.current.step,
          epoch: event.epoch,
          train: event.loss,
          test: event.validation
        });
        return this.update({}, true);
      case "error":
        return this.update(
          {problem: `Training stopped: ${event.message}. Lower the learning rate or press Reset.`},
          true
        );
      case "done":
        return;
    }
  }

  private snapshot(): TrainerState {
    return {...this.current};
  }

  /** Merges `changes` and tells the listeners, at most once per `updateEvery` ms unless `now`. */
  private update(changes: Partial<TrainerState>, now = false): void {
    Object.assign(this.current, changes);
    const every = this.options.updateEvery ?? 200;
    const wait = now ? 0 : Math.max(0, this.lastNotify + every - performance.now());
    if (this.notifyTimer !== undefined && !now) return;
    clearTimeout(this.notifyTimer);
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.lastNotify = performance.now();
      const state = this.snapshot();
      for (const listener of this.listeners) listener(state);
    }, wait);
  }
}
