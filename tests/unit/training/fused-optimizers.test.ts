// Our one-kernel Adam and RMSprop against tf's: the same variables and the same saved state after a few steps, on wasm
// and cpu (where our kernels run) alike, and a resumed state that carries on as the stock one does.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {describe, expect, it} from "vitest";
import {registerFastKernels} from "../../../lib/backend/kernels/index.js";
import {FusedAdamOptimizer} from "../../../lib/training/fused-adam.js";
import {FusedRmspropOptimizer} from "../../../lib/training/fused-rmsprop.js";

const OPTIMIZERS = [
  {
    name: "FusedAdamOptimizer",
    ours: () => new FusedAdamOptimizer(0.01, 0.9, 0.999, tf.backend().epsilon()),
    stock: () => tf.train.adam(0.01)
  },
  {name: "FusedRmspropOptimizer", ours: () => new FusedRmspropOptimizer(0.01), stock: () => tf.train.rmsprop(0.01)},
  {
    name: "FusedRmspropOptimizer with momentum",
    ours: () => new FusedRmspropOptimizer(0.01, 0.8, 0.5),
    stock: () => tf.train.rmsprop(0.01, 0.8, 0.5)
  }
];

/** Trains two variables (a matrix and a vector) for `steps` on a fixed least-squares problem. */
async function train(optimizer: tf.Optimizer, steps: number) {
  // In tidy: a variable keeps its own copy, and the tensor it starts from is dropped.
  const w = tf.tidy(() => tf.variable(tf.randomNormal([6, 3], 0, 1, "float32", 1)));
  const b = tf.tidy(() => tf.variable(tf.zeros([3])));
  const x = tf.randomNormal([8, 6], 0, 1, "float32", 2);
  const y = tf.randomNormal([8, 3], 0, 1, "float32", 3);
  for (let i = 0; i < steps; i++) {
    optimizer.minimize(() => x.matMul(w).add(b).sub(y).square().mean() as tf.Scalar);
  }
  const state = await optimizer.getWeights();
  const result = {
    w: Array.from(await w.data()),
    b: Array.from(await b.data()),
    state: await Promise.all(state.map(async ({name, tensor}) => ({name, values: Array.from(await tensor.data())})))
  };
  // getWeights' first entry (iterations) is a new tensor; the moments are the optimizer's own.
  tf.dispose([w, b, x, y, state[0].tensor]);
  optimizer.dispose();
  return result;
}

describe.each(OPTIMIZERS)("$name", ({ours: makeOurs, stock: makeStock}) => {
  for (const backend of ["wasm", "cpu"]) {
    it(`matches the stock optimizer on ${backend}: weights and saved state after 20 steps`, async () => {
      await tf.setBackend(backend);
      registerFastKernels();
      const before = tf.memory().numTensors;
      const ours = await train(makeOurs(), 20);
      const stock = await train(makeStock(), 20);
      expect(tf.memory().numTensors).toBe(before);
      // The weights moved, and moved alike.
      expect(Math.max(...ours.w.map((v, i) => Math.abs(v - stock.w[i])))).toBeLessThan(1e-5);
      expect(Math.max(...ours.b.map((v, i) => Math.abs(v - stock.b[i])))).toBeLessThan(1e-5);
      expect(Math.max(...ours.b.map(Math.abs))).toBeGreaterThan(0.01);
      // The same slots in the same order (the variables' own names differ: tf numbers them).
      const slot = (name: string): string => name.replace(/^\d+\//, "");
      expect(ours.state.map((s) => slot(s.name))).toEqual(stock.state.map((s) => slot(s.name)));
      ours.state.forEach(({values}, i) => values.forEach((v, j) => expect(v).toBeCloseTo(stock.state[i].values[j], 5)));
    });
  }

  it("resumes from a saved state as the stock optimizer does", async () => {
    await tf.setBackend("wasm");
    registerFastKernels();
    const first = makeOurs();
    const w = tf.variable(tf.ones([4]));
    const step = (optimizer: tf.Optimizer) => optimizer.minimize(() => w.square().sum() as tf.Scalar);
    for (let i = 0; i < 5; i++) step(first);
    const saved = await first.getWeights();
    const resumed = makeOurs();
    await resumed.setWeights(saved);
    const copy = tf.variable(w.clone());
    step(first);
    const afterFirst = Array.from(await w.data());
    w.assign(copy);
    step(resumed);
    // The same to float32 rounding: a loaded state recomputes beta^t as a power, not as a running product.
    Array.from(await w.data()).forEach((v, i) => expect(v).toBeCloseTo(afterFirst[i], 6));
    tf.dispose([w, copy, saved[0].tensor]);
    first.dispose();
    resumed.dispose();
  });
});
