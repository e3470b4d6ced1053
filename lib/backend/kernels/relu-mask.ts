// The ReLU's gradient taken by the op after it: in the lesson's conv autoencoder every ReLU conv layer is followed by a
// max pooling (encoder) or an upsampling (decoder), whose gradients (our MaxPoolGrad and ResizeNearestNeighborGrad
// on wasm, ./wasm-simd.ts) can zero the result where the ReLU's output is 0 in the same pass, saving the ReLU
// gradient's own pass over the conv's output (for the first layer, 128 x 28 x 28 x 16 floats).
// The conv + bias + ReLU kernel (./conv-bias-relu.ts) records its outputs; the gradients below ask the next op's
// kernel to mask when its input is one of them; the kernel records the gradients it did mask; and the conv's
// gradient skips its own mask for those. Where a stock kernel runs instead, nothing is recorded and every step happens
// as usual. Tensors are known by their data (a saved copy of a tensor shares it).
import * as tf from "@tensorflow/tfjs";
import type {GradConfig, NamedAttrMap, Tensor, TensorInfo} from "@tensorflow/tfjs";

const reluOutputs = new WeakSet<object>();
const reluMasked = new WeakSet<object>();

/** Records a ReLU's output (never negative). */
export function markReluOutput(info: TensorInfo): void {
  reluOutputs.add(info.dataId);
}

export function isReluOutput(info: TensorInfo): boolean {
  return reluOutputs.has(info.dataId);
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

/** The gradient of ResizeNearestNeighbor: the stock one, plus `reluMask` when its input is a ReLU's output. */
export const resizeNearestNeighborGradConfig: GradConfig = {
  kernelName: "ResizeNearestNeighbor",
  inputsToSave: ["images"],
  gradFunc: (dy, saved, attrs) => {
    const [images] = saved;
    const resizeAttrs = {...attrs, reluMask: reluOutputs.has(images.dataId)} as unknown as NamedAttrMap;
    return {
      images: () =>
        tf.engine().runKernel("ResizeNearestNeighborGrad", {dy: dy as Tensor, images}, resizeAttrs) as Tensor
    };
  }
};
