// A one-pass ReLU gradient. The stock gradient of Relu is mul(dy, cast(step(x))): three kernels and two
// temporaries per ReLU layer. We register a kernel for it on wasm and cpu and a gradient for Relu that uses it
// there (other backends keep the stock formula).
import * as tf from "@tensorflow/tfjs";
import type {GradConfig, KernelBackend, KernelFunc, Tensor} from "@tensorflow/tfjs";
import {tensorMemory} from "./heap.js";
import {input} from "./ops.js";
import {heapOffset, simdKernelsFor} from "./simd/index.js";

export const RELU_GRAD = "AutoencodersLabReluGrad";

export function makeReluGrad(backendName: string): KernelFunc {
  return (args) => {
    const x = input(args.inputs, "x");
    const dy = input(args.inputs, "dy");
    const backend = args.backend as KernelBackend;
    const memory = tensorMemory(backendName, backend);
    const out = memory.alloc(x.shape);
    const simd = backendName === "wasm" ? simdKernelsFor(backend) : undefined;
    if (simd) {
      simd.relu_grad(
        heapOffset(backend, x),
        heapOffset(backend, dy),
        heapOffset(backend, out),
        tf.util.sizeFromShape(x.shape)
      );
      return out;
    }
    const xs = memory.view(x);
    const ds = memory.view(dy);
    const dx = memory.view(out);
    for (let i = 0; i < xs.length; i++) dx[i] = xs[i] > 0 ? ds[i] : 0;
    return out;
  };
}

/** The gradient of Relu: our kernel where the current backend has it, the stock formula elsewhere. */
export const reluGradConfig: GradConfig = {
  kernelName: "Relu",
  inputsToSave: ["x"],
  gradFunc: (dy, saved) => {
    const [x] = saved;
    const g = dy as Tensor;
    return {
      x: () =>
        tf.getKernel(RELU_GRAD, tf.getBackend()) && g.dtype === "float32" && x.dtype === "float32"
          ? (tf.engine().runKernel(RELU_GRAD, {x, dy: g}) as Tensor)
          : tf.mul(g, tf.cast(tf.step(x), "float32"))
    };
  }
};
