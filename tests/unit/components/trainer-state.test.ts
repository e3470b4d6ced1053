// The fold of worker messages into the page's training state: what each message changes, which ones are urgent or
// bring first results, how steps count across runs, and how a build-time preview survives the worker's first model.
import {describe, expect, test} from "vitest";
import {
  foldMessage,
  initialTrainerState,
  isUntrained,
  type TrainerFold
} from "../../../src/components/trainer-state.js";
import type {WorkerMessage} from "../../../lib/training/protocol.js";

const start = (): TrainerFold => ({state: initialTrainerState(), stepBase: 0, previewing: false});
const loss = (total: number) => ({total, reconstruction: total});
const run = (fold: TrainerFold, messages: WorkerMessage[]): TrainerFold =>
  messages.reduce((f, message) => foldMessage(f, message).fold, fold);
const probe = {
  type: "probe" as const,
  step: 0,
  count: 1,
  inputShape: [28, 28, 1],
  inputs: new Float32Array(784),
  outputs: new Float32Array(784)
};
const steps = (runId: number, count: number): WorkerMessage[] =>
  Array.from({length: count}, (_, i) => ({
    type: "train",
    runId,
    event: {type: "step", step: i + 1, epoch: 1, loss: loss(1 / (i + 1)), samplesPerSecond: 100}
  }));

describe("folding worker messages", () => {
  test("ready leaves loading for idle; status and model changes are urgent", () => {
    const ready = foldMessage(start(), {type: "ready", backend: {name: "wasm", reasons: []} as never, testImages: 10});
    expect(ready.fold.state.phase).toBe("idle");
    expect(ready.urgent).toBe(false);
    const training = foldMessage(ready.fold, {type: "status", status: "training"});
    expect(training.fold.state.phase).toBe("training");
    expect(training.urgent).toBe(true);
    // A ready from a replacement worker does not undo a phase already known.
    expect(foldMessage(training.fold, {type: "ready", backend: {} as never, testImages: 10}).fold.state.phase).toBe(
      "training"
    );
  });

  test("steps of a second run continue the count of the first; a new model starts the curves over", () => {
    const config = {model: "conv-ae" as const};
    let fold = run(start(), [
      {type: "model", config, params: 10},
      {type: "train", runId: 1, event: {type: "start", stepsPerEpoch: 3, totalSteps: 3, batchSize: 2}},
      ...steps(1, 3),
      {type: "train", runId: 2, event: {type: "start", stepsPerEpoch: 3, totalSteps: 3, batchSize: 2}},
      ...steps(2, 2)
    ]);
    expect(fold.state.step).toBe(5);
    expect(fold.state.history.map((r) => r.step)).toEqual([1, 2, 3, 4, 5]);
    expect(fold.state.runStep).toBe(2);
    expect(isUntrained(fold.state)).toBe(false);
    const before = fold.state.history;
    fold = foldMessage(fold, {type: "model", config, params: 10}).fold;
    expect(fold.state.history).not.toBe(before);
    expect([fold.state.history.length, fold.state.step]).toEqual([0, 0]);
    expect(isUntrained(fold.state)).toBe(true);
  });

  test("the first probe is urgent and brings first results; later ones are throttled", () => {
    const first = foldMessage(start(), {type: "train", runId: 1, event: probe});
    expect([first.urgent, first.firstResults]).toEqual([true, true]);
    expect(first.fold.state.probe).toBe(probe);
    const second = foldMessage(first.fold, {type: "train", runId: 1, event: {...probe, step: 10}});
    expect(second.urgent).toBe(false);
  });

  test("a preview survives the worker's first model, and is replaced by its first probe", () => {
    const preview = {...probe, step: -1};
    let fold: TrainerFold = {...start(), previewing: true, state: {...initialTrainerState(), probe: preview}};
    fold = foldMessage(fold, {type: "model", config: {model: "conv-ae"}, params: 10}).fold;
    expect(fold.state.probe).toBe(preview);
    const replaced = foldMessage(fold, {type: "train", runId: 1, event: probe});
    expect(replaced.fold.state.probe).toBe(probe);
    expect(replaced.fold.previewing).toBe(false);
    expect(replaced.urgent).toBe(true);
    // Without a preview, a new model clears the old pictures.
    expect(
      foldMessage(replaced.fold, {type: "model", config: {model: "conv-ae"}, params: 10}).fold.state.probe
    ).toBeUndefined();
  });

  test("a diverged run and a worker failure become the reader's problem; a failed query does not", () => {
    const diverged = foldMessage(start(), {
      type: "train",
      runId: 1,
      event: {type: "error", step: 3, message: "loss became NaN"}
    });
    expect(diverged.fold.state.problem).toMatch(/^Training stopped: loss became NaN/);
    const failed = foldMessage(start(), {type: "failed", message: "no backend"});
    expect([failed.fold.state.problem, failed.firstResults]).toEqual(["no backend", true]);
    expect(foldMessage(start(), {type: "failed", id: 4, message: "query failed"}).fold.state.problem).toBeUndefined();
    // The next run's start clears the problem.
    const next = foldMessage(diverged.fold, {
      type: "train",
      runId: 2,
      event: {type: "start", stepsPerEpoch: 1, totalSteps: 1, batchSize: 1}
    });
    expect(next.fold.state.problem).toBeUndefined();
  });

  test("epochs are recorded at the step they ended", () => {
    const fold = run(start(), [
      {type: "train", runId: 1, event: {type: "start", stepsPerEpoch: 2, totalSteps: 2, batchSize: 1}},
      ...steps(1, 2),
      {type: "train", runId: 1, event: {type: "epoch", epoch: 1, loss: loss(0.5)}}
    ]);
    expect(fold.state.epochs).toEqual([{step: 2, epoch: 1, train: loss(0.5), test: undefined}]);
  });

  test("a model restored from this browser keeps its steps, and the next run counts on from them", () => {
    const config = {model: "conv-ae" as const};
    const restored = {steps: 40, savedAt: 1};
    let fold = run(start(), [
      {type: "model", config, params: 10},
      {type: "checkpoint", exact: true, restored, text: "Restored"}
    ]);
    expect(fold.state).toMatchObject({step: 40, savedSteps: 40, checkpoint: {restored}});
    expect(isUntrained(fold.state)).toBe(false);
    fold = run(fold, [
      {type: "train", runId: 1, event: {type: "start", stepsPerEpoch: 3, totalSteps: 3, batchSize: 2}},
      ...steps(1, 3),
      {type: "saved", steps: 43}
    ]);
    expect(fold.state).toMatchObject({step: 43, savedSteps: 43});
    // A checkpoint's note (a new model) starts from no steps and nothing saved.
    fold = run(fold, [
      {type: "model", config, params: 10},
      {type: "checkpoint", exact: true, name: "x", text: "x"}
    ]);
    expect(fold.state).toMatchObject({step: 0, savedSteps: undefined});
  });

  test("a preview of the reader's own model keeps its step count through the worker's first model", () => {
    const preview: TrainerFold = {state: {...initialTrainerState(), step: 40, probe}, stepBase: 0, previewing: true};
    const fold = run(preview, [{type: "model", config: {model: "conv-ae"}, params: 10}]);
    expect(fold.state).toMatchObject({step: 40, probe});
  });
});
