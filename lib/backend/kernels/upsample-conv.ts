// The decoder's last block, a 2x nearest-neighbour upsampling and then a 3x3 conv to one channel, as one kernel on
// wasm: the upsampled map (for the lesson's decoder, 128 x 28 x 28 x 16 floats) is never written. Each output sees
// two rows and two columns of the small map, so the 3x3 filter folds into four 2x2 ones (16 * CI multiplies per 2x2
// outputs instead of 36 * CI), and the gradients need one pass over the small map. When the small map is a ReLU's
// output, its gradient is masked in the same pass (./relu-mask.ts). lib/models/fused-layers.ts runs the block through
// this kernel where `canUpsampleConv` says so.
import * as tf from "@tensorflow/tfjs";
import type {GradConfig, KernelBackend, KernelFunc, Tensor, TensorInfo} from "@tensorflow/tfjs";
import {free, input} from "./ops.js";
import {isReluOutput, markReluMasked} from "./relu-mask.js";
import {heapOffset, simdKernelsFor} from "./simd/index.js";
import {tensorMemory} from "./heap.js";

export const UPSAMPLE_CONV = "AutoencodersLabUpsampleConv";
export const UPSAMPLE_CONV_GRAD = "AutoencodersLabUpsampleConvGrad";

/** Whether the fused kernel runs this block now: wasm with the SIMD module, a 3x3 filter to one channel, CI % 4 == 0. */
export function canUpsampleConv(z: tf.Tensor, filterShape: number[]): boolean {
  const [kh, kw, ci, co] = filterShape;
  return (
    z.rank === 4 &&
    z.dtype === "float32" &&
    kh === 3 &&
    kw === 3 &&
    co === 1 &&
    ci % 4 === 0 &&
    tf.getKernel(UPSAMPLE_CONV, tf.getBackend()) !== undefined &&
    simdKernelsFor(tf.backend()) !== undefined
  );
}

/** Inputs z, filter, bias; output [N, 2H, 2W, 1] before the activation. */
export const wasmUpsampleConv: KernelFunc = (args) => {
  const backend = args.backend as KernelBackend;
  const simd = simdKernelsFor(backend);
  if (!simd) throw new Error(`${UPSAMPLE_CONV} needs the SIMD module`);
  const [z, filter, bias] = ["z", "filter", "bias"].map((name) => input(args.inputs, name));
  const [n, h, w, ci] = z.shape;
  const heap = tensorMemory("wasm", backend);
  const folded = heap.alloc([16 * ci]);
  const y = heap.alloc([n, 2 * h, 2 * w, 1]);
  simd.upsample_conv_fold(heapOffset(backend, filter), heapOffset(backend, folded), ci);
  simd.upsample_conv(
    heapOffset(backend, z),
    heapOffset(backend, folded),
    heapOffset(backend, bias),
    heapOffset(backend, y),
    0,
    n,
    h,
    w,
    ci
  );
  free(backend, folded);
  return y;
};

/** Inputs z, filter, dy; attrs {relu}. Outputs dz, dw, db. */
export const wasmUpsampleConvGrad: KernelFunc = (args) => {
  const backend = args.backend as KernelBackend;
  const simd = simdKernelsFor(backend);
  if (!simd) throw new Error(`${UPSAMPLE_CONV_GRAD} needs the SIMD module`);
  const [z, filter, dy] = ["z", "filter", "dy"].map((name) => input(args.inputs, name));
  const [n, h, w, ci] = z.shape;
  const heap = tensorMemory("wasm", backend);
  const dz = heap.alloc(z.shape);
  const dw = heap.alloc(filter.shape);
  const db = heap.alloc([1]);
  heap.view(dw).fill(0);
  heap.view(db).fill(0);
  const relu = (args.attrs as {relu?: boolean}).relu === true;
  const at = (t: TensorInfo): number => heapOffset(backend, t);
  simd.upsample_conv_grad(at(z), at(filter), at(dy), at(dz), at(dw), at(db), 0, n, h, w, ci, relu ? 1 : 0);
  if (relu) markReluMasked(dz);
  return [dz, dw, db];
};

export const upsampleConvGradConfig: GradConfig = {
  kernelName: UPSAMPLE_CONV,
  inputsToSave: ["z", "filter"],
  gradFunc: (dy, saved) => {
    const [z, filter] = saved;
    // One pass gives all three, so it runs here: the tape disposes what an input's function makes and does not return.
    const [dz, dw, db] = tf
      .engine()
      .runKernel(UPSAMPLE_CONV_GRAD, {z, filter, dy: dy as Tensor}, {relu: isReluOutput(z)}) as Tensor[];
    return {z: () => dz, filter: () => dw, bias: () => db};
  }
};
