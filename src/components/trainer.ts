// The page's side of training: it starts the training worker, sends it the reader's controls, gathers
// its progress into one state object for the views, and keeps an inference copy of the model on the page
// (updated with the worker's weights) so that views needing only inference redraw at once.
import {selectBackend, type BackendChoice, type BackendPreference} from "../lib/backend.js";
import {useBrowserBackends} from "../lib/backend-browser.js";
import type {CheckpointNote} from "../lib/checkpoint-index.js";
import type {LossValues} from "../lib/losses.js";
import {buildModel, type Autoencoder, type ModelConfig} from "../lib/models.js";
import type {PageMessage, Queries, QueryKind, WorkerMessage} from "../lib/protocol.js";
import type {Evaluation, TrainEvent} from "../lib/train.js";
import {isSameArchitecture, type SessionSettings, type SessionStatus} from "../lib/training-session.js";
import {readWeights, writeWeights} from "../lib/weights.js";
import {checkpointFileUrls, checkpointManifestUrl, testUrl, trainUrl, wasmPaths} from "./assets.js";

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
}

export interface TrainerOptions {
  backend: BackendPreference;
  probeIndices: number[];
  validationImages?: number;
  /** Milliseconds between view updates while training (default 200): views redraw a few times a second. */
  updateEvery?: number;
}

type Listener = (state: TrainerState) => void;

/** Random weights: no training step yet and no pretrained checkpoint loaded. */
export function isUntrained(state: TrainerState): boolean {
  return state.step === 0 && !state.checkpoint?.name;
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
  private inference?: Autoencoder;
  private inferenceReady: Promise<BackendChoice>;
  private queries = new Map<number, {resolve(answer: unknown): void; reject(error: Error): void}>();
  private nextQuery = 1;
  private stepBase = 0;
  private notifyTimer?: ReturnType<typeof setTimeout>;
  private lastNotify = 0;
  private disposed = false;

  constructor(private readonly options: TrainerOptions) {
    useBrowserBackends({wasmPaths});
    this.inferenceReady = selectBackend(options.backend);
    this.startWorker(options.backend);
    liveTrainers.add(this);
  }

  /** Resolves once this page's TensorFlow.js backend runs: await it before using tf on the page. */
  get ready(): Promise<BackendChoice> {
    return this.inferenceReady;
  }

  get state(): TrainerState {
    return this.current;
  }

  /** The page's copy of the model, with the latest weights the worker sent; undefined until the first. */
  get model(): Autoencoder | undefined {
    return this.inference;
  }

  /** Calls `listener` with each new state (a few times a second at most); returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  /** New settings from the page's controls: the worker cancels its run and, if `start`, trains with them. */
  configure(settings: SessionSettings, start = true): void {
    this.settings = settings;
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
    const weights = this.inference ? await readWeights(this.inference) : undefined;
    const config = this.inference?.config;
    const wasTraining = this.current.phase === "training";
    this.worker.terminate();
    this.update({phase: "loading", backend: undefined});
    this.startWorker(backend);
    if (this.settings) this.post({type: "configure", settings: this.settings, start: false});
    if (weights && config) this.post({type: "load-weights", config, weights});
    if (wasTraining) this.train();
  }

  dispose(): void {
    this.disposed = true;
    liveTrainers.delete(this);
    this.worker.terminate();
    clearTimeout(this.notifyTimer);
    this.listeners.clear();
    this.inference?.dispose();
    this.inference = undefined;
    for (const {reject} of this.queries.values()) reject(new Error("the trainer was disposed"));
    this.queries.clear();
  }

  private startWorker(backend: BackendPreference): void {
    this.worker = new Worker(import.meta.resolve("../train-worker.js"), {type: "module"});
    this.worker.onmessage = (event: MessageEvent<WorkerMessage>) => void this.receive(event.data);
    this.worker.onerror = (event) => this.update({problem: `The training worker failed: ${event.message}`});
    this.post({
      type: "init",
      backend,
      wasmPaths,
      trainUrl: new URL(trainUrl, location.href).href,
      testUrl: new URL(testUrl, location.href).href,
      probeIndices: this.options.probeIndices,
      validationImages: this.options.validationImages ?? 1000,
      checkpoints: {
        manifestUrl: new URL(checkpointManifestUrl, location.href).href,
        files: Object.fromEntries(
          Object.entries(checkpointFileUrls).map(([file, url]) => [file, new URL(url, location.href).href])
        )
      }
    });
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
        // A new architecture, or Reset: curves start over.
        this.stepBase = 0;
        return this.update(
          {
            model: {config: message.config, params: message.params},
            history: [],
            epochs: [],
            step: 0,
            epoch: 0,
            probe: undefined,
            checkpoint: undefined
          },
          true
        );
      case "checkpoint": {
        const {type: _type, ...note} = message;
        return this.update({checkpoint: note}, true);
      }
      case "train":
        return this.receiveTrainEvent(message.event);
      case "weights":
        await this.inferenceReady;
        if (this.disposed) return;
        if (!this.inference || !isSameArchitecture(this.inference.config, message.config)) {
          this.inference?.dispose();
          this.inference = buildModel(message.config);
        }
        writeWeights(this.inference, message.weights);
        return this.update({weightsVersion: this.current.weightsVersion + 1});
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
      case "probe":
        return this.update({probe: event});
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
