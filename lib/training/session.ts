// One model and at most one training run at a time, driven by the reader's controls. The training worker
// wraps this; it is DOM-free so that its rules are unit-tested in Node:
// - a new configuration cancels the run in flight (within one batch) before anything else happens;
// - it continues from the current weights when the architecture is unchanged, and starts fresh otherwise;
// - operations are queued, so two runs never overlap however fast the controls move;
// - a model built for new settings (not by Reset) may start from pretrained weights (listener.freshModel), and its
//   reconstructions are reported at once, so the page shows results before any training.
import type {Corruption} from "../images/corruptions.js";
import {sliceDataset, type Dataset} from "../data/dataset.js";
import {buildModel} from "../models/registry.js";
import {type Autoencoder} from "../models/autoencoder.js";
import {type ModelConfig} from "../models/config.js";
import {writeWeights} from "../models/weights.js";
import {probeEvent, probeInputs} from "./evaluation.js";
import {isWorthSplitting, type GradientPeer} from "./data-parallel.js";
import {startTraining, type TrainEvent, type TrainingRun, type TrainResult} from "./loop.js";

export interface SessionSettings {
  model: ModelConfig;
  /** Corrupts the inputs (denoising); targets stay clean. */
  corruption?: Corruption;
  /** Weight of the KL term for VAEs ("KL weight", beta). */
  klWeight?: number;
  /** Epochs in one run; "Train" after a finished run continues for as many more. */
  epochs: number;
  /** Training images per epoch (the first ones of the training set); default all. */
  trainImages?: number;
  batchSize?: number;
  learningRate?: number;
  /** Steps between probe reconstructions (default 10). */
  probeEvery?: number;
}

export type SessionStatus = "idle" | "training" | "paused";

export interface SessionListener {
  status(status: SessionStatus): void;
  /** A new model was built: its architecture changed, or the reader pressed Reset. */
  model(model: Autoencoder): void;
  train(runId: number, event: TrainEvent): void;
  /**
   * Optional: configure built a new model for new settings (not Reset). Awaited before anything else happens, so
   * it may load pretrained weights into `model` (the worker loads the nearest checkpoint here).
   */
  freshModel?(model: Autoencoder, settings: SessionSettings): Promise<void>;
}

export interface SessionData {
  /**
   * A promise (or a function that starts loading) lets the page show results before the training set has
   * arrived: runs wait for it.
   */
  train: Dataset | Promise<Dataset> | (() => Promise<Dataset>);
  /** Fixed images whose reconstructions are reported while training. */
  probe: Dataset;
  /** Evaluated after each epoch (a slice of the test set). */
  validation?: Dataset;
  /** A second worker for the runs of models worth splitting (lib/training/data-parallel.ts), once it has started
   *  (undefined: it could not). */
  peer?: Promise<GradientPeer | undefined>;
}

/** True when two configs build the same layers, so that weights carry over from one to the other. */
export function isSameArchitecture(a: ModelConfig, b: ModelConfig): boolean {
  return JSON.stringify(normalize(a)) === JSON.stringify(normalize(b));
}

function normalize(config: ModelConfig): [string, unknown][] {
  return Object.entries(config).sort(([a], [b]) => a.localeCompare(b));
}

interface ActiveRun {
  id: number;
  controller: AbortController;
  training: TrainingRun;
}

export class TrainingSession {
  private current?: Autoencoder;
  private settings?: SessionSettings;
  private run?: ActiveRun;
  private runs = 0;
  private queue: Promise<void> = Promise.resolve();
  private state: SessionStatus = "idle";
  private disposed = false;

  constructor(
    private readonly data: SessionData,
    private readonly listener: SessionListener
  ) {}

  get model(): Autoencoder | undefined {
    return this.current;
  }

  get status(): SessionStatus {
    return this.state;
  }

  get runCount(): number {
    return this.runs;
  }

  /** Applies new settings: cancels the run in flight, rebuilds the model if needed, then trains if `start`. */
  configure(settings: SessionSettings, start: boolean): Promise<void> {
    return this.enqueue(async () => {
      await this.stopRun();
      const fresh = !this.current || !this.settings || !isSameArchitecture(this.settings.model, settings.model);
      if (fresh) this.replaceModel(settings.model);
      this.settings = settings;
      if (fresh && this.listener.freshModel && this.current) await this.listener.freshModel(this.current, settings);
      if (start) await this.startRun();
      else {
        this.setStatus("idle");
        // A run reports its reconstructions as it starts; without one, report them now (pretrained weights show).
        if (fresh) await this.emitProbe();
      }
    });
  }

  /** Starts a run with the current settings, or resumes a paused one. */
  train(): Promise<void> {
    return this.enqueue(async () => {
      if (this.run?.training.paused) {
        this.run.training.resume();
        this.setStatus("training");
      } else if (!this.run && this.settings) {
        await this.startRun();
      }
    });
  }

  /**
   * Exactly one batch, then paused: of the paused run, or of a new run started for it (Step, one iteration at a
   * time). A run in flight is only paused.
   */
  step(): Promise<void> {
    return this.enqueue(async () => {
      if (this.run && !this.run.training.paused) return this.pause();
      if (!this.run) await this.startRun();
      // Read again: startRun set it (TypeScript keeps the narrowing from before the await).
      const run = this.run as ActiveRun | undefined;
      if (!run) return;
      run.training.pause();
      run.training.step();
      this.setStatus("paused");
    });
  }

  /** Pauses the run in flight at its next batch; train() resumes it. */
  pause(): void {
    if (!this.run || this.run.training.paused) return;
    this.run.training.pause();
    this.setStatus("paused");
  }

  /** Cancels any run and starts over from freshly initialised weights. */
  reset(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopRun();
      if (this.settings) this.replaceModel(this.settings.model);
      this.setStatus("idle");
      // The fresh weights' reconstructions, as after configure: the page shows what Reset did.
      await this.emitProbe();
    });
  }

  /**
   * Replaces the current model's weights (a reader's checkpoint file, or the weights of a worker being replaced)
   * between batches, and reports the new reconstructions at once.
   */
  replaceWeights(weights: readonly Float32Array[]): Promise<void> {
    return this.enqueue(async () => {
      if (!this.current) throw new Error("no model yet: configure the session first");
      writeWeights(this.current, weights);
      await this.emitProbe();
    });
  }

  /** Runs `use` with the model between batches, never concurrently with a configure or reset. */
  withModel<T>(use: (model: Autoencoder) => Promise<T> | T): Promise<T> {
    let result!: T;
    return this.enqueue(async () => {
      if (!this.current) throw new Error("no model yet: configure the session first");
      result = await use(this.current);
    }).then(() => result);
  }

  async dispose(): Promise<void> {
    await this.enqueue(() => this.stopRun());
    this.disposed = true;
    this.current?.dispose();
    this.current = undefined;
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(() => {
      if (this.disposed) throw new Error("the training session was disposed");
      return operation();
    });
    // A failed operation must not block the ones after it; its caller still sees the error.
    this.queue = next.catch(() => {});
    return next;
  }

  private replaceModel(config: ModelConfig): void {
    this.current?.dispose();
    this.current = buildModel(config);
    this.listener.model(this.current);
  }

  /** Reports the probe reconstructions of the current model (as the next run would show them first). */
  private async emitProbe(): Promise<void> {
    const model = this.current;
    if (!model) return;
    const input = probeInputs(model, this.data.probe, this.settings?.corruption, this.runs + 1);
    try {
      this.listener.train(this.runs, await probeEvent(model, input, 0));
    } finally {
      input.dispose();
    }
  }

  private async startRun(): Promise<void> {
    const model = this.current;
    const settings = this.settings;
    if (!model || !settings) return;
    const source = this.data.train;
    const allTrain = await (typeof source === "function" ? source() : source);
    const peer = isWorthSplitting(model) ? await this.data.peer : undefined;
    const id = ++this.runs;
    const controller = new AbortController();
    const train = settings.trainImages ? sliceDataset(allTrain, settings.trainImages) : allTrain;
    const training = startTraining(model, train, {
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      corruption: settings.corruption,
      loss: settings.klWeight === undefined ? undefined : {klWeight: settings.klWeight},
      // Each run sees its own shuffles and noise; runs stay reproducible from a fresh page.
      seed: id,
      signal: controller.signal,
      probe: {data: this.data.probe, every: settings.probeEvery ?? 10},
      validation: this.data.validation,
      peer,
      onEvent: (event) => this.listener.train(id, event)
    });
    const run: ActiveRun = {id, controller, training};
    this.run = run;
    this.setStatus("training");
    void training.result.then((result: TrainResult) => {
      if (this.run !== run) return;
      this.run = undefined;
      if (result.status !== "cancelled") this.setStatus("idle");
    });
  }

  private async stopRun(): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.run = undefined;
    run.controller.abort();
    await run.training.result;
  }

  private setStatus(status: SessionStatus): void {
    if (status === this.state) return;
    this.state = status;
    this.listener.status(status);
  }
}
