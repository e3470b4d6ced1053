// One batch of an adversarial autoencoder (lib/models/adversarial-autoencoder.ts), as in Makhzani et al.: three
// steps, each with its own optimizer, over its own variables only.
//   1. reconstruction: the encoder and decoder minimise the reconstruction loss (the run's optimizer);
//   2. discriminator: the discriminator learns to tell prior samples (label 1) from codes (label 0), minimising
//      -mean(log D(z_prior) + log(1 - D(z_code))); the encoder is not changed;
//   3. regularisation ("generator"): the encoder alone minimises -mean(log D(z_code)), i.e. moves its codes to
//      where the discriminator believes in the prior.
// Each step recomputes what it needs with the weights the step before left. tf's minimize computes fresh gradients
// for just the variables it is given, so nothing leaks from one step into the next (the lesson's notebook neither
// zeroes its gradients between the steps nor steps the discriminator's optimizer).
// The training loop (lib/training/loop.ts) calls adversarialStep for models with a discriminator.
import * as tf from "@tensorflow/tfjs";
import type {Autoencoder} from "../models/autoencoder.js";
import {FusedAdamOptimizer} from "./fused-adam.js";
import {
  discriminatorLoss,
  generatorLoss,
  packLoss,
  reconstructionLoss,
  samplePrior,
  type LossOptions
} from "./losses.js";

/**
 * The discriminator's and the regularisation step's Adam settings. By default both take the reconstruction step's
 * learning rate: a slower adversary lets the reconstruction spread the codes faster than it can pull them back.
 * The discriminator takes the first-moment decay of 0.5 that adversarial networks usually do; the encoder's
 * regularisation step keeps Adam's usual 0.9, which averages its noisy gradient over about ten batches (at 0.5 the
 * codes jumped by nearly a full step every batch, and the whole cloud drifted around the prior's centre).
 */
export const ADVERSARIAL_OPTIMIZER = {
  learningRate: 0.001,
  discriminatorBeta1: 0.5,
  generatorBeta1: 0.9,
  beta2: 0.999
} as const;

export interface AdversarialOptimizers {
  discriminator: tf.Optimizer;
  generator: tf.Optimizer;
  dispose(): void;
}

/** The learning rate an optimizer was made with (tf's optimizers keep it in a field their types hide). */
export function learningRateOf(optimizer: tf.Optimizer): number | undefined {
  const rate = (optimizer as unknown as {learningRate?: unknown}).learningRate;
  return typeof rate === "number" && Number.isFinite(rate) ? rate : undefined;
}

/**
 * The two optimizers of the adversarial steps (the reconstruction step uses the run's own, `reconstruction`), at
 * `learningRate`, by default the reconstruction's.
 */
export function createAdversarialOptimizers(
  reconstruction?: tf.Optimizer,
  learningRate?: number
): AdversarialOptimizers {
  const rate = learningRate ?? (reconstruction && learningRateOf(reconstruction)) ?? ADVERSARIAL_OPTIMIZER.learningRate;
  const {discriminatorBeta1, generatorBeta1, beta2} = ADVERSARIAL_OPTIMIZER;
  // Our one-kernel Adam, as the reconstruction step's (lib/training/fused-adam.ts).
  const epsilon = tf.backend().epsilon();
  const discriminator = new FusedAdamOptimizer(rate, discriminatorBeta1, beta2, epsilon);
  const generator = new FusedAdamOptimizer(rate, generatorBeta1, beta2, epsilon);
  return {
    discriminator,
    generator,
    dispose: () => {
      discriminator.dispose();
      generator.dispose();
    }
  };
}

const variablesOf = (...models: tf.LayersModel[]): tf.Variable[] =>
  models.flatMap((model) => model.trainableWeights.map((w) => w.read() as tf.Variable));

/**
 * Trains `model` (which must have a discriminator) on one batch with the three steps, and returns its loss parts
 * packed as packLoss() does ([total = reconstruction, reconstruction, 0, discriminator, generator]), each measured
 * in its own step: the caller disposes the tensor. `seed` draws the batch's prior samples.
 */
export function adversarialStep(
  model: Autoencoder,
  optimizers: {reconstruction: tf.Optimizer} & Pick<AdversarialOptimizers, "discriminator" | "generator">,
  input: tf.Tensor,
  target: tf.Tensor,
  lossOptions: LossOptions,
  seed: number
): tf.Tensor1D {
  const {encoder, decoder, discriminator} = model;
  if (!discriminator) throw new Error(`${model.config.model} has no discriminator: it cannot be trained adversarially`);
  const kept: tf.Scalar[] = [];
  const keep = (loss: tf.Scalar): tf.Scalar => {
    kept.push(tf.keep(loss.clone()));
    return loss;
  };
  try {
    tf.tidy(() => {
      optimizers.reconstruction.minimize(
        () => {
          const output = decoder.apply(encoder.apply(input, {training: true}), {training: true}) as tf.Tensor;
          return keep(reconstructionLoss(target, output, lossOptions).mean() as tf.Scalar);
        },
        false,
        variablesOf(encoder, decoder)
      );
      optimizers.discriminator.minimize(
        () => {
          const codes = encoder.apply(input, {training: true}) as tf.Tensor;
          const codeLogits = discriminator.apply(codes, {training: true}) as tf.Tensor;
          const priorLogits = discriminator.apply(samplePrior(codes, seed), {training: true}) as tf.Tensor;
          return keep(discriminatorLoss(priorLogits, codeLogits));
        },
        false,
        variablesOf(discriminator)
      );
      optimizers.generator.minimize(
        () => {
          const codes = encoder.apply(input, {training: true}) as tf.Tensor;
          return keep(generatorLoss(discriminator.apply(codes, {training: true}) as tf.Tensor));
        },
        false,
        variablesOf(encoder)
      );
    });
    const [reconstruction, discriminatorPart, generator] = kept;
    return packLoss({total: reconstruction, reconstruction, discriminator: discriminatorPart, generator});
  } finally {
    tf.dispose(kept);
  }
}
