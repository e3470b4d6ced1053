// Convolution gradients expressed as forward convolutions, so that they run on the backend's Conv2D kernel
// (XNNPACK with SIMD on wasm) instead of scalar loops.
import * as tf from "@tensorflow/tfjs";
import type {
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropInputAttrs,
  KernelBackend,
  KernelFunc,
  TensorInfo
} from "@tensorflow/tfjs";
import {free, input, type KernelRunner, type Shape4} from "./ops.js";

type ExplicitPad = [[number, number], [number, number], [number, number], [number, number]];

function explicitPad(top: number, bottom: number, left: number, right: number): ExplicitPad {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0]
  ];
}

/** True for the NHWC, undilated case the fast paths handle; anything else goes to the stock kernel. */
function isChannelsLast(dataFormat: string): boolean {
  return dataFormat === "NHWC" || dataFormat === "channelsLast";
}

/**
 * dW[kh, kw, ci, co] = sum over n, oh, ow of xPadded[n, oh*sh + kh, ow*sw + kw, ci] * dy[n, oh, ow, co].
 * That is a valid correlation of x (batch and channels swapped: [ci, H, W, n]) with dy as the filter
 * ([OH, OW, n, co]), dilated by the stride: one Conv2D with a big kernel and a KHxKW output.
 */
export function conv2DBackpropFilterViaConv(
  ops: KernelRunner,
  backend: KernelBackend,
  x: TensorInfo,
  dy: TensorInfo,
  attrs: Conv2DBackpropFilterAttrs
): TensorInfo {
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast"
  );
  const {strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw, outHeight: oh, outWidth: ow} = info;
  const {top, left} = info.padInfo;
  const bottom = (oh - 1) * sh + kh - top - info.inHeight;
  const right = (ow - 1) * sw + kw - left - info.inWidth;
  const xt = ops.transpose(backend, x, [3, 1, 2, 0]);
  const dyt = ops.transpose(backend, dy, [1, 2, 0, 3]);
  const conv = ops.run(
    backend,
    "Conv2D",
    {x: xt, filter: dyt},
    {
      strides: [1, 1],
      pad: explicitPad(top, Math.max(0, bottom), left, Math.max(0, right)),
      dilations: [sh, sw],
      dataFormat: "NHWC"
    }
  );
  free(backend, xt, dyt);
  let cropped = conv;
  if (conv.shape[1] !== kh || conv.shape[2] !== kw) {
    cropped = ops.slice(backend, conv, [0, 0, 0, 0], [info.inChannels, kh, kw, info.outChannels]);
    free(backend, conv);
  }
  const out = ops.transpose(backend, cropped, [1, 2, 0, 3]);
  free(backend, cropped);
  return out;
}

/**
 * With stride 1, dx is the correlation of dy (padded by KH-1-top above) with the filter flipped in space and
 * with its channel axes swapped: one forward Conv2D.
 */
export function conv2DBackpropInputViaConv(
  ops: KernelRunner,
  backend: KernelBackend,
  dy: TensorInfo,
  filter: TensorInfo,
  attrs: Conv2DBackpropInputAttrs
): TensorInfo {
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as Shape4,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    "channelsLast"
  );
  const {filterHeight: kh, filterWidth: kw, outHeight: oh, outWidth: ow, inHeight, inWidth} = info;
  const top = kh - 1 - info.padInfo.top;
  const left = kw - 1 - info.padInfo.left;
  const bottom = inHeight + kh - 1 - oh - top;
  const right = inWidth + kw - 1 - ow - left;
  const flipped = ops.reverse(backend, filter, [0, 1]);
  const swapped = ops.transpose(backend, flipped, [0, 1, 3, 2]);
  free(backend, flipped);
  const conv = ops.run(
    backend,
    "Conv2D",
    {x: dy, filter: swapped},
    {
      strides: [1, 1],
      pad: explicitPad(Math.max(0, top), Math.max(0, bottom), Math.max(0, left), Math.max(0, right)),
      dilations: [1, 1],
      dataFormat: "NHWC"
    }
  );
  free(backend, swapped);
  if (top >= 0 && left >= 0 && bottom >= 0 && right >= 0) return conv;
  const out = ops.slice(
    backend,
    conv,
    [0, Math.max(0, -top), Math.max(0, -left), 0],
    [info.batchSize, inHeight, inWidth, info.inChannels]
  );
  free(backend, conv);
  return out;
}

export function makeConv2DBackpropFilter(ops: KernelRunner, stock: KernelFunc | undefined): KernelFunc {
  return ({inputs, backend, attrs}) => {
    const x = input(inputs, "x");
    const dy = input(inputs, "dy");
    const a = attrs as unknown as Conv2DBackpropFilterAttrs;
    if (isChannelsLast(a.dataFormat) && x.dtype === "float32" && dy.dtype === "float32") {
      return conv2DBackpropFilterViaConv(ops, backend as KernelBackend, x, dy, a);
    }
    if (!stock) throw new Error(`Conv2DBackpropFilter on ${ops.backendName}: only NHWC float32 is supported`);
    return stock({inputs, backend, attrs});
  };
}

export function makeConv2DBackpropInput(ops: KernelRunner, stock: KernelFunc | undefined): KernelFunc {
  return ({inputs, backend, attrs}) => {
    const dy = input(inputs, "dy");
    const filter = input(inputs, "filter");
    const a = attrs as unknown as Conv2DBackpropInputAttrs;
    const [sh, sw] = typeof a.strides === "number" ? [a.strides, a.strides] : a.strides;
    if (isChannelsLast(a.dataFormat) && sh === 1 && sw === 1 && dy.dtype === "float32") {
      return conv2DBackpropInputViaConv(ops, backend as KernelBackend, dy, filter, a);
    }
    if (!stock) throw new Error(`Conv2DBackpropInput on ${ops.backendName}: unsupported attributes`);
    return stock({inputs, backend, attrs});
  };
}
