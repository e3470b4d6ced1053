// Plain-loop reference implementations (float64 accumulation) that the fast kernels are tested against.
import * as tf from "@tensorflow/tfjs";
import type {Shape4} from "./ops.js";

export type ConvPad = "same" | "valid" | [[number, number], [number, number], [number, number], [number, number]];

export interface ConvCase {
  xShape: Shape4;
  filterShape: Shape4;
  strides: [number, number];
  pad: ConvPad;
}

function convInfo(c: ConvCase): ReturnType<typeof tf.backend_util.computeConv2DInfo> {
  return tf.backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.strides, 1, c.pad, undefined, false);
}

/** Output shape [n, OH, OW, co] of the forward convolution. */
export function convOutShape(c: ConvCase): Shape4 {
  const info = convInfo(c);
  return [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
}

/** Visits every (x index, filter index, y index) triple of the forward convolution (NHWC, HWIO). */
function forEachTap(c: ConvCase, visit: (xi: number, wi: number, yi: number) => void): void {
  const info = convInfo(c);
  const [n, h, w, ci] = c.xShape;
  const {filterHeight: kh, filterWidth: kw, outHeight: oh, outWidth: ow, outChannels: co} = info;
  const {top, left} = info.padInfo;
  for (let b = 0; b < n; b++)
    for (let y = 0; y < oh; y++)
      for (let x = 0; x < ow; x++)
        for (let i = 0; i < kh; i++) {
          const r = y * info.strideHeight + i - top;
          if (r < 0 || r >= h) continue;
          for (let j = 0; j < kw; j++) {
            const s = x * info.strideWidth + j - left;
            if (s < 0 || s >= w) continue;
            for (let a = 0; a < ci; a++) {
              const xi = ((b * h + r) * w + s) * ci + a;
              const wBase = ((i * kw + j) * ci + a) * co;
              const yBase = ((b * oh + y) * ow + x) * co;
              for (let o = 0; o < co; o++) visit(xi, wBase + o, yBase + o);
            }
          }
        }
}

export function conv2dRef(c: ConvCase, x: Float32Array, filter: Float32Array): Float64Array {
  const y = new Float64Array(convOutShape(c).reduce((a, b) => a * b, 1));
  forEachTap(c, (xi, wi, yi) => (y[yi] += x[xi] * filter[wi]));
  return y;
}

export function conv2dBackpropFilterRef(c: ConvCase, x: Float32Array, dy: Float32Array): Float64Array {
  const dw = new Float64Array(c.filterShape.reduce((a, b) => a * b, 1));
  forEachTap(c, (xi, wi, yi) => (dw[wi] += x[xi] * dy[yi]));
  return dw;
}

export function conv2dBackpropInputRef(c: ConvCase, dy: Float32Array, filter: Float32Array): Float64Array {
  const dx = new Float64Array(c.xShape.reduce((a, b) => a * b, 1));
  forEachTap(c, (xi, wi, yi) => (dx[xi] += filter[wi] * dy[yi]));
  return dx;
}

/** [batch, m, k] x [batch, k, n] (after the transposes), batch broadcast when one side has 1. */
export function batchMatMulRef(
  a: Float32Array,
  aShape: [number, number, number],
  b: Float32Array,
  bShape: [number, number, number],
  transposeA: boolean,
  transposeB: boolean
): Float64Array {
  const [ba, ra, ca] = aShape;
  const [bb, rb, cb] = bShape;
  const m = transposeA ? ca : ra;
  const k = transposeA ? ra : ca;
  const n = transposeB ? rb : cb;
  const batch = Math.max(ba, bb);
  const out = new Float64Array(batch * m * n);
  for (let t = 0; t < batch; t++) {
    const ao = (ba === 1 ? 0 : t) * ra * ca;
    const bo = (bb === 1 ? 0 : t) * rb * cb;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let q = 0; q < k; q++) {
          const av = transposeA ? a[ao + q * ca + i] : a[ao + i * ca + q];
          const bv = transposeB ? b[bo + j * cb + q] : b[bo + q * cb + j];
          s += av * bv;
        }
        out[(t * m + i) * n + j] = s;
      }
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/**
 * The plain-loop filter gradient as a kernel for any backend (reads its inputs back, writes a new tensor): the
 * stand-in for a stock kernel where the backend has none (wasm), so loss checks compare like with like.
 */
export const referenceConv2DBackpropFilter: tf.KernelFunc = ({inputs, backend, attrs}) => {
  const b = backend as tf.KernelBackend;
  const {x, dy} = inputs as {x: tf.TensorInfo; dy: tf.TensorInfo};
  const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const strides: [number, number] = typeof a.strides === "number" ? [a.strides, a.strides] : a.strides;
  const pad =
    typeof a.pad === "number"
      ? tf.backend_util.computeConv2DInfo(x.shape as Shape4, a.filterShape, strides, 1, a.pad).padInfo
      : undefined;
  const c: ConvCase = {
    xShape: x.shape as Shape4,
    filterShape: a.filterShape,
    strides,
    pad: pad
      ? [
          [0, 0],
          [pad.top, pad.bottom],
          [pad.left, pad.right],
          [0, 0]
        ]
      : (a.pad as ConvPad)
  };
  const dw = conv2dBackpropFilterRef(c, b.readSync(x.dataId) as Float32Array, b.readSync(dy.dataId) as Float32Array);
  return {dataId: b.write(Float32Array.from(dw), a.filterShape, "float32"), shape: a.filterShape, dtype: "float32"};
};

/** Max pooling gradient: each window's dy to the first position of its maximum (NHWC). */
export function maxPoolGradRef(
  x: Float32Array,
  xShape: Shape4,
  dy: Float32Array,
  filter: [number, number],
  strides: [number, number],
  pad: "same" | "valid"
): Float64Array {
  const info = tf.backend_util.computePool2DInfo(xShape, filter, strides, 1, pad);
  const [n, h, w, c] = xShape;
  const dx = new Float64Array(x.length);
  for (let b = 0; b < n; b++)
    for (let yr = 0; yr < info.outHeight; yr++)
      for (let yc = 0; yc < info.outWidth; yc++)
        for (let ch = 0; ch < c; ch++) {
          let best = -Infinity;
          let at = -1;
          for (let i = 0; i < filter[0]; i++)
            for (let j = 0; j < filter[1]; j++) {
              const r = yr * strides[0] - info.padInfo.top + i;
              const s = yc * strides[1] - info.padInfo.left + j;
              if (r < 0 || r >= h || s < 0 || s >= w) continue;
              const k = ((b * h + r) * w + s) * c + ch;
              if (x[k] > best) {
                best = x[k];
                at = k;
              }
            }
          if (at >= 0) dx[at] += dy[((b * info.outHeight + yr) * info.outWidth + yc) * c + ch];
        }
  return dx;
}

/** Gradient of nearest-neighbour upsampling by whole factors (no corner alignment). */
export function upsampleGradRef(dy: Float32Array, xShape: Shape4, sy: number, sx: number): Float64Array {
  const [n, h, w, c] = xShape;
  const dx = new Float64Array(n * h * w * c);
  for (let b = 0; b < n; b++)
    for (let r = 0; r < h * sy; r++)
      for (let s = 0; s < w * sx; s++)
        for (let ch = 0; ch < c; ch++)
          dx[((b * h + Math.floor(r / sy)) * w + Math.floor(s / sx)) * c + ch] +=
            dy[((b * h * sy + r) * w * sx + s) * c + ch];
  return dx;
}

/**
 * The plain-loop gradient of nearest-neighbour upsampling by whole factors, as a kernel. The stock cpu kernel
 * (tfjs 4.22) does not match its own forward pass (alignCorners false, no half-pixel centres): measured max |diff|
 * 5.6 against the block sum on 2x14x14x16 -> 28x28, so loss checks on cpu use this one as the reference.
 */
export function referenceResizeNearestNeighborGrad(stock: tf.KernelFunc | undefined): tf.KernelFunc {
  return (args) => {
    const b = args.backend as tf.KernelBackend;
    const {images, dy} = args.inputs as {images: tf.TensorInfo; dy: tf.TensorInfo};
    const a = args.attrs as unknown as tf.ResizeNearestNeighborGradAttrs;
    const [, h, w] = images.shape;
    const sy = dy.shape[1] / h;
    const sx = dy.shape[2] / w;
    if (a.alignCorners || a.halfPixelCenters || !Number.isInteger(sy) || !Number.isInteger(sx)) {
      if (!stock) throw new Error("ResizeNearestNeighborGrad: unsupported attributes");
      return stock(args);
    }
    const dx = upsampleGradRef(b.readSync(dy.dataId) as Float32Array, images.shape as Shape4, sy, sx);
    return {dataId: b.write(Float32Array.from(dx), images.shape, "float32"), shape: images.shape, dtype: "float32"};
  };
}
