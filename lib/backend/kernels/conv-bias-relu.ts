// A convolution, its bias and its ReLU as one kernel while training. In gradient mode tf's fused conv2d refuses any
// activation but linear, so a conv layer with ReLU trains as Conv2D, Add and Relu: two more passes over its output
// (for the lesson's first layer, 128 x 28 x 28 x 16 floats each) and two more nodes on the tape. This kernel runs
// the backend's FusedConv2D with the ReLU in it, and its gradient computes only what backpropagation asks for
// (no input gradient for the first layer, whose input is the image). lib/models/layers.ts routes ReLU conv layers
// here where the kernel is registered (wasm, cpu).
import * as tf from "@tensorflow/tfjs";
import type {GradConfig, KernelBackend, KernelFunc, NamedAttrMap, Tensor} from "@tensorflow/tfjs";
import type {KernelRunner} from "./ops.js";
import {RELU_GRAD} from "./relu-grad.js";
import {isReluMasked, markReluOutput} from "./relu-mask.js";

export const CONV_BIAS_RELU = "AutoencodersLabConvBiasRelu";

export interface ConvBiasReluAttrs {
  strides: [number, number];
  pad: "same" | "valid";
}

const convAttrs = ({strides, pad}: ConvBiasReluAttrs) => ({
  strides,
  pad,
  dataFormat: "NHWC",
  dilations: [1, 1],
  dimRoundingMode: undefined
});

/** Inputs x, filter, bias; the backend's FusedConv2D (ours on wasm) with activation relu. */
export function makeConvBiasRelu(ops: KernelRunner): KernelFunc {
  return (args) => {
    const y = ops.run(args.backend as KernelBackend, "FusedConv2D", args.inputs, {
      ...convAttrs(args.attrs as unknown as ConvBiasReluAttrs),
      activation: "relu",
      leakyreluAlpha: 0
    });
    markReluOutput(y);
    return y;
  };
}

export const convBiasReluGradConfig: GradConfig = {
  kernelName: CONV_BIAS_RELU,
  inputsToSave: ["x", "filter"],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved;
    const conv = convAttrs(attrs as unknown as ConvBiasReluAttrs) as unknown as NamedAttrMap;
    // The output is positive exactly where the pre-activation is: its ReLU gradient is the pre-activation's.
    // A max pooling after it may have applied this mask already (./relu-mask.ts).
    const g = dy as Tensor;
    const dz = isReluMasked(g) ? g : (tf.engine().runKernel(RELU_GRAD, {x: y, dy: g}) as Tensor);
    return {
      x: () => tf.engine().runKernel("Conv2DBackpropInput", {dy: dz, filter}, {...conv, inputShape: x.shape}) as Tensor,
      filter: () =>
        tf.engine().runKernel("Conv2DBackpropFilter", {x, dy: dz}, {...conv, filterShape: filter.shape}) as Tensor,
      bias: () => tf.sum(dz, [0, 1, 2])
    };
  }
};
