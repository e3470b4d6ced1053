// A ReLU conv layer trains through one kernel (conv, bias and ReLU) where ours are registered: the same outputs and
// gradients (input, kernel, bias) as the layer's own Conv2D, Add and Relu, which run on the stock kernels; also with a
// max pooling or an upsampling after it, whose gradient then takes the ReLU's (lib/backend/kernels/relu-mask.ts).
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {describe, expect, it} from "vitest";
import {registerFastKernels, useReferenceKernels} from "../../../lib/backend/kernels/index.js";
import {CONV_BIAS_RELU} from "../../../lib/backend/kernels/conv-bias-relu.js";
import {RELU_GRAD} from "../../../lib/backend/kernels/relu-grad.js";
import {createLayerFactory, maxPool, upSample} from "../../../lib/models/layers.js";

type After = "none" | "pool" | "upsample";

async function gradients(pad: "same" | "valid", after: After = "none", size = 9) {
  const layer = createLayerFactory(3).conv(8, "relu", pad);
  const next = after === "pool" ? maxPool() : after === "upsample" ? upSample() : undefined;
  const x = tf.randomNormal([2, size, size, 4], 0, 1, "float32", 1);
  layer.apply(x); // builds the weights
  // Some bias, so that its gradient and the ReLU's cut-off both matter.
  layer.weights[1].write(tf.randomNormal([8], 0, 0.5, "float32", 2));
  const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const forward = (input: tf.Tensor): tf.Tensor => {
    const y = layer.apply(input) as tf.Tensor;
    return next ? (next.apply(y) as tf.Tensor) : y;
  };
  const r = tf.randomNormal(forward(x).shape, 0, 1, "float32", 3);
  const loss = (input: tf.Tensor) => forward(input).mul(r).sum() as tf.Scalar;
  const kernels = new Set<string>();
  const profile = await tf.profile(() => {
    const {grads} = tf.variableGrads(() => loss(x), variables);
    const dx = tf.grad(loss)(x);
    return [...Object.values(grads), dx];
  });
  profile.kernels.forEach((k) => kernels.add(k.name));
  const {grads} = tf.variableGrads(() => loss(x), variables);
  const values = [...Object.values(grads), tf.grad(loss)(x), forward(x)].map((t) => Array.from(t.dataSync()));
  layer.dispose();
  return {values, kernels};
}

describe("the fused conv + bias + ReLU kernel", () => {
  for (const backend of ["wasm", "cpu"]) {
    // 9x9 pools with a partial last window (the module's general loop), 8x8 in exact 2x2 tiles (its fast path).
    for (const [pad, after, size] of [
      ["same", "none", 9],
      ["valid", "none", 9],
      ["same", "pool", 9],
      ["same", "pool", 8],
      ["same", "upsample", 9]
    ] as const) {
      it(`gives the stock path's outputs and gradients on ${backend}, padding ${pad}${after === "none" ? "" : `, ${after} after it, ${size}x${size}`}`, async () => {
        await tf.setBackend(backend);
        registerFastKernels();
        const fused = await gradients(pad, after, size);
        // Stock kernels (with a plain loop for wasm's missing Conv2DBackpropFilter), as the bench's checks use.
        useReferenceKernels();
        const stock = await gradients(pad, after, size);
        registerFastKernels();
        expect(fused.kernels.has(CONV_BIAS_RELU)).toBe(true);
        expect(stock.kernels.has(CONV_BIAS_RELU)).toBe(false);
        expect(stock.kernels.has("Relu")).toBe(true);
        // On wasm, the next op's gradient took the ReLU's: no separate pass.
        expect(fused.kernels.has(RELU_GRAD)).toBe(!(after !== "none" && backend === "wasm"));
        fused.values.forEach((values, i) => {
          const scale = Math.max(...stock.values[i].map(Math.abs));
          expect(scale).toBeGreaterThan(0);
          const worst = Math.max(...values.map((v, j) => Math.abs(v - stock.values[i][j])));
          expect(worst / scale).toBeLessThan(1e-5);
        });
      });
    }
  }
});
