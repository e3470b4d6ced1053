// The wasm backend hands a matrix product to XNNPACK only when neither operand is transposed; with transposeA or
// transposeB (every dense layer's gradient) it runs a scalar loop about 10x slower. Transposing the operand first
// (a cheap copy) and multiplying plainly takes the fast path.
import type {BatchMatMulAttrs, KernelBackend, KernelFunc, TensorInfo} from "@tensorflow/tfjs";
import {free, input, type KernelRunner} from "./ops.js";

function swapLastTwo(x: TensorInfo): number[] {
  const perm = x.shape.map((_, i) => i);
  const n = perm.length;
  [perm[n - 2], perm[n - 1]] = [perm[n - 1], perm[n - 2]];
  return perm;
}

/** Wraps BatchMatMul or _FusedMatMul: operands are transposed explicitly, then the stock kernel runs plainly. */
export function makePlainMatMul(ops: KernelRunner, stock: KernelFunc): KernelFunc {
  return ({inputs, backend, attrs}) => {
    const a = attrs as unknown as BatchMatMulAttrs;
    if (!a.transposeA && !a.transposeB) return stock({inputs, backend, attrs});
    const b = backend as KernelBackend;
    const temps: TensorInfo[] = [];
    const operand = (x: TensorInfo, transposed: boolean): TensorInfo => {
      if (!transposed) return x;
      const t = ops.transpose(b, x, swapLastTwo(x));
      temps.push(t);
      return t;
    };
    const out = stock({
      inputs: {...inputs, a: operand(input(inputs, "a"), a.transposeA), b: operand(input(inputs, "b"), a.transposeB)},
      backend,
      attrs: {...attrs, transposeA: false, transposeB: false}
    });
    free(b, ...temps);
    return out;
  };
}
