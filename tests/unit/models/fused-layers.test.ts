// The layers that run two of the lesson's layers as one kernel (lib/models/fused-layers.ts) give the same outputs and
// gradients (input, kernel, bias) as the two layers' own ops on the stock kernels, on shapes inside and at the edge of
// the kernels' scope (odd sizes pool with a partial last window); outside wasm they are those ops.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {describe, expect, it} from "vitest";
import {registerFastKernels, useReferenceKernels} from "../../../lib/backend/kernels/index.js";
import {CONV_RELU_POOL} from "../../../lib/backend/kernels/conv-relu-pool.js";
import {UPSAMPLE_CONV} from "../../../lib/backend/kernels/upsample-conv.js";
import {createLayerFactory} from "../../../lib/models/layers.js";

interface Case {
  block: "convPool" | "upSampleConv";
  /** Input [n, size, size, channels]; upSampleConv's input comes out of a ReLU conv of that many channels. */
  size: number;
  channels: number;
  filters: number;
}

async function run({block, size, channels, filters}: Case) {
  const factory = createLayerFactory(7);
  // The upsampling's input is a ReLU conv's output in the decoder: its gradient takes the ReLU's mask in the same pass.
  const before = block === "upSampleConv" ? factory.conv(channels, "relu") : undefined;
  const layer = block === "convPool" ? factory.convPool(filters) : factory.upSampleConv(filters);
  const x = tf.randomNormal([3, size, size, block === "convPool" ? 1 : 4], 0, 1, "float32", 1);
  const forward = (input: tf.Tensor): tf.Tensor => {
    const y = before ? (before.apply(input) as tf.Tensor) : input;
    return layer.apply(y) as tf.Tensor;
  };
  forward(x); // builds the weights
  layer.weights[1].write(tf.randomNormal([filters], 0, 0.5, "float32", 2));
  const variables = [...(before?.trainableWeights ?? []), ...layer.trainableWeights].map(
    (w) => w.read() as tf.Variable
  );
  const r = tf.randomNormal(forward(x).shape, 0, 1, "float32", 3);
  const loss = (input: tf.Tensor) => forward(input).mul(r).sum() as tf.Scalar;
  const profile = await tf.profile(() => tf.variableGrads(() => loss(x), variables).value);
  const {grads} = tf.variableGrads(() => loss(x), variables);
  const values = [...Object.values(grads), tf.grad(loss)(x), forward(x)].map((t) => Array.from(t.dataSync()));
  layer.dispose();
  before?.dispose();
  return {values, kernels: new Set(profile.kernels.map((k) => k.name))};
}

const CASES: Case[] = [
  {block: "convPool", size: 28, channels: 1, filters: 16},
  {block: "convPool", size: 9, channels: 1, filters: 8},
  {block: "convPool", size: 7, channels: 1, filters: 4},
  {block: "upSampleConv", size: 14, channels: 16, filters: 1},
  {block: "upSampleConv", size: 5, channels: 8, filters: 1}
];

describe("the fused layers", () => {
  for (const c of CASES) {
    it(`${c.block} ${c.size}x${c.size}x${c.channels} to ${c.filters}: the two layers' outputs and gradients on wasm`, async () => {
      await tf.setBackend("wasm");
      registerFastKernels();
      const fused = await run(c);
      useReferenceKernels();
      const stock = await run(c);
      registerFastKernels();
      const name = c.block === "convPool" ? CONV_RELU_POOL : UPSAMPLE_CONV;
      expect(fused.kernels.has(name)).toBe(true);
      expect(stock.kernels.has(name)).toBe(false);
      expect(fused.values.length).toBe(stock.values.length);
      fused.values.forEach((values, i) => {
        const scale = Math.max(...stock.values[i].map(Math.abs));
        expect(scale).toBeGreaterThan(0);
        const worst = Math.max(...values.map((v, j) => Math.abs(v - stock.values[i][j])));
        expect(worst / scale).toBeLessThan(1e-5);
      });
    });
  }

  it("run as the two layers' ops on cpu, with the same weights in the same order as a conv layer's", async () => {
    await tf.setBackend("cpu");
    registerFastKernels();
    const pool = await run(CASES[1]);
    expect(pool.kernels.has(CONV_RELU_POOL)).toBe(false);
    expect(pool.kernels.has("MaxPool")).toBe(true);
    const layer = createLayerFactory(7).convPool(8);
    layer.apply(tf.zeros([1, 9, 9, 1]));
    expect(layer.weights.map((w) => w.shape)).toEqual([[3, 3, 1, 8], [8]]);
    layer.dispose();
  });
});
