// A model's weights as plain arrays, in one fixed order (encoder's, then decoder's, then an adversarial
// autoencoder's discriminator's), for moving a model between a worker and a page, or into and out of a checkpoint.
import * as tf from "@tensorflow/tfjs";
import type {Autoencoder} from "./autoencoder.js";

/** The model's variables in the one order weights travel and are stored in: encoder's, decoder's, discriminator's. */
export function modelVariables(model: Autoencoder): tf.LayerVariable[] {
  return [...model.encoder.weights, ...model.decoder.weights, ...(model.discriminator?.weights ?? [])];
}

/** What the reconstruction loss trains: the encoder's and decoder's trainable variables, in that order. */
export function trainableVariables(model: Autoencoder): tf.Variable[] {
  return [...model.encoder.trainableWeights, ...model.decoder.trainableWeights].map((w) => w.read() as tf.Variable);
}

/** Copies the weights out. Cloned synchronously first, so training may go on while they download. */
export async function readWeights(model: Autoencoder): Promise<Float32Array[]> {
  const copies = modelVariables(model).map((variable) => variable.read().clone());
  try {
    return (await Promise.all(copies.map((tensor) => tensor.data()))) as Float32Array[];
  } finally {
    copies.forEach((tensor) => tensor.dispose());
  }
}

/** Overwrites the weights; throws unless the arrays match the model's variables one for one. */
export function writeWeights(model: Autoencoder, weights: readonly Float32Array[]): void {
  const variables = modelVariables(model);
  if (weights.length !== variables.length) {
    throw new Error(`${weights.length} weight arrays for a model with ${variables.length} variables`);
  }
  variables.forEach((variable, i) => {
    const size = variable.shape.reduce((a: number, b) => a * (b ?? 1), 1);
    if (weights[i].length !== size) {
      throw new Error(`weight ${variable.name}: ${weights[i].length} values for shape [${variable.shape.join(", ")}]`);
    }
  });
  tf.tidy(() => variables.forEach((variable, i) => variable.write(tf.tensor(weights[i], variable.shape as number[]))));
}
