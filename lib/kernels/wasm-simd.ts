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
