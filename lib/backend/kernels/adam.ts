// One Adam update of one variable in one kernel: the stock AdamOptimizer runs about twelve kernels per variable
// (each with its scalar tensors and its engine bookkeeping), which cost the conv autoencoder, whose variables are
// tiny, more time than the arithmetic itself. The optimizer that calls it is lib/training/fused-adam.ts.
// The same float32 arithmetic as the stock update, in the same order:
//   m' = m b1 + g (1 - b1);  v' = v b2 + g^2 (1 - b2);  x' = x - lr (m' / c1) / (sqrt(v' / c2) + eps)
// with c1 = 1 - b1^t and c2 = 1 - b2^t, the bias corrections.
import type {KernelBackend, KernelFunc, TensorInfo} from "@tensorflow/tfjs";
import {tensorMemory} from "./heap.js";
import {input} from "./ops.js";
import {heapOffset, simdKernelsFor} from "./simd/index.js";

export const ADAM_UPDATE = "AutoencodersLabAdamUpdate";

export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 - beta1^t and 1 - beta2^t at this step. */
  correction1: number;
  correction2: number;
}

/** Inputs variable, m, v, gradient; outputs [variable, m, v] after the step, as new tensors. */
export function makeAdamUpdate(backendName: string): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const memory = tensorMemory(backendName, backend);
    const shape = input(args.inputs, "variable").shape;
    const outputs: TensorInfo[] = [memory.alloc(shape), memory.alloc(shape), memory.alloc(shape)];
    const inputs = (["variable", "m", "v", "gradient"] as const).map((name) => input(args.inputs, name));
    const {learningRate, beta1, beta2, epsilon, correction1, correction2} = args.attrs as unknown as AdamUpdateAttrs;
    const f = Math.fround;
    const [b1, b2, ob1, ob2, c1, c2, eps, rate] = [
      beta1,
      beta2,
      1 - beta1,
      1 - beta2,
      correction1,
      correction2,
      epsilon,
      -learningRate
    ].map(f);
    const simd = backendName === "wasm" ? simdKernelsFor(backend) : undefined;
    if (simd) {
      const [x, m, v, g, x1, m1, v1] = [...inputs, ...outputs].map((info) => heapOffset(backend, info));
      simd.adam_update(x, m, v, g, x1, m1, v1, memory.view(outputs[0]).length, rate, b1, b2, ob1, ob2, c1, c2, eps);
      return outputs;
    }
    // Views after the last allocation: on wasm the heap may have grown.
    const [x, m, v, g] = inputs.map((info) => memory.view(info));
    const [x1, m1, v1] = outputs.map((info) => memory.view(info));
    for (let i = 0; i < x.length; i++) {
      const gi = g[i];
      const mi = f(f(m[i] * b1) + f(gi * ob1));
      const vi = f(f(v[i] * b2) + f(f(gi * gi) * ob2));
      m1[i] = mi;
      v1[i] = vi;
      x1[i] = f(f(f(f(mi / c1) / f(f(Math.sqrt(f(vi / c2))) + eps)) * rate) + x[i]);
    }
    return outputs;
  };
}
