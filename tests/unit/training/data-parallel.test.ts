// Training over two workers (lib/training/data-parallel.ts): a step whose second half's gradients come from a peer
// updates the weights as the whole batch's step does, and reports the whole batch's loss. Here the peer answers
// over a MessageChannel in this process (the same arithmetic as a worker, without the parallelism).
import * as tf from "@tensorflow/tfjs";
import {afterEach, beforeAll, describe, expect, test} from "vitest";
import {registerFastKernels} from "../../../lib/backend/kernels/index.js";
import {buildModel} from "../../../lib/models/registry.js";
import type {ModelConfig} from "../../../lib/models/config.js";
import {readWeights} from "../../../lib/models/weights.js";
import {
  GradientPeer,
  serveGradients,
  type PeerPort,
  type PeerReply,
  type PeerRequest
} from "../../../lib/training/data-parallel.js";
import {startTraining, type TrainOptions} from "../../../lib/training/loop.js";
import {makeBars} from "./bars.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
  // As selectBackend does: stock cpu's ResizeNearestNeighborGrad mixes up a batch's images (useReferenceKernels).
  registerFastKernels();
});

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

function peerPair(): {peer: GradientPeer; close(): void} {
  const channel = new MessageChannel();
  channels.push(channel);
  const served = serveGradients(channel.port2 as unknown as PeerPort<PeerReply, PeerRequest>);
  channel.port2.start();
  channel.port1.start();
  return {peer: new GradientPeer(channel.port1 as unknown as PeerPort<PeerRequest, PeerReply>), close: served.close};
}

async function trainOnce(config: ModelConfig, peer: GradientPeer | undefined, extra: Partial<TrainOptions> = {}) {
  const model = buildModel(config);
  const data = makeBars(24, 3);
  // Plain SGD: the update is the gradient itself, so a wrong half would show (Adam's first step hides its size).
  const optimizer = tf.train.sgd(0.5);
  const run = startTraining(model, data, {epochs: 1, batchSize: 24, optimizer, peer, ...extra});
  const result = await run.result;
  const weights = await readWeights(model);
  model.dispose();
  optimizer.dispose();
  return {result, weights};
}

function largestRelativeDifference(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  a.forEach((w, k) => {
    const scale = Math.max(...b[k].map(Math.abs), 1e-6);
    w.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[k][i]) / scale)));
  });
  return worst;
}

describe("a batch split with a peer", () => {
  for (const config of [
    {model: "dense-ae", hidden: [32], latentDim: 8},
    {model: "conv-ae", seed: 2}
  ] as ModelConfig[]) {
    test(`${config.model}: the whole batch's update and loss`, async () => {
      const alone = await trainOnce(config, undefined);
      const before = tf.memory().numTensors;
      const {peer, close} = peerPair();
      const split = await trainOnce(config, peer);
      close(); // the peer's model (here in this process) goes with it
      expect(split.result.status).toBe("completed");
      expect(tf.memory().numTensors).toBe(before);
      expect(largestRelativeDifference(split.weights, alone.weights)).toBeLessThan(1e-5);
      // ... and the weights did move: the check above compares updates, not two untouched models.
      const untouched = await readWeights(buildModel(config));
      expect(largestRelativeDifference(alone.weights, untouched)).toBeGreaterThan(1e-3);
      expect(split.result.lastLoss?.total).toBeCloseTo(alone.result.lastLoss?.total ?? NaN, 5);
    });
  }

  test("a peer that fails stops the run with its message", async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    // The peer's side sees a model it cannot build, so it answers the first request with its error.
    const peerSide: PeerPort<PeerReply, PeerRequest> = {
      postMessage: (message, transfer) => channel.port2.postMessage(message, transfer),
      addEventListener: (type, listener) =>
        channel.port2.addEventListener(type, (event) => {
          const data = event.data as PeerRequest;
          const broken = data.type === "peer-init" ? {...data, config: {...data.config, latentDim: -1}} : data;
          listener({data: broken} as MessageEvent<PeerRequest>);
        }),
      removeEventListener: () => undefined
    };
    serveGradients(peerSide);
    channel.port2.start();
    channel.port1.start();
    const peer = new GradientPeer(channel.port1 as unknown as PeerPort<PeerRequest, PeerReply>);
    const {result} = await trainOnce({model: "dense-ae", hidden: [32], latentDim: 8}, peer);
    expect(result.status).toBe("failed");
    expect(result.error).toMatch(/^the second training worker failed: .*-1/);
  });
});
