// The training loop: it learns, replays exactly from its seeds, stops within one batch when cancelled, pauses,
// stops on NaN with an error event, and leaves tf.memory().numTensors where it found it in every case.
import * as tf from "@tensorflow/tfjs";
import {beforeAll, describe, expect, test} from "vitest";
import {buildModel} from "../../../lib/models/registry.js";
import {type Autoencoder} from "../../../lib/models/autoencoder.js";
import {type ModelConfig} from "../../../lib/models/config.js";
import {makeBars} from "./bars.js";
import {evaluateModel} from "../../../lib/training/evaluation.js";
import {startTraining, type TrainEvent, type TrainOptions, type TrainResult} from "../../../lib/training/loop.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const data = makeBars(96, 1);
const small: ModelConfig = {model: "dense-ae", hidden: [32], latentDim: 8};

async function train(model: Autoencoder, options: Partial<TrainOptions> & {epochs: number}) {
  const events: TrainEvent[] = [];
  const before = tf.memory().numTensors;
  const run = startTraining(model, data, {
    batchSize: 16,
    ...options,
    onEvent: (e) => {
      events.push(e);
      options.onEvent?.(e);
    }
  });
  const result: TrainResult = await run.result;
  return {events, result, leaked: tf.memory().numTensors - before, run};
}

const stepLosses = (events: TrainEvent[]): number[] => events.flatMap((e) => (e.type === "step" ? [e.loss.total] : []));

describe("training", () => {
  test("the loss falls on a small fixed dataset, with events in order", async () => {
    const model = buildModel(small);
    const {events, result, leaked} = await train(model, {epochs: 4, learningRate: 0.01});
    expect(result.status).toBe("completed");
    expect(result.steps).toBe(4 * 6);
    expect(leaked).toBe(0);
    const losses = stepLosses(events);
    expect(losses).toHaveLength(24);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(losses.slice(-6))).toBeLessThan(0.6 * mean(losses.slice(0, 3)));
    expect(events[0].type).toBe("start");
    expect(events.at(-1)).toMatchObject({type: "done", status: "completed", steps: 24});
    expect(events.filter((e) => e.type === "epoch").map((e) => (e.type === "epoch" ? e.epoch : 0))).toEqual([
      1, 2, 3, 4
    ]);
    model.dispose();
  });

  test("two runs with the same seeds give the same losses; another seed does not", async () => {
    const run = async (seed: number): Promise<number[]> => {
      const model = buildModel({model: "dense-vae", hidden: 16, latentDim: 2});
      const {events} = await train(model, {epochs: 1, seed, corruption: {kind: "gaussian", sigma: 0.2}});
      model.dispose();
      return stepLosses(events);
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(await run(6)).not.toEqual(first);
  });

  test("continues from the current weights when run again on the same model", async () => {
    const model = buildModel(small);
    const first = await train(model, {epochs: 3, learningRate: 0.01});
    const second = await train(model, {epochs: 1, learningRate: 0.01});
    const fresh = await train(buildModel(small), {epochs: 1, learningRate: 0.01});
    expect(stepLosses(second.events)[0]).toBeLessThan(stepLosses(fresh.events)[0] * 0.8);
    expect(stepLosses(second.events)[0]).toBeLessThan(stepLosses(first.events)[0]);
    model.dispose();
  });

  test("cancelling stops within one batch and leaks nothing", async () => {
    const model = buildModel(small);
    const controller = new AbortController();
    const {events, result, leaked} = await train(model, {
      epochs: 5,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "step" && e.step === 3) controller.abort();
      }
    });
    expect(result.status).toBe("cancelled");
    expect(result.steps).toBe(3);
    expect(stepLosses(events)).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({type: "done", status: "cancelled"});
    expect(leaked).toBe(0);
    model.dispose();
  });

  test("an abort from a timer, while batches run, is honoured before the next batch", async () => {
    const model = buildModel(small);
    const controller = new AbortController();
    let stepsAtAbort = -1;
    let steps = 0;
    setTimeout(() => {
      stepsAtAbort = steps;
      controller.abort();
    }, 30);
    const {result, leaked} = await train(model, {
      epochs: 200,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "step") steps = e.step;
      }
    });
    expect(result.status).toBe("cancelled");
    expect(stepsAtAbort).toBeGreaterThanOrEqual(0);
    expect(result.steps - stepsAtAbort).toBeLessThanOrEqual(1);
    expect(leaked).toBe(0);
    model.dispose();
  });

  test("pause holds the run between batches and resume continues it", async () => {
    const model = buildModel(small);
    let pausedAt = -1;
    let stepsWhilePaused = 0;
    let run: ReturnType<typeof startTraining> | undefined;
    let reachedPause: () => void = () => {};
    const paused = new Promise<void>((resolve) => (reachedPause = resolve));
    const started = startTraining(model, data, {
      epochs: 1,
      batchSize: 16,
      onEvent: (e) => {
        if (e.type !== "step") return;
        if (run?.paused) stepsWhilePaused++;
        if (e.step === 2) {
          run?.pause();
          pausedAt = e.step;
          reachedPause();
        }
      }
    });
    run = started;
    await paused;
    // Long enough for several batches, had the run not been held.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run.paused).toBe(true);
    expect(pausedAt).toBe(2);
    expect(stepsWhilePaused).toBe(0);
    run.resume();
    const result = await run.result;
    expect(result).toMatchObject({status: "completed", steps: 6});
    model.dispose();
  });

  test("a NaN loss stops the run with an error event and leaks nothing", async () => {
    const model = buildModel({model: "dense-vae", hidden: 16, latentDim: 2});
    const kernel = model.decoder.weights[0];
    kernel.write(tf.fill(kernel.shape as number[], NaN));
    const {events, result, leaked} = await train(model, {epochs: 2});
    expect(result.status).toBe("failed");
    expect(result.steps).toBe(1);
    expect(events.find((e) => e.type === "error")).toMatchObject({type: "error", step: 1});
    expect(events.at(-1)).toMatchObject({type: "done", status: "failed"});
    expect(leaked).toBe(0);
    model.dispose();
  });

  test("probe reconstructions come at the start, every N steps and at the end", async () => {
    const model = buildModel({model: "super-res", scale: 2, filters: 4});
    const probe = {data: makeBars(3, 9), every: 4};
    const {events, leaked} = await train(model, {epochs: 1, probe});
    const probes = events.flatMap((e) => (e.type === "probe" ? [e] : []));
    expect(probes.map((p) => p.step)).toEqual([0, 4, 6]);
    expect(probes[0].inputShape).toEqual([14, 14, 1]);
    expect(probes[0].inputs).toHaveLength(3 * 14 * 14);
    expect(probes[0].outputs).toHaveLength(3 * 784);
    expect(probes[2].outputs).not.toEqual(probes[0].outputs);
    expect(leaked).toBe(0);
    model.dispose();
  });

  test("evaluation reports loss parts, PSNR and SSIM without leaking", async () => {
    const model = buildModel({model: "dense-vae", hidden: 16, latentDim: 3});
    const before = tf.memory().numTensors;
    const evaluation = await evaluateModel(model, data, {batchSize: 40});
    expect(tf.memory().numTensors).toBe(before);
    expect(evaluation.count).toBe(96);
    expect(evaluation.loss.klPerDim).toHaveLength(3);
    expect(evaluation.loss.total).toBeCloseTo(evaluation.loss.reconstruction + (evaluation.loss.kl ?? NaN), 3);
    expect(evaluation.psnr).toBeGreaterThan(0);
    expect(evaluation.ssim).toBeLessThan(1);
    model.dispose();
  });
});
