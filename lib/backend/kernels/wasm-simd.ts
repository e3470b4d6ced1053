// wasm-backend kernels that call the SIMD module (simd/kernels.c) on the backend's heap, falling back to the
// op-composed or stock kernels where the module is unavailable or the attributes are outside its scope.
import * as tf from "@tensorflow/tfjs";
import type {
  Conv2DBackpropFilterAttrs,
  KernelBackend,
  KernelFunc,
  ResizeNearestNeighborGradAttrs
} from "@tensorflow/tfjs";
import {markReluMasked} from "./relu-mask.js";
import {input, type Shape4} from "./ops.js";
import {maxPoolGradInfo} from "./pool.js";
import {heapOffset, simdKernelsFor} from "./simd/index.js";

interface Allocator {
  makeOutput(shape: number[], dtype: "float32"): tf.TensorInfo;
}

function alloc(backend: KernelBackend, shape: number[]): tf.TensorInfo {
  // BackendWasm.makeOutput allocates on the heap; not part of the KernelBackend type.
  return (backend as unknown as Allocator).makeOutput(shape, "float32");
}

export function wasmConv2DBackpropFilter(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const simd = simdKernelsFor(backend);
    const x = input(args.inputs, "x");
    const dy = input(args.inputs, "dy");
    const a = args.attrs as unknown as Conv2DBackpropFilterAttrs;
    const [sh, sw] = typeof a.strides === "number" ? [a.strides, a.strides] : a.strides;
    if (!simd || sh !== 1 || sw !== 1 || a.dataFormat !== "NHWC" || x.dtype !== "float32") return fallback(args);
    const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, a.filterShape, 1, 1, a.pad, a.dimRoundingMode);
    const out = alloc(backend, a.filterShape);
    simd.conv2d_backprop_filter(
      heapOffset(backend, x),
      heapOffset(backend, dy),
      heapOffset(backend, out),
      info.batchSize,
      info.inHeight,
      info.inWidth,
      info.inChannels,
      info.outHeight,
      info.outWidth,
      info.outChannels,
      info.filterHeight,
      info.filterWidth,
      info.padInfo.top,
      info.padInfo.left
    );
    return out;
  };
}

export function wasmMaxPoolGrad(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const simd = simdKernelsFor(backend);
    const dy = input(args.inputs, "dy");
    const x = input(args.inputs, "input");
    if (!simd || x.dtype !== "float32") return fallback(args);
    const info = maxPoolGradInfo(x, args.attrs);
    const out = alloc(backend, x.shape);
    const relu = (args.attrs as {reluMask?: boolean}).reluMask === true;
    simd.max_pool_grad(
      heapOffset(backend, x),
      heapOffset(backend, dy),
      heapOffset(backend, out),
      info.batchSize,
      info.inHeight,
      info.inWidth,
      info.inChannels,
      info.outHeight,
      info.outWidth,
      info.filterHeight,
      info.filterWidth,
      info.strideHeight,
      info.strideWidth,
      info.padInfo.top,
      info.padInfo.left,
      relu ? 1 : 0
    );
    if (relu) markReluMasked(out);
    return out;
  };
}

export function wasmResizeNearestNeighborGrad(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const simd = simdKernelsFor(backend);
    const images = input(args.inputs, "images");
    const dy = input(args.inputs, "dy");
    const a = args.attrs as unknown as ResizeNearestNeighborGradAttrs;
    const [n, h, w, c] = images.shape;
    const sy = dy.shape[1] / h;
    const sx = dy.shape[2] / w;
    const whole = Number.isInteger(sy) && Number.isInteger(sx);
    if (!simd || !whole || a.alignCorners || a.halfPixelCenters || dy.dtype !== "float32") return fallback(args);
    const out = alloc(backend, images.shape);
    const relu = (args.attrs as {reluMask?: boolean}).reluMask === true;
    const x = relu ? heapOffset(backend, images) : 0;
    simd.upsample_grad(heapOffset(backend, dy), heapOffset(backend, out), n, h, w, c, sy, sx, x);
    if (relu) markReluMasked(out);
    return out;
  };
}

/** Which forward convolutions may go to the SIMD module (the tuner below then times them against XNNPACK). */
export type ConvRoute = (ci: number, co: number, pixels: number) => boolean;

interface ConvLikeAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dilations: number | [number, number];
  dimRoundingMode?: "floor" | "round" | "ceil";
  activation?: string;
}

// Activations applied after the SIMD convolution by the backend's own kernel (relu is fused in the module).
const ACTIVATION_KERNELS: Record<string, string> = {sigmoid: "Sigmoid", elu: "Elu", relu6: "Relu6"};

function runConv(
  backend: KernelBackend,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  bias: tf.TensorInfo | undefined,
  a: ConvLikeAttrs,
  route: ConvRoute
): tf.TensorInfo | undefined {
  const simd = simdKernelsFor(backend);
  const pair = (v: number | [number, number]): [number, number] => (typeof v === "number" ? [v, v] : v);
  const [sh, sw] = pair(a.strides);
  const [dh, dw] = pair(a.dilations ?? 1);
  if (!simd || sh !== 1 || sw !== 1 || dh !== 1 || dw !== 1 || a.dataFormat !== "NHWC" || x.dtype !== "float32") {
    return undefined;
  }
  const activation = a.activation ?? "linear";
  if (activation !== "linear" && activation !== "relu" && !(activation in ACTIVATION_KERNELS)) return undefined;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    filter.shape as Shape4,
    1,
    1,
    a.pad,
    a.dimRoundingMode
  );
  const {inChannels: ci, outChannels: co} = info;
  const eligible = (co === 1 && ci % 4 === 0) || co % 4 === 0;
  if (!eligible || !route(ci, co, info.inHeight * info.inWidth)) return undefined;
  if (bias && bias.shape.length !== 1) return undefined;
  const out = alloc(backend, info.outShape);
  simd.conv2d(
    heapOffset(backend, x),
    heapOffset(backend, filter),
    bias ? heapOffset(backend, bias) : 0,
    heapOffset(backend, out),
    info.batchSize,
    info.inHeight,
    info.inWidth,
    ci,
    info.outHeight,
    info.outWidth,
    co,
    info.filterHeight,
    info.filterWidth,
    info.padInfo.top,
    info.padInfo.left,
    activation === "relu" ? 1 : 0
  );
  const post = ACTIVATION_KERNELS[activation];
  if (!post) return out;
  const kernel = tf.getKernel(post, "wasm");
  if (!kernel) throw new Error(`wasm kernel ${post} missing`);
  const activated = kernel.kernelFunc({inputs: {x: out}, backend, attrs: {}}) as tf.TensorInfo;
  backend.disposeData(out.dataId);
  return activated;
}

/**
 * Which forward convolutions go to the SIMD module rather than XNNPACK. Measured on the lesson's shapes (with a
 * new filter every call, as in training, where XNNPACK rebuilds its operator): SIMD is 3-4x faster for one output
 * channel and about 2x for 16 input channels at 14x14 and up; XNNPACK wins for one input channel and small maps.
 */
export const simdConvWins: ConvRoute = (ci, co, pixels) => co === 1 || (ci >= 16 && pixels >= 14 * 14);

export function wasmConv2D(stock: KernelFunc, route: ConvRoute = simdConvWins): KernelFunc {
  return (args) => {
    const a = args.attrs as unknown as ConvLikeAttrs;
    const x = input(args.inputs, "x");
    const filter = input(args.inputs, "filter");
    const backend = args.backend as KernelBackend;
    const linear = {...a, activation: "linear"};
    return runConv(backend, x, filter, undefined, linear, route) ?? stock(args);
  };
}

export function wasmFusedConv2D(stock: KernelFunc, route: ConvRoute = simdConvWins): KernelFunc {
  return (args) => {
    const a = args.attrs as unknown as ConvLikeAttrs;
    if (args.inputs.preluActivationWeights) return stock(args);
    const x = input(args.inputs, "x");
    const filter = input(args.inputs, "filter");
    const backend = args.backend as KernelBackend;
    return runConv(backend, x, filter, args.inputs.bias, a, route) ?? stock(args);
  };
}

/** Sum over every axis but the last (bias gradients). */
export function wasmSum(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const x = input(args.inputs, "x");
    const {axis, keepDims} = args.attrs as unknown as {axis: number | number[]; keepDims: boolean};
    const rank = x.shape.length;
    const axes = (Array.isArray(axis) ? axis : [axis]).map((v) => (v < 0 ? v + rank : v)).sort((p, q) => p - q);
    const leading = rank >= 2 && axes.length === rank - 1 && axes.every((v, i) => v === i);
    const simd = simdKernelsFor(backend);
    if (!simd || !leading || x.dtype !== "float32") return stock(args);
    const cols = x.shape[rank - 1];
    const out = alloc(backend, keepDims ? [...x.shape.slice(0, -1).map(() => 1), cols] : [cols]);
    simd.sum_rows(heapOffset(backend, x), heapOffset(backend, out), tf.util.sizeFromShape(x.shape) / cols, cols);
    return out;
  };
}

/** a + b where b is a vector over a's last axis (a bias). */
export function wasmAdd(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const a = input(args.inputs, "a");
    const b = input(args.inputs, "b");
    const simd = simdKernelsFor(backend);
    const [big, vec] = a.shape.length >= b.shape.length ? [a, b] : [b, a];
    const cols = big.shape[big.shape.length - 1];
    const isBias = vec.shape.length === 1 && vec.shape[0] === cols && big.shape.length >= 2;
    if (!simd || !isBias || a.dtype !== "float32" || b.dtype !== "float32") return stock(args);
    const out = alloc(backend, big.shape);
    const rows = tf.util.sizeFromShape(big.shape) / cols;
    simd.add_bias(heapOffset(backend, big), heapOffset(backend, vec), heapOffset(backend, out), rows, cols);
    return out;
  };
}

export function wasmResizeNearestNeighbor(stock: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as KernelBackend;
    const images = input(args.inputs, "images");
    const a = args.attrs as unknown as {alignCorners: boolean; halfPixelCenters: boolean; size: [number, number]};
    const [n, h, w, c] = images.shape;
    const sy = a.size[0] / h;
    const sx = a.size[1] / w;
    const simd = simdKernelsFor(backend);
    const whole = Number.isInteger(sy) && Number.isInteger(sx) && sy >= 1 && sx >= 1;
    if (!simd || !whole || a.alignCorners || a.halfPixelCenters || images.dtype !== "float32") return stock(args);
    const out = alloc(backend, [n, a.size[0], a.size[1], c]);
    simd.upsample(heapOffset(backend, images), heapOffset(backend, out), n, h, w, c, sy, sx);
    return out;
  };
}

interface RefCounting {
  incRef(dataId: object): void;
}

/**
 * Identity (and Cast to the same dtype) without a copy: the engine clones every tensor a gradient needs, and the
 * wasm backend's Identity copies it, about a hundred copies per training step of the conv autoencoder. Sharing the
 * data with a reference count is what the wasm Reshape kernel and the cpu backend's Identity already do; no wasm
 * kernel writes into its inputs.
 */
export function wasmIdentity(stock: KernelFunc): KernelFunc {
  return (args) => {
    const x = input(args.inputs, "x");
    const dtype = (args.attrs as {dtype?: string} | undefined)?.dtype ?? x.dtype;
    if (x.dtype === "string" || dtype !== x.dtype) return stock(args);
    (args.backend as unknown as RefCounting).incRef(x.dataId);
    return {dataId: x.dataId, shape: x.shape.slice(), dtype: x.dtype};
  };
}
