// The page's side of training, composed of one part per job: the worker client (./worker-client.ts) runs the
// worker, the fold (./trainer-state.ts) turns its messages into one state object for the views, first paint
// (./first-paint.ts) shows the checkpoint's build-time preview until the worker's own results arrive, and the
// page's inference copy of the model (./page-model.ts) gets the worker's weights, so that views needing only
// inference redraw at once. This class wires them and throttles the views' notifications.
// This module imports no TensorFlow.js (only types): a page creates its trainer first, and the worker starts
// loading while the page's own heavy modules are still on their way. The inference copy loads after first paint.
import type {BackendChoice, BackendPreference} from "../lib/backend/names.js";
import type {Autoencoder} from "../lib/models/autoencoder.js";
import type {ModelConfig} from "../lib/models/config.js";
import type {PageMessage, Queries, QueryKind, WorkerMessage} from "../lib/training/protocol.js";
import type {SessionSettings} from "../lib/training/session.js";
import {FirstPaint, markResults, previewState} from "./first-paint.js";
import type {PageModel} from "./page-model.js";
import {foldMessage, initialTrainerState, isUntrained, type TrainerFold, type TrainerState} from "./trainer-state.js";
import {uiStrings} from "./language.js";
import {WorkerClient} from "./worker-client.js";

export type {EpochRecord, ProbeImages, StepRecord, TrainerState} from "./trainer-state.js";
export {isUntrained, markResults};

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

/** The page's live trainers, reachable from the browser console (and the end-to-end tests) as autoencodersLab. */
const liveTrainers = new Set<Trainer>();
(globalThis as {autoencodersLab?: {trainers: Set<Trainer>}}).autoencodersLab = {trainers: liveTrainers};

export class Trainer {
  private fold: TrainerFold = {state: initialTrainerState(), stepBase: 0, previewing: false};
  private readonly client: WorkerClient;
  private readonly firstPaint = new FirstPaint();
  private readonly listeners = new Set<Listener>();
  private settings?: SessionSettings;
  /** The settings given to the constructor, until the first configure() or command. */
  private openingSettings?: SessionSettings;
  private readonly pageModel: Promise<PageModel>;
  private loadedPageModel?: PageModel;
  private notifyTimer?: ReturnType<typeof setTimeout>;
  private lastNotify = 0;
  private disposed = false;

  constructor(private readonly options: TrainerOptions) {
    this.client = new WorkerClient({
      validationImages: options.validationImages ?? 1000,
      onMessage: (message) => void this.receive(message),
      onError: (message) => {
        this.firstPaint.arrived();
        this.update({problem: uiStrings().trainer.workerFailed(message)}, true);
      }
    });
    // Commands wait in the client until its worker starts. With a preview to draw (the checkpoint's, or the reader's
    // own model's), the worker starts once it is drawn: its downloads (TensorFlow.js, the data, the checkpoint: a few
    // MB) would otherwise share a slow connection with the few KB the first paint needs.
    let previewing: Promise<boolean> = Promise.resolve(false);
    if (options.settings) {
      this.configure(options.settings, false);
      this.openingSettings = options.settings;
      previewing = this.showPreview(options.settings);
    }
    void previewing
      .then((shown) => (shown ? this.firstPaint.drawn : undefined))
      .then(() => this.disposed || this.client.start(options.backend));
    // TensorFlow.js on the page only once the first results show: evaluating it holds the main thread for a while.
    this.pageModel = this.firstPaint.drawn
      .then(() => import("./page-model.js"))
      .then(({PageModel}) => PageModel.start(options.backend));
    this.pageModel.catch((error: unknown) =>
      this.update({
        problem: uiStrings().trainer.pageBackendFailed(error instanceof Error ? error.message : String(error))
      })
    );
    liveTrainers.add(this);
  }

  /**
   * Resolves once the worker has shown its first results (or failed to start): a page may wait for it before
   * starting anything that would compete with the first paint, such as a second worker.
   */
  get started(): Promise<void> {
    return this.firstPaint.drawn;
  }

  /** Resolves once this page's TensorFlow.js backend runs: await it before using tf on the page. */
  get ready(): Promise<BackendChoice> {
    return this.pageModel.then((page) => page.backend);
  }

  get state(): TrainerState {
    return this.fold.state;
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
    this.fold = {...this.fold, previewing: false};
    this.post({type: "configure", settings, start});
  }

  train(): void {
    this.post({type: "train"});
  }

  pause(): void {
    this.post({type: "pause"});
  }

  /** Replaces the model's weights in the worker (and then here): a checkpoint file the reader loaded. */
  loadWeights(config: ModelConfig, weights: Float32Array[]): void {
    this.post({type: "load-weights", config, weights});
  }

  /** One batch, then paused. */
  step(): void {
    this.post({type: "step"});
  }

  reset(): void {
    this.post({type: "reset"});
  }

  query<K extends QueryKind>(kind: K, request: Queries[K]["request"]): Promise<Queries[K]["answer"]> {
    return this.client.query(kind, request);
  }

  /** Moves training to another backend: a new worker that continues from the current weights. */
  async setBackend(backend: BackendPreference): Promise<void> {
    const current = await (await this.pageModel).read();
    const wasTraining = this.state.phase === "training";
    this.update({phase: "loading", backend: undefined});
    this.client.start(backend);
    if (this.settings) this.post({type: "configure", settings: this.settings, start: false});
    if (current) this.post({type: "load-weights", ...current});
    if (wasTraining) this.train();
  }

  dispose(): void {
    this.disposed = true;
    liveTrainers.delete(this);
    this.client.dispose();
    clearTimeout(this.notifyTimer);
    this.listeners.clear();
    void this.pageModel.then((page) => page.dispose());
  }

  /** Draws the preview for `settings`, if there is one; resolves with whether it did. */
  private async showPreview(settings: SessionSettings): Promise<boolean> {
    const preview = await previewState(settings).catch(() => undefined);
    // No preview, no harm: the worker's results come a moment later.
    if (!preview || this.disposed || this.state.probe || this.settings !== settings) return false;
    this.fold = {...this.fold, previewing: true};
    this.update(preview, true);
    this.firstPaint.arrived();
    return true;
  }

  private post(message: PageMessage): void {
    if (!this.disposed) this.client.post(message);
  }

  private async receive(message: WorkerMessage): Promise<void> {
    if (message.type === "weights") {
      const page = await this.pageModel;
      if (this.disposed) return;
      this.loadedPageModel = page;
      page.update(message.config, message.weights);
      return this.update({weightsVersion: this.state.weightsVersion + 1});
    }
    const {fold, urgent, firstResults} = foldMessage(this.fold, message);
    this.fold = fold;
    if (firstResults) this.firstPaint.arrived();
    this.update({}, urgent);
  }

  private snapshot(): TrainerState {
    return {...this.state};
  }

  /** Merges `changes` and tells the listeners, at most once per `updateEvery` ms unless `now`. */
  private update(changes: Partial<TrainerState>, now = false): void {
    this.fold = {...this.fold, state: {...this.fold.state, ...changes}};
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
