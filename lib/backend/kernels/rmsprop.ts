// One RMSprop update of one variable in one kernel: the stock RMSPropOptimizer runs about a dozen kernels per
// variable, each a pass over it (it even computes the new mean square twice), which for the dense VAE's two
// 784 x 512 matrices cost about 7 ms a step. The optimizer that calls it is lib/training/fused-rmsprop.ts.
// The same float32 arithmetic as the stock (uncentred) update, in the same order:
//   s' = s decay + g^2 (1 - decay);  p' = p momentum + (g lr) / sqrt(s' + eps);  x' = x - p'
import type {KernelBackend, KernelFunc, TensorInfo} from "@tensorflow/tfjs";
import {tensorMemory} from "./heap.js";
import {input} from "./ops.js";
import {heapOffset, simdKernelsFor} from "./simd/index.js";

export const RMSPROP_UPDATE = "AutoencodersLabRmspropUpdate";

export interface RmspropUpdateAttrs {
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
}

/** Inputs variable, meanSquare, moment, gradient; outputs [variable, meanSquare, moment] after the step. */
export function makeRmspropUpdate(backendName: string): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const memory = tensorMemory(backendName, backend);
    const shape = input(args.inputs, "variable").shape;
    const outputs: TensorInfo[] = [memory.alloc(shape), memory.alloc(shape), memory.alloc(shape)];
    const inputs = (["variable", "meanSquare", "moment", "gradient"] as const).map((name) => input(args.inputs, name));
    const {learningRate, decay, momentum, epsilon} = args.attrs as unknown as RmspropUpdateAttrs;
    const f = Math.fround;
    const [d, od, mo, rate, eps] = [decay, 1 - decay, momentum, learningRate, epsilon].map(f);
    const simd = backendName === "wasm" ? simdKernelsFor(backend) : undefined;
    if (simd) {
      const [x, s, p, g, x1, s1, p1] = [...inputs, ...outputs].map((info) => heapOffset(backend, info));
      simd.rmsprop_update(x, s, p, g, x1, s1, p1, memory.view(outputs[0]).length, rate, d, od, mo, eps);
      return outputs;
    }
    // Views after the last allocation: on wasm the heap may have grown.
    const [x, s, p, g] = inputs.map((info) => memory.view(info));
    const [x1, s1, p1] = outputs.map((info) => memory.view(info));
    for (let i = 0; i < x.length; i++) {
      const gi = g[i];
      const si = f(f(s[i] * d) + f(f(gi * gi) * od));
      const pi = f(f(p[i] * mo) + f(f(gi * rate) / f(Math.sqrt(f(si + eps)))));
      s1[i] = si;
      p1[i] = pi;
      x1[i] = f(x[i] - pi);
    }
    return outputs;
  };
}
