// Gradients of max pooling and nearest-neighbour upsampling as single passes over the tensors' memory (the stock
// wasm kernels take 15-25 ms per call on the lesson's shapes; these take about 1 ms).
import * as tf from "@tensorflow/tfjs";
import type {
  KernelBackend,
  KernelFunc,
  MaxPoolGradAttrs,
  ResizeNearestNeighborGradAttrs,
  TensorInfo
} from "@tensorflow/tfjs";
import {tensorMemory} from "./heap.js";
import {input, type Shape4} from "./ops.js";

/** The pooling geometry of a MaxPoolGrad call (x is the forward input). */
export function maxPoolGradInfo(x: TensorInfo, attrs: unknown): tf.backend_util.Conv2DInfo {
  const a = attrs as MaxPoolGradAttrs;
  return tf.backend_util.computePool2DInfo(x.shape as Shape4, a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
}

/**
 * dx of max pooling: each window's dy goes to the first position (row-major) of its maximum, as in the stock
 * kernels.
 */
export function makeMaxPoolGrad(backendName: string, stock: KernelFunc | undefined): KernelFunc {
  return ({inputs, backend, attrs}) => {
    const dy = input(inputs, "dy");
    const x = input(inputs, "input");
    const info = maxPoolGradInfo(x, attrs);
    if (x.dtype !== "float32" || info.dataFormat !== "channelsLast") {
      if (!stock) throw new Error("MaxPoolGrad: unsupported input");
      return stock({inputs, backend, attrs});
    }
    const memory = tensorMemory(backendName, backend as KernelBackend);
    const out = memory.alloc(x.shape);
    maxPoolGradLoop(memory.view(x), memory.view(dy), memory.view(out), info);
    return out;
  };
}

function maxPoolGradLoop(x: Float32Array, dy: Float32Array, dx: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const {batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow} = info;
  const {strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw} = info;
  const {top, left} = info.padInfo;
  dx.fill(0);
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  for (let b = 0; b < n; b++) {
    for (let yr = 0; yr < oh; yr++) {
      const r0 = Math.max(0, yr * sh - top);
      const r1 = Math.min(h, yr * sh - top + fh);
      for (let yc = 0; yc < ow; yc++) {
        const c0 = Math.max(0, yc * sw - left);
        const c1 = Math.min(w, yc * sw - left + fw);
        best.fill(-Infinity);
        where.fill(-1);
        for (let r = r0; r < r1; r++) {
          for (let s = c0; s < c1; s++) {
            const base = ((b * h + r) * w + s) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[base + ch];
              if (v > best[ch]) {
                best[ch] = v;
                where[ch] = base + ch;
              }
            }
          }
        }
        const yBase = ((b * oh + yr) * ow + yc) * c;
        for (let ch = 0; ch < c; ch++) if (where[ch] >= 0) dx[where[ch]] += dy[yBase + ch];
      }
    }
  }
}

/**
 * dx of nearest-neighbour resizing for whole-number upscaling without corner alignment or half-pixel centres
 * (the lesson's upSampling2d): each input pixel collects the sy x sx block it was copied to.
 */
export function makeResizeNearestNeighborGrad(backendName: string, stock: KernelFunc | undefined): KernelFunc {
  return ({inputs, backend, attrs}) => {
    const images = input(inputs, "images");
    const dy = input(inputs, "dy");
    const a = attrs as unknown as ResizeNearestNeighborGradAttrs;
    const [n, h, w, c] = images.shape;
    const [, oh, ow] = dy.shape;
    const sy = oh / h;
    const sx = ow / w;
    if (
      a.alignCorners ||
      a.halfPixelCenters ||
      !Number.isInteger(sy) ||
      !Number.isInteger(sx) ||
      dy.dtype !== "float32"
    ) {
      if (!stock) throw new Error("ResizeNearestNeighborGrad: unsupported attributes");
      return stock({inputs, backend, attrs});
    }
    const memory = tensorMemory(backendName, backend as KernelBackend);
    const out: TensorInfo = memory.alloc(images.shape);
    const dx = memory.view(out);
    const g = memory.view(dy);
    dx.fill(0);
    for (let b = 0; b < n; b++)
      for (let r = 0; r < oh; r++) {
        const dxRow = (b * h + Math.floor(r / sy)) * w * c;
        const gRow = (b * oh + r) * ow * c;
        for (let s = 0; s < ow; s++) {
          const d = dxRow + Math.floor(s / sx) * c;
          const e = gRow + s * c;
          for (let ch = 0; ch < c; ch++) dx[d + ch] += g[e + ch];
        }
      }
    return out;
  };
}
