// The autoencoder page's computations with the page's copy of the model: the codes of a few digits, and digits
// decoded from any codes. Imported lazily (it needs TensorFlow.js); results leave tf.tidy through a variable, as
// in page-inference.ts.
import * as tf from "@tensorflow/tfjs";
import {decode, encode, type Autoencoder} from "../lib/models/autoencoder.js";

export interface EncodedDigits {
  codes: Float32Array;
  /** The shape of one code: [h, w, c] for the lesson's 4x4x8 map, [n] for a flat code. */
  shape: number[];
}

/** The codes of `count` 28x28 digits. */
export function encodeDigits(model: Autoencoder, pixels: Float32Array, count: number): EncodedDigits {
  let result!: EncodedDigits;
  tf.tidy(() => {
    const code = encode(model, tf.tensor4d(pixels, [count, 28, 28, 1]));
    result = {codes: code.dataSync() as Float32Array, shape: code.shape.slice(1)};
  });
  return result;
}

/** The digits the decoder draws from `count` codes stored row after row. */
export function decodeCodes(model: Autoencoder, codes: Float32Array, count: number): Float32Array {
  let pixels!: Float32Array;
  tf.tidy(() => {
    pixels = decode(model, tf.tensor2d(codes, [count, codes.length / count])).dataSync() as Float32Array;
  });
  return pixels;
}
