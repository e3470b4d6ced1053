// The per-image binary cross-entropy (lib/training/losses.ts) and its gradient, each in one pass. Op by op, the loss
// is a clip, two logs, products and a mean, about ten kernels over the whole output batch, and backpropagation
// through them about fifteen more (the comparisons and select of the clip, a division per log, the products).
// Forward (wasm, the SIMD module): -mean(t log p + (1 - t) log(1 - p)) per image, p clipped to [eps, 1 - eps].
// Gradient (wasm and cpu): for image b of P pixels, dL/dp = dy_b / P * ((1 - t) / (1 - p) - t / p) where
// epsilon <= p <= 1 - epsilon, and 0 where the clip holds p.
import type {KernelBackend, KernelFunc} from "@tensorflow/tfjs";
import {tensorMemory} from "./heap.js";
import {input} from "./ops.js";
import {heapOffset, simdKernelsFor} from "./simd/index.js";

export const BCE = "AutoencodersLabBce";
export const BCE_GRAD = "AutoencodersLabBceGrad";

/** Inputs target and output ([n, ...]) and dy ([n]); attrs epsilon. Output: dL/d(output), the shape of output. */
export function makeBceGrad(backendName: string): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const memory = tensorMemory(backendName, backend);
    const output = input(args.inputs, "output");
    const result = memory.alloc(output.shape);
    const [t, p, dy, dp] = [input(args.inputs, "target"), output, input(args.inputs, "dy"), result].map((info) =>
      memory.view(info)
    );
    const {epsilon} = args.attrs as unknown as {epsilon: number};
    const low = Math.fround(epsilon);
    const high = Math.fround(1 - epsilon);
    const pixels = p.length / dy.length;
    for (let b = 0, i = 0; b < dy.length; b++) {
      const scale = dy[b] / pixels;
      for (const end = i + pixels; i < end; i++) {
        const pi = p[i];
        const ti = t[i];
        dp[i] = pi >= low && pi <= high ? scale * ((1 - ti) / (1 - pi) - ti / pi) : 0;
      }
    }
    return result;
  };
}

/** Inputs target and output ([n, ...]); attrs epsilon. Output: [n], each image's loss (wasm). */
export function makeBce(): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const memory = tensorMemory("wasm", backend);
    const target = input(args.inputs, "target");
    const output = input(args.inputs, "output");
    const rows = output.shape[0];
    const cols = output.shape.slice(1).reduce((a, b) => a * b, 1);
    const out = memory.alloc([rows]);
    const {epsilon} = args.attrs as unknown as {epsilon: number};
    const simd = simdKernelsFor(backend);
    if (simd && cols % 4 === 0) {
      simd.bce_rows(
        heapOffset(backend, target),
        heapOffset(backend, output),
        heapOffset(backend, out),
        rows,
        cols,
        epsilon
      );
      return out;
    }
    // Without the module (or for odd sizes): the same sums in a loop.
    const [t, p, loss] = [target, output, out].map((info) => memory.view(info));
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let i = r * cols; i < (r + 1) * cols; i++) {
        const q = Math.min(Math.max(p[i], epsilon), 1 - epsilon);
        sum += t[i] * Math.log(q) + (1 - t[i]) * Math.log(1 - q);
      }
      loss[r] = -sum / cols;
    }
    return out;
  };
}
