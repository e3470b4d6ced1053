// The models a reader has trained, kept in the browser's IndexedDB so that a reload (or back and forward) goes on
// from them: the training worker saves the weights when a run pauses or ends and every so often while it trains,
// and restores them when it builds the same model for the same page again; Reset forgets them. Each record is
// keyed by the page and the settings a checkpoint may differ in (a model trained at latent 8 restores at latent 8
// only). Two stores: the weights (megabytes, read by the worker) and a small note (steps, and the first results of
// the restored model) that the page reads to draw them before the worker has started. No DOM: workers use it too.
import {checkpointRequestOf, type CheckpointRequest} from "../checkpoints/manifest.js";
import type {ModelConfig} from "../models/config.js";

/** What the page draws of a saved model before its worker is ready: its probe reconstructions, as bytes (0-255). */
export interface SavedProbe {
  count: number;
  inputShape: number[];
  inputs: Uint8Array;
  outputs: Uint8Array;
}

export interface SavedNote {
  key: string;
  /** Training steps the model had in all when it was saved. */
  steps: number;
  /** Date.now() at the save. */
  savedAt: number;
  params: number;
  /** The reconstructions the worker shows first once it has restored the model (the session's first probe). */
  probe: SavedProbe;
}

export interface SavedModel {
  key: string;
  config: ModelConfig;
  /** In the order of modelVariables() (lib/models/weights.ts). */
  weights: Float32Array[];
  steps: number;
  savedAt: number;
}

const DATABASE = "autoencoders-lab";
const VERSION = 1;
const MODELS = "models";
const NOTES = "notes";

/** The same path for every way a host may spell a page: "/vae", "/vae.html", "/id/index.html" = "/id/". */
export function pageOfPath(pathname: string): string {
  return pathname.replace(/\.html$/, "").replace(/(^|\/)index$/, "$1") || "/";
}

/** A value as JSON with its object keys sorted and undefined fields left out, so that equal settings match. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  // Slider values carry float noise (0.30000000000000004): numbers are kept to 6 digits.
  return JSON.stringify(typeof value === "number" ? Number(value.toPrecision(6)) : value);
}

/**
 * The key of the model trained on `page` with `settings`: the page and what a checkpoint may differ in (the model,
 * its noise, its KL weight), not the length of a run.
 */
export function savedModelKey(page: string, settings: CheckpointRequest): string {
  return `${pageOfPath(page)} ${stableJson(checkpointRequestOf(settings))}`;
}

/** True where this browser can keep models (IndexedDB exists: pages and workers, not Node). */
export function canSaveModels(): boolean {
  return typeof indexedDB !== "undefined";
}

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  return (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(MODELS)) db.createObjectStore(MODELS, {keyPath: "key"});
      if (!db.objectStoreNames.contains(NOTES)) db.createObjectStore(NOTES, {keyPath: "key"});
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB did not open"));
    request.onblocked = () => reject(new Error("IndexedDB is blocked by another tab"));
  }).catch((error: unknown) => {
    // A later call tries again (private modes may refuse storage for a while).
    opened = undefined;
    throw error;
  }));
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB transaction failed"));
    transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB transaction aborted"));
  });
}

function read<T>(store: string, key: string): Promise<T | undefined> {
  return database().then(
    (db) =>
      new Promise<T | undefined>((resolve, reject) => {
        const request = db.transaction(store, "readonly").objectStore(store).get(key);
        request.onsuccess = () => resolve(request.result as T | undefined);
        request.onerror = () => reject(request.error ?? new Error("IndexedDB read failed"));
      })
  );
}

/**
 * Stores a model and its note in one transaction. The arrays are copied when this is called (structured clone),
 * so the caller may transfer them right after.
 */
export async function saveModel(model: SavedModel, note: SavedNote): Promise<void> {
  const db = await database();
  const transaction = db.transaction([MODELS, NOTES], "readwrite");
  transaction.objectStore(MODELS).put(model);
  transaction.objectStore(NOTES).put(note);
  return done(transaction);
}

export function loadSavedModel(key: string): Promise<SavedModel | undefined> {
  return read<SavedModel>(MODELS, key);
}

export function loadSavedNote(key: string): Promise<SavedNote | undefined> {
  return read<SavedNote>(NOTES, key);
}

/** Forgets the model saved under `key` (Reset). */
export async function deleteSavedModel(key: string): Promise<void> {
  const db = await database();
  const transaction = db.transaction([MODELS, NOTES], "readwrite");
  transaction.objectStore(MODELS).delete(key);
  transaction.objectStore(NOTES).delete(key);
  return done(transaction);
}
