// The training session's instant start: a model built for new settings goes through listener.freshModel (where
// the worker loads a checkpoint) before anything else, and its probe reconstructions are reported at once,
// without training; Reset and same-architecture changes do neither; runs wait for a training set still loading.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, expect, test} from "vitest";
import type {Dataset} from "../../../lib/data/dataset.js";
import type {Autoencoder} from "../../../lib/models/autoencoder.js";
import type {TrainEvent} from "../../../lib/training/loop.js";
import {TrainingSession, type SessionSettings} from "../../../lib/training/session.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function makeDataset(count: number): Dataset {
  let state = 7;
  const images = Uint8Array.from(
    {length: count * 784},
    () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 24) & 0xff
  );
  return {count, rows: 28, cols: 28, classes: 10, labels: new Uint8Array(count), images};
}

const settings = (latentDim: number, extra: Partial<SessionSettings> = {}): SessionSettings => ({
  model: {model: "dense-ae", latentDim, hidden: [16]},
  epochs: 1,
  batchSize: 32,
  probeEvery: 1000,
  ...extra
});

test("a fresh model goes through freshModel, then its probe is reported without training; Reset does neither", async () => {
  const fresh: {model: Autoencoder; settings: SessionSettings}[] = [];
  const events: TrainEvent[] = [];
  const session = new TrainingSession(
    {train: makeDataset(64), probe: makeDataset(3)},
    {
      status: () => {},
      model: () => {},
      train: (_runId, event) => events.push(event),
      freshModel: async (model, s) => {
        // What the worker does with a checkpoint: overwrite the new model's weights.
        tf.tidy(() => model.decoder.weights.forEach((w) => w.write(tf.zerosLike(w.read()))));
        fresh.push({model, settings: s});
      }
    }
  );
  await session.configure(settings(2), false);
  expect(fresh).toHaveLength(1);
  expect(fresh[0].model).toBe(session.model);
  const probes = events.filter((e) => e.type === "probe");
  expect(probes).toHaveLength(1);
  expect(events.some((e) => e.type === "step")).toBe(false);
  const probe = probes[0] as Extract<TrainEvent, {type: "probe"}>;
  expect(probe.count).toBe(3);
  // The reconstructions are those of the loaded weights: a zero decoder outputs sigmoid(0) = 0.5 everywhere.
  expect(Math.max(...probe.outputs.map((v) => Math.abs(v - 0.5)))).toBeLessThan(1e-6);

  // Same architecture (another noise level): no reload, no extra probe.
  await session.configure(settings(2, {corruption: {kind: "gaussian", sigma: 0.3}}), false);
  expect(fresh).toHaveLength(1);
  // Reset: random weights, no checkpoint, and their reconstructions reported at once.
  await session.reset();
  expect(fresh).toHaveLength(1);
  const afterReset = events.filter((e) => e.type === "probe");
  expect(afterReset).toHaveLength(2);
  const resetProbe = afterReset[1] as Extract<TrainEvent, {type: "probe"}>;
  expect(Math.max(...resetProbe.outputs.map((v) => Math.abs(v - 0.5)))).toBeGreaterThan(1e-3);
  // A new architecture: loaded again.
  await session.configure(settings(3), false);
  expect(fresh.map((f) => f.settings.model)).toEqual([settings(2).model, settings(3).model]);
  await session.dispose();
});

test("a run waits for a training set that is still loading", async () => {
  let deliver!: (data: Dataset) => void;
  const train = new Promise<Dataset>((resolve) => (deliver = resolve));
  const steps: number[] = [];
  const session = new TrainingSession(
    {train, probe: makeDataset(2)},
    {status: () => {}, model: () => {}, train: (_id, event) => event.type === "step" && steps.push(event.step)}
  );
  await session.configure(settings(2), false);
  const started = session.train();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(steps).toEqual([]);
  deliver(makeDataset(64));
  await started;
  const deadline = Date.now() + 20_000;
  while (steps.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(steps.length).toBe(2);
  await session.dispose();
});
