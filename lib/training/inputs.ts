// What a model is fed: dataset images as tensors, and the model's input for clean images (low-resolution for
// super-resolution, then the corruption if any). Shared by training, evaluation and the worker's queries.
import * as tf from "@tensorflow/tfjs";
import type {Dataset} from "../data/dataset.js";
import {corrupt, type Corruption} from "../images/corruptions.js";
import {downscale} from "../images/resampling.js";
import type {Autoencoder} from "../models/autoencoder.js";

/** Images `indices` of a dataset as float32 [n, rows, cols, 1] in [0, 1]. */
export function datasetToTensor(data: Dataset, indices: ArrayLike<number>): tf.Tensor4D {
  const size = data.rows * data.cols;
  const values = new Float32Array(indices.length * size);
  for (let b = 0; b < indices.length; b++) {
    const offset = indices[b] * size;
    for (let p = 0; p < size; p++) values[b * size + p] = data.images[offset + p] / 255;
  }
  return tf.tensor4d(values, [indices.length, data.rows, data.cols, 1]);
}

export function range(start: number, end: number): Uint32Array {
  return Uint32Array.from({length: end - start}, (_, i) => start + i);
}

/** What the model sees for clean images: low-resolution for super-resolution, then the corruption if any. */
export function modelInput(
  model: Autoencoder,
  clean: tf.Tensor4D,
  corruption: Corruption | undefined,
  seed: number
): tf.Tensor4D {
  return tf.tidy(() => {
    const config = model.config;
    const x = config.model === "super-res" ? downscale(clean, config.scale) : clean;
    return corruption ? corrupt(x, corruption, seed) : x.clone();
  });
}
