// cpu-backend filter gradient as one pass of plain loops over the backend's own Float32Arrays (the stock kernel
// reads every element through TensorBuffer.get and takes seconds a call; composing it of cpu Conv2D is slower
// than this loop for the lesson's small channel counts).
import * as tf from "@tensorflow/tfjs";
import type {Conv2DBackpropFilterAttrs, KernelBackend, KernelFunc} from "@tensorflow/tfjs";
import {tensorMemory} from "./heap.js";
import {input, type Shape4} from "./ops.js";

export function cpuConv2DBackpropFilter(fallback: KernelFunc): KernelFunc {
  return (args) => {
    const x = input(args.inputs, "x");
    const dy = input(args.inputs, "dy");
    const a = args.attrs as unknown as Conv2DBackpropFilterAttrs;
    if (a.dataFormat !== "NHWC" || x.dtype !== "float32") return fallback(args);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as Shape4,
      a.filterShape,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode
    );
    const memory = tensorMemory("cpu", args.backend as KernelBackend);
    const out = memory.alloc(a.filterShape);
    filterGradLoop(memory.view(x), memory.view(dy), memory.view(out), info);
    return out;
  };
}

function filterGradLoop(x: Float32Array, dy: Float32Array, dw: Float32Array, info: tf.backend_util.Conv2DInfo): void {
  const {batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co} = info;
  const {strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw} = info;
  const {top, left} = info.padInfo;
  dw.fill(0);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < kh; i++) {
      // Output rows whose input row oy*sh + i - top lies inside the image.
      const y0 = Math.max(0, Math.ceil((top - i) / sh));
      const y1 = Math.min(oh, Math.floor((h - 1 + top - i) / sh) + 1);
      for (let j = 0; j < kw; j++) {
        const x0 = Math.max(0, Math.ceil((left - j) / sw));
        const x1 = Math.min(ow, Math.floor((w - 1 + left - j) / sw) + 1);
        const wTap = (i * kw + j) * ci * co;
        for (let oy = y0; oy < y1; oy++) {
          const xRow = (b * h + oy * sh + i - top) * w;
          const dRow = (b * oh + oy) * ow;
          for (let ox = x0; ox < x1; ox++) {
            const xb = (xRow + ox * sw + j - left) * ci;
            const db = (dRow + ox) * co;
            for (let c = 0; c < ci; c++) {
              const xv = x[xb + c];
              if (xv === 0) continue; // post-ReLU activations are often exactly zero
              const wb = wTap + c * co;
              for (let o = 0; o < co; o++) dw[wb + o] += xv * dy[db + o];
            }
          }
        }
      }
    }
}

type TapVisitor = (xb: number, db: number, wTap: number) => void;

/** Calls visit(x offset, y offset, filter-tap offset) for every in-bounds (pixel, tap) pair of a convolution. */
function forEachPixelTap(info: tf.backend_util.Conv2DInfo, visit: TapVisitor): void {
  const {batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co} = info;
  const {strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw} = info;
  const {top, left} = info.padInfo;
  for (let b = 0; b < n; b++)
    for (let oy = 0; oy < oh; oy++)
      for (let i = 0; i < kh; i++) {
        const iy = oy * sh + i - top;
        if (iy < 0 || iy >= h) continue;
        for (let ox = 0; ox < ow; ox++) {
          const db = ((b * oh + oy) * ow + ox) * co;
          for (let j = 0; j < kw; j++) {
            const ix = ox * sw + j - left;
            if (ix < 0 || ix >= w) continue;
            visit(((b * h + iy) * w + ix) * ci, db, (i * kw + j) * ci * co);
          }
        }
      }
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dilations?: number | [number, number];
  dimRoundingMode?: "floor" | "round" | "ceil";
}

const undilated = (d: number | [number, number] | undefined): boolean =>
  d === undefined || d === 1 || (Array.isArray(d) && d[0] === 1 && d[1] === 1);

/** Forward convolution (NHWC, undilated) as plain loops. */
export function cpuConv2D(stock: KernelFunc): KernelFunc {
  return (args) => {
    const x = input(args.inputs, "x");
    const filter = input(args.inputs, "filter");
    const a = args.attrs as unknown as ConvAttrs;
    if (a.dataFormat !== "NHWC" || !undilated(a.dilations) || x.dtype !== "float32") return stock(args);
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as Shape4,
      filter.shape as Shape4,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode
    );
    const memory = tensorMemory("cpu", args.backend as KernelBackend);
    const out = memory.alloc(info.outShape);
    const xs = memory.view(x);
    const ws = memory.view(filter);
    const ys = memory.view(out);
    const {inChannels: ci, outChannels: co} = info;
    forEachPixelTap(info, (xb, db, wTap) => {
      for (let c = 0; c < ci; c++) {
        const xv = xs[xb + c];
        if (xv === 0) continue;
        const wb = wTap + c * co;
        for (let o = 0; o < co; o++) ys[db + o] += xv * ws[wb + o];
      }
    });
    return out;
  };
}

/** Input gradient (NHWC, any stride) as plain loops: dx[x] += w[tap] * dy[y]. */
export function cpuConv2DBackpropInput(stock: KernelFunc): KernelFunc {
  return (args) => {
    const dy = input(args.inputs, "dy");
    const filter = input(args.inputs, "filter");
    const a = args.attrs as unknown as ConvAttrs & {inputShape: Shape4};
    if (a.dataFormat !== "NHWC" || dy.dtype !== "float32") return stock(args);
    const info = tf.backend_util.computeConv2DInfo(
      a.inputShape,
      filter.shape as Shape4,
      a.strides,
      1,
      a.pad,
      a.dimRoundingMode
    );
    const memory = tensorMemory("cpu", args.backend as KernelBackend);
    const out = memory.alloc(a.inputShape);
    const dxs = memory.view(out);
    const ws = memory.view(filter);
    const ds = memory.view(dy);
    const {inChannels: ci, outChannels: co} = info;
    forEachPixelTap(info, (xb, db, wTap) => {
      for (let c = 0; c < ci; c++) {
        const wb = wTap + c * co;
        let s = 0;
        for (let o = 0; o < co; o++) s += ws[wb + o] * ds[db + o];
        dxs[xb + c] += s;
      }
    });
    return out;
  };
}

/** Sum over every axis but the last (bias gradients). */
export function cpuSum(stock: KernelFunc): KernelFunc {
  return (args) => {
    const x = input(args.inputs, "x");
    const {axis, keepDims} = args.attrs as unknown as {axis: number | number[]; keepDims: boolean};
    const rank = x.shape.length;
    const axes = (Array.isArray(axis) ? axis : [axis]).map((v) => (v < 0 ? v + rank : v)).sort((p, q) => p - q);
    if (rank < 2 || axes.length !== rank - 1 || !axes.every((v, i) => v === i) || x.dtype !== "float32") {
      return stock(args);
    }
    const cols = x.shape[rank - 1];
    const memory = tensorMemory("cpu", args.backend as KernelBackend);
    const out = memory.alloc(keepDims ? [...x.shape.slice(0, -1).map(() => 1), cols] : [cols]);
    const xs = memory.view(x);
    const acc = new Float64Array(cols);
    for (let i = 0; i < xs.length; i += cols) for (let c = 0; c < cols; c++) acc[c] += xs[i + c];
    memory.view(out).set(acc);
    return out;
  };
}
