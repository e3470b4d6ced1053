// Keeping the reader's model in the browser (lib/training/model-keeper.ts, with the keys of saved-models.ts): what
// is saved when, what a new model restores (the same page and settings only), and that Reset forgets, with a store
// in memory in place of IndexedDB.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import type {Dataset} from "../../../lib/data/dataset.js";
import {buildModel} from "../../../lib/models/registry.js";
import {readWeights, writeWeights} from "../../../lib/models/weights.js";
import {ModelKeeper, type ModelStore} from "../../../lib/training/model-keeper.js";
import {pageOfPath, savedModelKey, type SavedModel, type SavedNote} from "../../../lib/training/saved-models.js";
import type {SessionSettings} from "../../../lib/training/session.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const probe: Dataset = {
  count: 2,
  rows: 28,
  cols: 28,
  classes: 10,
  labels: new Uint8Array(2),
  images: Uint8Array.from({length: 2 * 784}, (_, i) => (i * 37) % 256)
};

function settings(latentDim: number, extra: Partial<SessionSettings> = {}): SessionSettings {
  return {model: {model: "dense-ae", latentDim, hidden: [8]}, epochs: 3, ...extra};
}

function memoryStore(): ModelStore & {models: Map<string, SavedModel>; notes: Map<string, SavedNote>} {
  const models = new Map<string, SavedModel>();
  const notes = new Map<string, SavedNote>();
  return {
    models,
    notes,
    load: async (key) => models.get(key),
    save: async (model, note) => {
      models.set(model.key, model);
      notes.set(note.key, note);
    },
    delete: async (key) => {
      models.delete(key);
      notes.delete(key);
    }
  };
}

/** A keeper whose clock the test moves. */
function keeperWith(store: ModelStore, page = "/autoencoder") {
  const clock = {now: 0};
  const keeper = new ModelKeeper({page, probe, store, every: 1000, now: () => clock.now});
  return {keeper, clock};
}

/** Tells the keeper that a run of `steps` steps went by, with a probe at the end. */
function run(keeper: ModelKeeper, steps: number): boolean {
  keeper.trainEvent({type: "start", stepsPerEpoch: steps, totalSteps: steps, batchSize: 32});
  for (let step = 1; step <= steps; step++)
    keeper.trainEvent({type: "step", step, epoch: 1, loss: {total: 1, reconstruction: 1}, samplesPerSecond: 1});
  return keeper.trainEvent({
    type: "probe",
    step: steps,
    count: 0,
    inputShape: [28, 28, 1],
    inputs: new Float32Array(),
    outputs: new Float32Array()
  });
}

describe("keys", () => {
  test("one page however the host spells it", () => {
    expect(pageOfPath("/vae")).toBe("/vae");
    expect(pageOfPath("/vae.html")).toBe("/vae");
    expect(pageOfPath("/id/index.html")).toBe("/id/");
    expect(pageOfPath("/index")).toBe("/");
    expect(pageOfPath("/")).toBe("/");
  });

  test("the page and the model's settings, not the length of a run nor slider noise", () => {
    const a = savedModelKey("/denoising", {
      ...settings(8),
      corruption: {kind: "gaussian", sigma: 0.3}
    } as SessionSettings);
    const b = savedModelKey("/denoising.html", {
      ...settings(8, {epochs: 9, trainImages: 100}),
      corruption: {sigma: 0.1 + 0.2, kind: "gaussian"}
    } as SessionSettings);
    expect(a).toBe(b);
    expect(savedModelKey("/denoising", settings(16))).not.toBe(savedModelKey("/denoising", settings(8)));
    expect(savedModelKey("/autoencoder", settings(8))).not.toBe(savedModelKey("/denoising", settings(8)));
    expect(savedModelKey("/vae", {...settings(2), klWeight: 1})).not.toBe(
      savedModelKey("/vae", {...settings(2), klWeight: 4})
    );
  });
});

describe("ModelKeeper", () => {
  test("saves only trained steps, and restores them into a model of the same settings only", async () => {
    const store = memoryStore();
    const {keeper} = keeperWith(store);
    const model = buildModel(settings(8).model);
    // Weights of its own, unlike those of a model just built.
    writeWeights(
      model,
      (await readWeights(model)).map((w) => w.map((x, i) => x + 0.01 * (i % 7)))
    );
    keeper.newModel();
    keeper.configured(settings(8));
    expect(await keeper.save(model)).toBeUndefined();
    run(keeper, 12);
    expect(keeper.unsaved).toBe(12);
    expect(await keeper.save(model)).toBe(12);
    expect(keeper.unsaved).toBe(0);
    expect(await keeper.save(model)).toBeUndefined();
    const note = [...store.notes.values()][0];
    expect(note).toMatchObject({steps: 12, probe: {count: 2, inputShape: [28, 28, 1]}});
    expect(note.probe.outputs.length).toBe(2 * 784);

    // A fresh worker (a reload) builds the same model: the weights and steps come back.
    const reloaded = keeperWith(store).keeper;
    const fresh = buildModel(settings(8).model);
    reloaded.newModel();
    expect(await reloaded.restore(fresh, settings(8, {epochs: 1}))).toMatchObject({steps: 12});
    const [want, got] = await Promise.all([readWeights(model), readWeights(fresh)]);
    got.forEach((w, i) => expect(w).toEqual(want[i]));
    // Its steps go on from there.
    run(reloaded, 3);
    expect(reloaded.unsaved).toBe(3);
    expect(await reloaded.save(fresh)).toBe(15);

    // Another latent size, or another page, restores nothing.
    const other = buildModel(settings(4).model);
    expect(await keeperWith(store).keeper.restore(other, settings(4))).toBeUndefined();
    expect(await keeperWith(store, "/denoising").keeper.restore(buildModel(settings(8).model), settings(8))).toBe(
      undefined
    );
    [model, fresh, other].forEach((m) => m.dispose());
  });

  test("a save is due at a probe once `every` ms have passed with unsaved steps", () => {
    const {keeper, clock} = keeperWith(memoryStore());
    keeper.newModel();
    keeper.configured(settings(8));
    expect(run(keeper, 5)).toBe(false);
    clock.now = 1500;
    expect(run(keeper, 5)).toBe(true);
  });

  test("Reset forgets, and a save begun before a new model is dropped", async () => {
    const store = memoryStore();
    const {keeper} = keeperWith(store);
    const model = buildModel(settings(8).model);
    keeper.newModel();
    keeper.configured(settings(8));
    run(keeper, 4);
    const saving = keeper.save(model);
    keeper.newModel();
    expect(await saving).toBeUndefined();
    expect(store.models.size).toBe(0);
    run(keeper, 4);
    expect(await keeper.save(model)).toBe(4);
    expect(store.models.size).toBe(1);
    await keeper.forget();
    expect(store.models.size).toBe(0);
    expect(store.notes.size).toBe(0);
    model.dispose();
  });
});
