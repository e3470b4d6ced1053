// The gradient of the per-image binary cross-entropy (lib/training/losses.ts) in one pass. Taped op by op, the
// loss's clip, two logs, products and mean leave about fifteen kernels for backpropagation over the whole output
// image batch (the comparisons and select of the clip, a division per log, the products); this computes the same
// numbers in one loop: for image b of P pixels, dL/dp = dy_b / P * ((1 - t) / (1 - p) - t / p) where
// epsilon <= p <= 1 - epsilon, and 0 where the clip holds p.
import type {KernelBackend, KernelFunc} from "@tensorflow/tfjs";
import {tensorMemory} from "./heap.js";
import {input} from "./ops.js";

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
