// Max pooling right after a ReLU conv layer (the lesson's encoder: conv, ReLU, pool, three times): its gradient also
// takes the ReLU's, saving a pass over the conv's output (for the first layer, 128 x 28 x 28 x 16 floats).
// The conv + bias + ReLU kernel (./conv-bias-relu.ts) records its outputs; the gradient of MaxPool asks our
// MaxPoolGrad kernel (./wasm-simd.ts) to mask when its input is one of them; the kernel records the gradients it did
// mask; and the conv's gradient skips its own ReLU mask for those. Where a stock kernel runs instead, nothing is
// recorded and every step happens as usual. Tensors are known by their data (a saved copy of a tensor shares it).
import * as tf from "@tensorflow/tfjs";
import type {GradConfig, NamedAttrMap, Tensor, TensorInfo} from "@tensorflow/tfjs";

const reluOutputs = new WeakSet<object>();
const reluMasked = new WeakSet<object>();

/** Records a ReLU's output (never negative). */
export function markReluOutput(info: TensorInfo): void {
  reluOutputs.add(info.dataId);
}

/** Records a gradient already zero wherever the ReLU's output, the pooling's input, is 0. */
export function markReluMasked(info: TensorInfo): void {
  reluMasked.add(info.dataId);
}

export function isReluMasked(info: TensorInfo): boolean {
  return reluMasked.has(info.dataId);
}

interface MaxPoolAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: "valid" | "same" | number;
  dimRoundingMode?: "floor" | "round" | "ceil";
}

/** The gradient of MaxPool: the stock one, plus `reluMask` for the kernel when its input is a ReLU's output. */
export const maxPoolGradConfig: GradConfig = {
  kernelName: "MaxPool",
  inputsToSave: ["x"],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, y] = saved;
    const {filterSize, strides, pad, dimRoundingMode} = attrs as unknown as MaxPoolAttrs;
    const poolAttrs = {filterSize, strides, pad, dimRoundingMode, reluMask: reluOutputs.has(x.dataId)};
    return {
      x: () =>
        tf
          .engine()
          .runKernel(
            "MaxPoolGrad",
            {dy: dy as Tensor, input: x, output: y},
            poolAttrs as unknown as NamedAttrMap
          ) as Tensor
    };
  }
};
