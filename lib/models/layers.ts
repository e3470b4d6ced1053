// Seeded building blocks shared by the model modules. Every layer gets its own initializer seed drawn from
// the model's seed, so building the same config twice gives the same weights (and the same losses on cpu).
import * as tf from "@tensorflow/tfjs";
import {convBiasRelu, ConvReluPool, UpSampleConv} from "./fused-layers.js";
import {createRng, type Rng} from "../random.js";

export interface LayerFactory {
  conv(filters: number, activation: "relu" | "sigmoid", padding?: "same" | "valid"): tf.layers.Layer;
  dense(units: number, activation: "relu" | "sigmoid" | "linear"): tf.layers.Layer;
  /** conv(filters, "relu") then maxPool(), as one layer (lib/models/fused-layers.ts). */
  convPool(filters: number): tf.layers.Layer;
  /** upSample() then conv(filters, "sigmoid"), as one layer. */
  upSampleConv(filters: number): tf.layers.Layer;
}

export function createLayerFactory(seed: number): LayerFactory {
  const rng: Rng = createRng(seed);
  // Glorot-uniform kernels and zero biases are the Keras defaults the lesson's notebooks used.
  const kernelInitializer = (): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform({seed: rng.seed()});
  return {
    conv: (filters, activation, padding = "same") => {
      const layer = tf.layers.conv2d({
        filters,
        kernelSize: 3,
        padding,
        activation,
        kernelInitializer: kernelInitializer()
      });
      return activation === "relu" ? fuseBiasRelu(layer, padding) : layer;
    },
    dense: (units, activation) => tf.layers.dense({units, activation, kernelInitializer: kernelInitializer()}),
    convPool: (filters) => new ConvReluPool({filters, kernelInitializer: kernelInitializer()}),
    upSampleConv: (filters) => new UpSampleConv({filters, kernelInitializer: kernelInitializer()})
  };
}

export function maxPool(): tf.layers.Layer {
  // "same" padding so that the third pool takes 7x7 to 4x4, as in the lesson.
  return tf.layers.maxPooling2d({poolSize: [2, 2], padding: "same"});
}

export function upSample(): tf.layers.Layer {
  // size must be a pair: a bare number silently yields NaN shapes in tfjs 4.22.
  return tf.layers.upSampling2d({size: [2, 2]});
}

export function applyLayers(input: tf.SymbolicTensor, layers: tf.layers.Layer[]): tf.SymbolicTensor {
  return layers.reduce((x, layer) => layer.apply(x) as tf.SymbolicTensor, input);
}

// The parts of a tfjs-layers Conv2D that its type hides.
interface ConvInternals {
  kernel: {read(): tf.Tensor};
  bias: {read(): tf.Tensor} | null;
}

/**
 * Makes a conv layer with ReLU run as one kernel (lib/backend/kernels/conv-bias-relu.ts) where the backend has it;
 * for anything but one float32 NHWC input, the layer's own call. Its weights, and so checkpoints, are the same
 * either way.
 */
function fuseBiasRelu(layer: tf.layers.Layer, pad: "same" | "valid"): tf.layers.Layer {
  const call = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => {
    const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : undefined) : inputs;
    const {kernel, bias} = layer as unknown as ConvInternals;
    if (!x || !bias || x.dtype !== "float32" || x.rank !== 4) return call(inputs, kwargs);
    return convBiasRelu(x, kernel.read(), bias.read(), pad);
  };
  return layer;
}
