// Reconstruction losses, the VAE loss and the adversarial autoencoder's two adversarial losses, returned as parts so
// pages can plot reconstruction, KL, discriminator and generator apart.
// Sigma convention (the same as lib/models/vae.ts): z_log_sigma = log of the standard deviation, so
//   z = mu + exp(z_log_sigma) * eps,   KL(q || N(0, I)) = -0.5 * sum(1 + 2 z_log_sigma - mu^2 - exp(2 z_log_sigma)).
import * as tf from "@tensorflow/tfjs";
import {BCE, BCE_GRAD} from "../backend/kernels/bce.js";
import type {Autoencoder} from "../models/autoencoder.js";

export type ReconstructionKind = "bce" | "mse";

export interface LossOptions {
  reconstruction: ReconstructionKind;
  /** "mean": averaged over pixels (the autoencoders' Keras losses); "sum": summed over pixels (the VAE's ELBO). */
  pixelReduction: "mean" | "sum";
  /** Weight of the KL term (beta); ignored for non-variational models. */
  klWeight: number;
}

/**
 * The parts of a loss, each averaged over the batch. `kl` and `klPerDim` only for VAEs; `discriminator` and
 * `generator` only for adversarial autoencoders (whose `total` is the reconstruction: each part has its own step).
 */
export interface LossTensors {
  total: tf.Scalar;
  reconstruction: tf.Scalar;
  kl?: tf.Scalar;
  klPerDim?: tf.Tensor1D;
  discriminator?: tf.Scalar;
  generator?: tf.Scalar;
}

/** The same parts as plain numbers. */
export interface LossValues {
  total: number;
  reconstruction: number;
  kl?: number;
  klPerDim?: number[];
  discriminator?: number;
  generator?: number;
}

/** The lesson's choices: BCE per pixel for autoencoders; MSE x 784 + KL for VAEs. */
export function defaultLossOptions(model: Autoencoder): LossOptions {
  return model.isVariational
    ? {reconstruction: "mse", pixelReduction: "sum", klWeight: 1}
    : {reconstruction: "bce", pixelReduction: "mean", klWeight: 1};
}

// Keras' epsilon: keeps log() finite when a sigmoid saturates.
const EPSILON = 1e-7;

/**
 * Binary cross-entropy of each image, averaged over its pixels: [n]. Where the backend has our one-pass kernels
 * (lib/backend/kernels/bce.ts: the loss on wasm, its gradient on wasm and cpu), they replace the formula's ten
 * kernels and backpropagation's fifteen.
 */
export function binaryCrossEntropy(target: tf.Tensor, output: tf.Tensor): tf.Tensor1D {
  if (!tf.getKernel(BCE_GRAD, tf.getBackend())) return binaryCrossEntropyFormula(target, output);
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [p, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([p]);
    return {
      value: tf.getKernel(BCE, tf.getBackend())
        ? (tf.engine().runKernel(BCE, {target, output: p}, {epsilon: EPSILON}) as tf.Tensor1D)
        : binaryCrossEntropyFormula(target, p),
      gradFunc: (dy, [saved]) =>
        tf.engine().runKernel(BCE_GRAD, {target, output: saved, dy: dy as tf.Tensor}, {epsilon: EPSILON}) as tf.Tensor
    };
  });
  return loss(output) as tf.Tensor1D;
}

function binaryCrossEntropyFormula(target: tf.Tensor, output: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const p = output.clipByValue(EPSILON, 1 - EPSILON);
    const perPixel = target
      .mul(p.log())
      .add(tf.scalar(1).sub(target).mul(tf.scalar(1).sub(p).log()))
      .neg();
    return perPixel.reshape([target.shape[0], -1]).mean(1) as tf.Tensor1D;
  });
}

/** Mean squared error of each image, averaged over its pixels: [n]. */
export function meanSquaredError(target: tf.Tensor, output: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => target.sub(output).square().reshape([target.shape[0], -1]).mean(1) as tf.Tensor1D);
}

/** Reconstruction loss of each image under `options`: [n]. */
export function reconstructionLoss(target: tf.Tensor, output: tf.Tensor, options: LossOptions): tf.Tensor1D {
  return tf.tidy(() => {
    const perPixel =
      options.reconstruction === "bce" ? binaryCrossEntropy(target, output) : meanSquaredError(target, output);
    const pixels = target.size / target.shape[0];
    return options.pixelReduction === "sum" ? perPixel.mul(pixels) : perPixel;
  });
}

/** KL(N(mu, exp(logSigma)^2) || N(0, 1)) of each image and latent dimension: [n, d]. */
export function klDivergence(mean: tf.Tensor2D, logSigma: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.scalar(1).add(logSigma.mul(2)).sub(mean.square()).sub(logSigma.mul(2).exp()).mul(-0.5));
}

/**
 * The KL term as the lesson's notebook writes it, -0.5 * sum(1 + s - mu^2 - exp(s)) with s = z_log_sigma: a
 * log-variance formula applied to a log-std. Never larger than the true KL; used only to compare our results with
 * the notebook's number on its own terms, never to train. Per image: [n].
 */
export function lessonNotebookKl(mean: tf.Tensor2D, logSigma: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(
    () => tf.scalar(1).add(logSigma).sub(mean.square()).sub(logSigma.exp()).mul(-0.5).sum(1) as tf.Tensor1D
  );
}

/** z = mean + exp(logSigma) * eps with eps ~ N(0, I) drawn from `seed`. */
export function sampleLatent(mean: tf.Tensor2D, logSigma: tf.Tensor2D, seed: number): tf.Tensor2D {
  return tf.tidy(() => mean.add(logSigma.exp().mul(tf.randomNormal(mean.shape, 0, 1, "float32", seed))));
}

/**
 * The adversarial autoencoder's discriminator loss, -mean(log D(prior) + log(1 - D(code))), from the discriminator's
 * logits (D = sigmoid(logit)) of prior samples and of codes (the same number of each): log D = -softplus(-logit)
 * and log(1 - D) = -softplus(logit), finite however sure the discriminator is. 2 ln 2 when D is 1/2 everywhere.
 */
export function discriminatorLoss(priorLogits: tf.Tensor, codeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.softplus(priorLogits.neg()).mean().add(tf.softplus(codeLogits).mean()) as tf.Scalar);
}

/**
 * The encoder's adversarial ("generator") loss, -mean(log D(code)): low when the discriminator takes the codes for
 * samples of the prior. ln 2 when D is 1/2 everywhere.
 */
export function generatorLoss(codeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.softplus(codeLogits.neg()).mean() as tf.Scalar);
}

/** Samples of the adversarial autoencoder's prior N(0, I), as many and as long as `codes`, drawn from `seed`. */
export function samplePrior(codes: tf.Tensor, seed: number): tf.Tensor2D {
  return tf.randomNormal([codes.shape[0], codes.size / codes.shape[0]], 0, 1, "float32", seed);
}

/** Both adversarial losses of `codes` against prior samples drawn from `seed` (evaluation: nothing is trained). */
export function adversarialLosses(
  discriminator: tf.LayersModel,
  codes: tf.Tensor,
  seed: number
): {discriminator: tf.Scalar; generator: tf.Scalar} {
  return tf.tidy(() => {
    const codeLogits = discriminator.apply(codes, {training: true}) as tf.Tensor;
    const priorLogits = discriminator.apply(samplePrior(codes, seed), {training: true}) as tf.Tensor;
    return {discriminator: discriminatorLoss(priorLogits, codeLogits), generator: generatorLoss(codeLogits)};
  });
}

/**
 * Runs the model in training mode on `input` and scores it against `target`. For VAEs the latent is sampled
 * with `seed` and the loss is reconstruction + klWeight * KL, KL summed over latent dimensions.
 */
export function computeLoss(
  model: Autoencoder,
  input: tf.Tensor,
  target: tf.Tensor,
  options: LossOptions,
  seed: number
): LossTensors {
  return tf.tidy(() => {
    const encoded = model.encoder.apply(input, {training: true}) as tf.Tensor | tf.Tensor[];
    if (!model.isVariational) {
      const output = model.decoder.apply(encoded, {training: true}) as tf.Tensor;
      const reconstruction = reconstructionLoss(target, output, options).mean() as tf.Scalar;
      // Adversarial autoencoders: their adversarial losses too, against prior samples drawn from `seed`.
      const adversarial = model.discriminator && adversarialLosses(model.discriminator, encoded as tf.Tensor, seed);
      return {total: reconstruction, reconstruction, ...adversarial};
    }
    const [mean, logSigma] = encoded as tf.Tensor2D[];
    const output = model.decoder.apply(sampleLatent(mean, logSigma, seed), {training: true}) as tf.Tensor;
    const reconstruction = reconstructionLoss(target, output, options).mean() as tf.Scalar;
    const klPerDim = klDivergence(mean, logSigma).mean(0) as tf.Tensor1D;
    const kl = klPerDim.sum() as tf.Scalar;
    return {total: reconstruction.add(kl.mul(options.klWeight)) as tf.Scalar, reconstruction, kl, klPerDim};
  });
}

/**
 * All loss parts in one 1-D tensor [total, reconstruction, kl, ...klPerDim] (then [discriminator, generator] when
 * the loss has them), so one download reads them.
 */
export function packLoss(loss: LossTensors): tf.Tensor1D {
  return tf.tidy(() => {
    const parts = [loss.total, loss.reconstruction, loss.kl ?? tf.scalar(0), loss.klPerDim ?? tf.zeros([0])];
    if (loss.discriminator && loss.generator) parts.push(loss.discriminator, loss.generator);
    return tf.concat(parts.map((t) => t.reshape([-1]))) as tf.Tensor1D;
  });
}

/** The numbers of a packLoss() tensor; `adversarial` when it ends with the adversarial autoencoder's two parts. */
export function unpackLoss(values: Float32Array, isVariational: boolean, adversarial = false): LossValues {
  const loss: LossValues = {total: values[0], reconstruction: values[1]};
  const end = adversarial ? values.length - 2 : values.length;
  if (isVariational) {
    loss.kl = values[2];
    loss.klPerDim = Array.from(values.subarray(3, end));
  }
  if (adversarial) {
    loss.discriminator = values[end];
    loss.generator = values[end + 1];
  }
  return loss;
}

/** Gradients of the mean loss over `input` (in the order of `variables`) and its packLoss(), all kept. */
export function batchGradients(
  model: Autoencoder,
  variables: tf.Variable[],
  input: tf.Tensor4D,
  clean: tf.Tensor4D,
  loss: LossOptions,
  samplingSeed: number
): {grads: tf.Tensor[]; packed: tf.Tensor} {
  let packed: tf.Tensor | undefined;
  const {value, grads} = tf.variableGrads(() => {
    const parts = computeLoss(model, input, clean, loss, samplingSeed);
    packed = tf.keep(packLoss(parts));
    return parts.total;
  }, variables);
  value.dispose();
  return {grads: variables.map((v) => grads[v.name]), packed: packed as tf.Tensor};
}
