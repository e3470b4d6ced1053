// Backend selection in Node: no webgpu/webgl here, so auto lands on wasm; forcing works and falls back in order.
import * as tf from "@tensorflow/tfjs";
import {describe, expect, it} from "vitest";
import {BACKEND_ORDER} from "../../../lib/backend/names.js";
import {selectBackend} from "../../../lib/backend/selection.js";
import {fastKernelsRegistered} from "../../../lib/backend/kernels/index.js";

describe("selectBackend", () => {
  // First in this file, so that wasm is not yet initialised: two pages' trainers select at once. Each initialising
  // wasm made tf drop the other's initialisation as outdated, which then fell back to cpu, under the first one's
  // models (the adversarial autoencoder page's "Cannot read properties of undefined" in a cpu kernel).
  it("gives selections made at once one backend, the one both report", async () => {
    const choices = await Promise.all([selectBackend("auto"), selectBackend("auto")]);
    expect(choices.map((choice) => choice.backend)).toEqual(["wasm", "wasm"]);
    expect(tf.getBackend()).toBe("wasm");
  });

  it("orders webgpu, webgl, wasm, cpu", () => {
    expect(BACKEND_ORDER).toEqual(["webgpu", "webgl", "wasm", "cpu"]);
  });

  it("auto picks wasm in Node and registers the fast kernels", async () => {
    expect((await selectBackend("auto")).backend).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(fastKernelsRegistered()).toContain("wasm/Conv2DBackpropFilter");
  });

  it("forces cpu", async () => {
    expect((await selectBackend("cpu")).backend).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
  });

  it("falls back from an unavailable forced backend and says which one runs", async () => {
    const fromWebgpu = await selectBackend("webgpu");
    expect(fromWebgpu.backend).toBe("wasm");
    expect(fromWebgpu.skipped.map((s) => s.backend)).toEqual(["webgpu", "webgl"]);
    expect(fromWebgpu.skipped.every((s) => s.reason.length > 0)).toBe(true);
    expect((await selectBackend("webgl")).backend).toBe("wasm");
  });

  it("trains a conv layer on the selected wasm backend", async () => {
    await selectBackend("wasm");
    const x = tf.randomUniform([2, 8, 8, 1], 0, 1, "float32", 1) as tf.Tensor4D;
    const w = tf.variable(tf.randomUniform([3, 3, 1, 4], -1, 1, "float32", 2) as tf.Tensor4D);
    const {grads} = tf.variableGrads(() => tf.conv2d(x, w, 1, "same").square().mean() as tf.Scalar, [w]);
    expect(grads[w.name].shape).toEqual([3, 3, 1, 4]);
    tf.dispose([x, w, grads[w.name]]);
  });
});
