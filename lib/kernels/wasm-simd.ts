// wasm-backend kernels that call the SIMD module (simd/kernels.c) on the backend's heap, falling back to the
// op-composed or stock kernels where the module is unavailable or the attributes are outside its scope.
import * as tf from "@tensorflow/tfjs";
import type {
  Conv2DBackpropFilterAttrs,
  KernelBackend,
  KernelFunc,
  MaxPoolGradAttrs,
  ResizeNearestNeighborGradAttrs
} from "@tensorflow/tfjs";
import {input, type Shape4} from "./ops.js";
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
    const a = args.attrs as unknown as MaxPoolGradAttrs;
    if (!simd || x.dtype !== "float32") return fallback(args);
    const info = tf.backend_util.computePool2DInfo(
      x.shape as Shape4,
      a.filterSize,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode
    );
    const out = alloc(backend, x.shape);
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
      info.padInfo.left
    );
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
    simd.upsample_grad(heapOffset(backend, dy), heapOffset(backend, out), n, h, w, c, sy, sx);
    return out;
  };
}

/** Which forward convolutions may go to the SIMD module (the tuner below then times them against XNNPACK). */
export type ConvRoute = (ci: number, co: number) => boolean;

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
  if (!route(ci, co) || !((co === 1 && ci % 4 === 0) || co % 4 === 0)) return undefined;
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
 * Picks, per convolution signature, the faster of the SIMD module and the stock (XNNPACK) kernel: the first calls
 * alternate between them and time each (three apiece, the minimum counts, as the machine may be shared), then
 * the faster one is used. Single-output-channel convolutions, where XNNPACK is 3-4x slower, go to SIMD at once.
 */
class ConvTuner {
  private readonly trials = new Map<string, {simd: number[]; stock: number[]; choice?: "simd" | "stock"}>();
  static readonly TRIALS = 3;

  run(key: string, co: number, simd: () => tf.TensorInfo | undefined, stock: () => tf.TensorInfo): tf.TensorInfo {
    if (co === 1) return simd() ?? stock();
    let t = this.trials.get(key);
    if (!t) this.trials.set(key, (t = {simd: [], stock: []}));
    if (t.choice === "stock") return stock();
    if (t.choice === "simd") return simd() ?? stock();
    const useSimd = t.simd.length <= t.stock.length;
    const start = performance.now();
    const out = useSimd ? simd() : stock();
    if (out === undefined) {
      t.choice = "stock";
      return stock();
    }
    (useSimd ? t.simd : t.stock).push(performance.now() - start);
    if (t.simd.length >= ConvTuner.TRIALS && t.stock.length >= ConvTuner.TRIALS) {
      t.choice = Math.min(...t.simd) < Math.min(...t.stock) ? "simd" : "stock";
    }
    return out;
  }

  /** "shape signature -> simd|stock" for the decided ones (reports). */
  choices(): Record<string, string> {
    return Object.fromEntries([...this.trials].filter(([, t]) => t.choice).map(([k, t]) => [k, t.choice ?? ""]));
  }
}

export const convTuner = new ConvTuner();

function convKey(kind: string, x: tf.TensorInfo, filter: tf.TensorInfo, a: ConvLikeAttrs): string {
  return `${kind} ${x.shape.join("x")} * ${filter.shape.join("x")} ${JSON.stringify(a.pad)} ${a.activation ?? ""}`;
}

export function wasmConv2D(stock: KernelFunc, route: ConvRoute = () => true): KernelFunc {
  return (args) => {
    const a = args.attrs as unknown as ConvLikeAttrs;
    const x = input(args.inputs, "x");
    const filter = input(args.inputs, "filter");
    const backend = args.backend as KernelBackend;
    const linear = {...a, activation: "linear"};
    return convTuner.run(
      convKey("Conv2D", x, filter, a),
      filter.shape[3],
      () => runConv(backend, x, filter, undefined, linear, route),
      () => stock(args) as tf.TensorInfo
    );
  };
}

export function wasmFusedConv2D(stock: KernelFunc, route: ConvRoute = () => true): KernelFunc {
  return (args) => {
    const a = args.attrs as unknown as ConvLikeAttrs;
    if (args.inputs.preluActivationWeights) return stock(args);
    const x = input(args.inputs, "x");
    const filter = input(args.inputs, "filter");
    const backend = args.backend as KernelBackend;
    return convTuner.run(
      convKey("FusedConv2D", x, filter, a),
      filter.shape[3],
      () => runConv(backend, x, filter, args.inputs.bias, a, route),
      () => stock(args) as tf.TensorInfo
    );
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
