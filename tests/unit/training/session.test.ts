// The rules behind every slider of the lesson pages: a new configuration cancels the run in flight within
// one batch, continues from the current weights when the architecture is unchanged and starts fresh when it
// changes, and two runs never overlap, however fast the settings change. The last test drives the session
// from @observablehq/runtime, as the pages do.
import * as tf from "@tensorflow/tfjs";
import {Runtime} from "@observablehq/runtime";
import {afterEach, beforeAll, describe, expect, test} from "vitest";
import type {Dataset} from "../../../lib/data/dataset.js";
import type {Autoencoder} from "../../../lib/models/autoencoder.js";
import type {TrainEvent} from "../../../lib/training/loop.js";
import {
  isSameArchitecture,
  TrainingSession,
  type SessionSettings,
  type SessionStatus
} from "../../../lib/training/session.js";

function makeDataset(count: number): Dataset {
  let state = 12345;
  const images = Uint8Array.from(
    {length: count * 784},
    () => ((state = (state * 1103515245 + 12345) >>> 0) >>> 24) & 0xff
  );
  return {count, rows: 28, cols: 28, classes: 10, labels: new Uint8Array(count), images};
}

const data = {train: makeDataset(256), probe: makeDataset(4)};

function settings(latentDim: number, extra: Partial<SessionSettings> = {}): SessionSettings {
  return {model: {model: "dense-ae", latentDim, hidden: [16]}, epochs: 1000, batchSize: 32, probeEvery: 1000, ...extra};
}

interface Recorded {
  statuses: SessionStatus[];
  models: Autoencoder[];
  events: {runId: number; event: TrainEvent}[];
}

function record(): {recorded: Recorded; listener: ConstructorParameters<typeof TrainingSession>[1]} {
  const recorded: Recorded = {statuses: [], models: [], events: []};
  return {
    recorded,
    listener: {
      status: (status) => recorded.statuses.push(status),
      model: (model) => recorded.models.push(model),
      train: (runId, event) => recorded.events.push({runId, event})
    }
  };
}

const steps = (recorded: Recorded, runId: number): number =>
  recorded.events.filter((e) => e.runId === runId && e.event.type === "step").length;

async function waitFor(condition: () => boolean, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The largest number of runs in flight at once, from the start and done events in order. */
function maxConcurrentRuns(recorded: Recorded): number {
  let active = 0;
  let most = 0;
  for (const {event} of recorded.events) {
    if (event.type === "start") most = Math.max(most, ++active);
    if (event.type === "done") active--;
  }
  return most;
}

let session: TrainingSession | undefined;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

afterEach(async () => {
  await session?.dispose();
  session = undefined;
});

describe("isSameArchitecture", () => {
  test("compares configs regardless of key order", () => {
    expect(isSameArchitecture({model: "conv-ae", latentDim: 2}, {latentDim: 2, model: "conv-ae"})).toBe(true);
    expect(isSameArchitecture({model: "conv-ae", latentDim: 2}, {model: "conv-ae", latentDim: 3})).toBe(false);
    expect(isSameArchitecture({model: "conv-ae"}, {model: "conv-ae", latentDim: 3})).toBe(false);
  });
});

describe("TrainingSession", () => {
  test("same architecture continues from the current weights; a new one starts fresh", async () => {
    const {recorded, listener} = record();
    session = new TrainingSession(data, listener);
    await session.configure(settings(2), true);
    await waitFor(() => steps(recorded, 1) >= 3);
    const trained = session.model;
    await session.configure(settings(2, {learningRate: 0.01}), true);
    expect(session.model).toBe(trained);
    expect(recorded.models).toHaveLength(1);
    await waitFor(() => steps(recorded, 2) >= 1);
    await session.configure(settings(3), true);
    expect(session.model).not.toBe(trained);
    expect(recorded.models).toHaveLength(2);
    expect(session.model?.codeSize).toBe(3);
  });

  test("a new configuration cancels the run in flight within one batch", async () => {
    const {recorded, listener} = record();
    session = new TrainingSession(data, listener);
    await session.configure(settings(2), true);
    await waitFor(() => steps(recorded, 1) >= 2);
    const before = steps(recorded, 1);
    await session.configure(settings(4), true);
    // configure() resolves only after the old run has stopped: at most the batch already running finished.
    expect(steps(recorded, 1) - before).toBeLessThanOrEqual(1);
    const done = recorded.events.find((e) => e.runId === 1 && e.event.type === "done");
    expect(done?.event).toMatchObject({type: "done", status: "cancelled"});
  });

  test("a burst of configurations never runs two trainings at once and ends with the last one", async () => {
    const {recorded, listener} = record();
    session = new TrainingSession(data, listener);
    const calls: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) calls.push(session.configure(settings(1 + (i % 4)), true));
    await Promise.all(calls);
    await waitFor(() => steps(recorded, session!.runCount) >= 1);
    expect(maxConcurrentRuns(recorded)).toBe(1);
    expect(session.status).toBe("training");
    expect(session.model?.codeSize).toBe(1 + (19 % 4));
  });

  test("pause stops stepping, train resumes the same run, reset starts from new weights", async () => {
    const {recorded, listener} = record();
    session = new TrainingSession(data, listener);
    await session.configure(settings(2), true);
    await waitFor(() => steps(recorded, 1) >= 2);
    session.pause();
    expect(session.status).toBe("paused");
    await new Promise((resolve) => setTimeout(resolve, 100));
    const paused = steps(recorded, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(steps(recorded, 1)).toBe(paused);
    await session.train();
    await waitFor(() => steps(recorded, 1) > paused);
    expect(session.runCount).toBe(1);
    const model = session.model;
    await session.reset();
    expect(session.status).toBe("idle");
    expect(session.model).not.toBe(model);
  });

  test("leaves no tensors behind once disposed", async () => {
    const before = tf.memory().numTensors;
    const {recorded, listener} = record();
    session = new TrainingSession(data, listener);
    await session.configure(settings(2), true);
    await waitFor(() => steps(recorded, 1) >= 2);
    await session.configure(settings(3), true);
    await waitFor(() => steps(recorded, 2) >= 2);
    await session.dispose();
    session = undefined;
    expect(tf.memory().numTensors).toBe(before);
  });
});

test("wired through @observablehq/runtime: an input change invalidates, cancels and restarts", async () => {
  const {recorded, listener} = record();
  session = new TrainingSession(data, listener);
  const live = session;
  const invalidated: number[] = [];
  const runtime = new Runtime();
  const main = runtime.module();
  const latent = main.variable(true).define("latent", [], () => 2);
  // The page's cell: reads the slider, (re)configures the session, and is invalidated when the slider moves.
  main.variable(true).define("train", ["latent", "invalidation"], (value: number, invalidation: Promise<void>) => {
    invalidation.then(() => invalidated.push(value));
    void live.configure(settings(value), true);
    return value;
  });
  await waitFor(() => steps(recorded, 1) >= 2);
  latent.define("latent", [], () => 5);
  await waitFor(() => steps(recorded, 2) >= 2);
  expect(invalidated).toEqual([2]);
  expect(recorded.events.find((e) => e.runId === 1 && e.event.type === "done")?.event).toMatchObject({
    status: "cancelled"
  });
  expect(live.model?.codeSize).toBe(5);
  expect(maxConcurrentRuns(recorded)).toBe(1);
  runtime.dispose();
});

describe("stepping", () => {
  test("step runs exactly one batch and stays paused; a second step runs one more; train resumes", async () => {
    const {recorded, listener} = record();
    const session = new TrainingSession(data, listener);
    await session.configure(settings(2), false);
    await session.step();
    await waitFor(() => steps(recorded, 1) === 1);
    // Give a run that would go on time to take more steps: it must not.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(steps(recorded, 1)).toBe(1);
    expect(session.status).toBe("paused");
    await session.step();
    await waitFor(() => steps(recorded, 1) === 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(steps(recorded, 1)).toBe(2);
    await session.train();
    await waitFor(() => steps(recorded, 1) > 4);
    expect(session.status).toBe("training");
    await session.dispose();
  });
});
