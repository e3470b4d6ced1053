// When the training worker keeps the reader's model in the browser, and what it restores: a model built for settings
// that were trained on this page before goes on from those weights (and their step count); a run that pauses or
// ends saves, and so does a run every `every` ms while it trains (at a probe, never on the path of each step) and a
// trained model about to be replaced by another architecture; Reset forgets. The storage itself is
// ./saved-models.ts (IndexedDB); tests give a store in memory.
import {toBytes} from "../checkpoints/preview.js";
import type {Dataset} from "../data/dataset.js";
import {countParams, type Autoencoder} from "../models/autoencoder.js";
import {readWeights, writeWeights} from "../models/weights.js";
import {probeEvent, probeInputs} from "./evaluation.js";
import type {TrainEvent} from "./loop.js";
import {
  deleteSavedModel,
  loadSavedModel,
  saveModel,
  savedModelKey,
  type SavedModel,
  type SavedNote
} from "./saved-models.js";
import {isSameArchitecture, type SessionSettings} from "./session.js";

export interface ModelStore {
  load(key: string): Promise<SavedModel | undefined>;
  save(model: SavedModel, note: SavedNote): Promise<void>;
  delete(key: string): Promise<void>;
}

/** This browser's IndexedDB. */
export const browserModelStore: ModelStore = {load: loadSavedModel, save: saveModel, delete: deleteSavedModel};

export interface ModelKeeperOptions {
  /** The page the models belong to (its path). */
  page: string;
  /** The ten digits every page shows: a saved note holds the restored model's first reconstructions of them. */
  probe: Dataset;
  store?: ModelStore;
  /** Milliseconds between saves while a run trains (default 15 s). */
  every?: number;
  now?: () => number;
}

export class ModelKeeper {
  private settings?: SessionSettings;
  /** Steps of the current model in all, restored ones included; where the current run's steps start. */
  private steps = 0;
  private runBase = 0;
  private savedSteps = 0;
  private lastSave: number;
  /** Increases with each new model: a save begun for an older one is dropped. */
  private generation = 0;
  private readonly store: ModelStore;
  private readonly now: () => number;

  constructor(private readonly options: ModelKeeperOptions) {
    this.store = options.store ?? browserModelStore;
    this.now = options.now ?? (() => performance.now());
    this.lastSave = this.now();
  }

  /** Training steps of the current model that no save holds yet. */
  get unsaved(): number {
    return this.steps - this.savedSteps;
  }

  /** The settings the worker was just given (the key of the next save). */
  configured(settings: SessionSettings): void {
    this.settings = settings;
  }

  /** A new model was built (new architecture, or Reset): it has no steps yet. */
  newModel(): void {
    this.generation++;
    this.steps = this.runBase = this.savedSteps = 0;
  }

  /** Counts the steps of a run; true at a probe when a save is due. */
  trainEvent(event: TrainEvent): boolean {
    if (event.type === "start") this.runBase = this.steps;
    if (event.type === "step") this.steps = this.runBase + event.step;
    return event.type === "probe" && this.unsaved > 0 && this.now() - this.lastSave >= (this.options.every ?? 15_000);
  }

  /** Puts the model saved for `settings` on this page into `model`; its steps and date, or undefined if none. */
  async restore(model: Autoencoder, settings: SessionSettings): Promise<{steps: number; savedAt: number} | undefined> {
    this.settings = settings;
    const saved = await this.store.load(savedModelKey(this.options.page, settings)).catch(() => undefined);
    if (!saved || !isSameArchitecture(saved.config, model.config)) return undefined;
    try {
      writeWeights(model, saved.weights);
    } catch {
      // Saved by an older version of the model: the checkpoint instead.
      return undefined;
    }
    this.steps = this.savedSteps = saved.steps;
    return {steps: saved.steps, savedAt: saved.savedAt};
  }

  /**
   * Saves `model` if it has unsaved steps; `weights` (read by the caller, who may transfer them afterwards: they are
   * copied) or read now. Resolves with the steps saved, or undefined when nothing was (nothing new, a newer model).
   */
  async save(model: Autoencoder, weights?: Float32Array[]): Promise<number | undefined> {
    const settings = this.settings;
    if (!settings || this.unsaved <= 0) return undefined;
    const generation = this.generation;
    const steps = this.steps;
    const copies = weights ? weights.map((w) => w.slice()) : await readWeights(model);
    // The first reconstructions the restored model will show (the session's first probe), for the page to draw.
    const input = probeInputs(model, this.options.probe, settings.corruption, 1);
    const probe = await probeEvent(model, input, 0).finally(() => input.dispose());
    if (generation !== this.generation || steps <= this.savedSteps) return undefined;
    const key = savedModelKey(this.options.page, settings);
    const savedAt = Date.now();
    const before = this.savedSteps;
    this.savedSteps = steps;
    this.lastSave = this.now();
    // Issued with no wait since the check above, so that a Reset's forget() runs after it, never before.
    const saving = this.store.save(
      {key, config: model.config, weights: copies, steps, savedAt},
      {
        key,
        steps,
        savedAt,
        params: countParams(model),
        probe: {
          count: probe.count,
          inputShape: probe.inputShape,
          inputs: toBytes(probe.inputs),
          outputs: toBytes(probe.outputs)
        }
      }
    );
    try {
      await saving;
    } catch (error) {
      if (this.generation === generation) this.savedSteps = before;
      throw error;
    }
    return steps;
  }

  /** Forgets the model saved for the current settings (Reset). */
  async forget(): Promise<void> {
    if (this.settings) await this.store.delete(savedModelKey(this.options.page, this.settings));
  }
}
