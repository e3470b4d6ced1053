// Seeded building blocks shared by the model modules. Every layer gets its own initializer seed drawn from
// the model's seed, so building the same config twice gives the same weights (and the same losses on cpu).
import * as tf from "@tensorflow/tfjs";
import {createRng, type Rng} from "../random.js";

export interface LayerFactory {
  conv(filters: number, activation: "relu" | "sigmoid", padding?: "same" | "valid"): tf.layers.Layer;
  dense(units: number, activation: "relu" | "sigmoid" | "linear"): tf.layers.Layer;
}

export function createLayerFactory(seed: number): LayerFactory {
  const rng: Rng = createRng(seed);
  // Glorot-uniform kernels and zero biases are the Keras defaults the lesson's notebooks used.
  const kernelInitializer = (): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform({seed: rng.seed()});
  return {
    conv: (filters, activation, padding = "same") =>
      tf.layers.conv2d({filters, kernelSize: 3, padding, activation, kernelInitializer: kernelInitializer()}),
    dense: (units, activation) => tf.layers.dense({units, activation, kernelInitializer: kernelInitializer()})
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
