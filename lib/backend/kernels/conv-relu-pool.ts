// The encoder's first block, a 3x3 conv of the one-channel image with bias and ReLU and then a 2x2 max pooling, as one
// kernel while training on wasm: the conv's output (128 x 28 x 28 x 16 floats for the lesson's batch) is never
// written, read back by the pooling, or rebuilt densely by the pooling's gradient. The kernel keeps, per pooled
// pixel, which window position held each channel's maximum; its gradient sums the filter's gradient over the pooled
// map only (a quarter of the pixels), and writes the conv output's dense gradient only when the image's gradient is
// asked for (never, in training). Deeper blocks (more input channels) stay conv + pool: there XNNPACK's conv wins.
// lib/models/fused-layers.ts runs the block through this kernel where `canConvReluPool` says so.
import * as tf from "@tensorflow/tfjs";
import type {GradConfig, KernelBackend, KernelFunc, Tensor, TensorInfo} from "@tensorflow/tfjs";
import {input, type Shape4} from "./ops.js";
import {heapOffset, simdKernelsFor} from "./simd/index.js";
import {tensorMemory} from "./heap.js";

export const CONV_RELU_POOL = "AutoencodersLabConvReluPool";
export const CONV_RELU_POOL_GRAD = "AutoencodersLabConvReluPoolGrad";

/** Whether the fused kernel runs this block now: wasm with the SIMD module, a 3x3 filter from 1 to 4, 8 or 16
 *  channels. */
export function canConvReluPool(x: tf.Tensor, filterShape: number[]): boolean {
  const [kh, kw, ci, co] = filterShape;
  return (
    x.rank === 4 &&
    x.dtype === "float32" &&
    kh === 3 &&
    kw === 3 &&
    ci === 1 &&
    (co === 4 || co === 8 || co === 16) &&
    tf.getKernel(CONV_RELU_POOL, tf.getBackend()) !== undefined &&
    simdKernelsFor(tf.backend()) !== undefined
  );
}

function pooledShape([n, h, w]: number[], co: number): Shape4 {
  return [n, Math.ceil(h / 2), Math.ceil(w / 2), co];
}

/** Inputs x, filter, bias; outputs the pooled map and the window positions of its maxima (int32). */
export const wasmConvReluPool: KernelFunc = (args) => {
  const backend = args.backend as KernelBackend;
  const simd = simdKernelsFor(backend);
  if (!simd) throw new Error(`${CONV_RELU_POOL} needs the SIMD module`);
  const [x, filter, bias] = ["x", "filter", "bias"].map((name) => input(args.inputs, name));
  const [n, h, w] = x.shape;
  const co = filter.shape[3];
  const shape = pooledShape(x.shape, co);
  const heap = tensorMemory("wasm", backend);
  const y = heap.alloc(shape);
  const arg = heap.alloc(shape.slice(0, 3), "int32");
  const ok = simd.conv_relu_pool(
    ...([x, filter, bias, y, arg].map((t) => heapOffset(backend, t)) as [number, number, number, number, number]),
    0,
    n,
    h,
    w,
    co,
    shape[1],
    shape[2]
  );
  if (!ok) throw new Error(`${CONV_RELU_POOL}: shape ${x.shape} to ${co} channels is outside its scope`);
  return [y, arg];
};

/**
 * Inputs x, dy, y, arg; attrs {part}: "filter" gives dw and db, "input" the gradient of the conv's output (dense; for
 * the block input's gradient, a Conv2DBackpropInput of it).
 */
export const wasmConvReluPoolGrad: KernelFunc = (args) => {
  const backend = args.backend as KernelBackend;
  const simd = simdKernelsFor(backend);
  if (!simd) throw new Error(`${CONV_RELU_POOL_GRAD} needs the SIMD module`);
  const [x, dy, y, arg] = ["x", "dy", "y", "arg"].map((name) => input(args.inputs, name));
  const [n, h, w] = x.shape;
  const [, oh, ow, co] = y.shape;
  const heap = tensorMemory("wasm", backend);
  const at = (t: TensorInfo): number => heapOffset(backend, t);
  if ((args.attrs as {part?: string}).part === "input") {
    const dz = heap.alloc([n, h, w, co]);
    simd.conv_relu_pool_output_grad(at(dy), at(y), at(arg), at(dz), 0, n, h, w, co, oh, ow);
    return dz;
  }
  const dw = heap.alloc([3, 3, 1, co]);
  const db = heap.alloc([co]);
  heap.view(dw).fill(0);
  heap.view(db).fill(0);
  if (!simd.conv_relu_pool_filter_grad(at(x), at(dy), at(y), at(arg), at(dw), at(db), 0, n, h, w, co, oh, ow)) {
    throw new Error(`${CONV_RELU_POOL_GRAD}: shape ${x.shape} is outside its scope`);
  }
  return [dw, db];
};

export const convReluPoolGradConfig: GradConfig = {
  kernelName: CONV_RELU_POOL,
  inputsToSave: ["x", "filter"],
  outputsToSave: [true, true],
  gradFunc: (dys, saved) => {
    const [x, filter, y, arg] = saved;
    const dy = Array.isArray(dys) ? dys[0] : dys;
    // One pass gives both weight gradients, so it runs here: the tape disposes what an input's function makes and
    // does not return. The input's gradient (not wanted for a first layer, whose input is the image) is its own pass.
    const [dw, db] = tf.engine().runKernel(CONV_RELU_POOL_GRAD, {x, dy, y, arg}, {part: "filter"}) as Tensor[];
    return {
      x: () => {
        const dz = tf.engine().runKernel(CONV_RELU_POOL_GRAD, {x, dy, y, arg}, {part: "input"}) as Tensor;
        return tf
          .engine()
          .runKernel(
            "Conv2DBackpropInput",
            {dy: dz, filter},
            {strides: [1, 1], pad: "same", dataFormat: "NHWC", dilations: [1, 1], inputShape: x.shape}
          ) as Tensor;
      },
      filter: () => dw,
      bias: () => db
    };
  }
};
