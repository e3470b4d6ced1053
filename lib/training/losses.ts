// Reconstruction losses and the VAE loss, returned as parts so pages can plot reconstruction and KL apart.
// Sigma convention (the same as lib/models/vae.ts): z_log_sigma = log of the standard deviation, so
//   z = mu + exp(z_log_sigma) * eps,   KL(q || N(0, I)) = -0.5 * sum(1 + 2 z_log_sigma - mu^2 - exp(2 z_log_sigma)).
import * as tf from "@tensorflow/tfjs";
import type {Autoencoder} from "../models/autoencoder.js";

export type ReconstructionKind = "bce" | "mse";

export interface LossOptions {
  reconstruction: ReconstructionKind;
  /** "mean": averaged over pixels (the autoencoders' Keras losses); "sum": summed over pixels (the VAE's ELBO). */
  pixelReduction: "mean" | "sum";
  /** Weight of the KL term (beta); ignored for non-variational models. */
  klWeight: number;
}

/** The parts of a loss, each averaged over the batch. `kl` and `klPerDim` only for VAEs. */
export interface LossTensors {
  total: tf.Scalar;
  reconstruction: tf.Scalar;
  kl?: tf.Scalar;
  klPerDim?: tf.Tensor1D;
}

/** The same parts as plain numbers. */
export interface LossValues {
  total: number;
  reconstruction: number;
  kl?: number;
  klPerDim?: number[];
}

/** The lesson's choices: BCE per pixel for autoencoders; MSE x 784 + KL for VAEs. */
export function defaultLossOptions(model: Autoencoder): LossOptions {
  return model.isVariational
    ? {reconstruction: "mse", pixelReduction: "sum", klWeight: 1}
    : {reconstruction: "bce", pixelReduction: "mean", klWeight: 1};
}

// Keras' epsilon: keeps log() finite when a sigmoid saturates.
const EPSILON = 1e-7;

/** Binary cross-entropy of each image, averaged over its pixels: [n]. */
export function binaryCrossEntropy(target: tf.Tensor, output: tf.Tensor): tf.Tensor1D {
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
      return {total: reconstruction, reconstruction};
    }
    const [mean, logSigma] = encoded as tf.Tensor2D[];
    const output = model.decoder.apply(sampleLatent(mean, logSigma, seed), {training: true}) as tf.Tensor;
    const reconstruction = reconstructionLoss(target, output, options).mean() as tf.Scalar;
    const klPerDim = klDivergence(mean, logSigma).mean(0) as tf.Tensor1D;
    const kl = klPerDim.sum() as tf.Scalar;
    return {total: reconstruction.add(kl.mul(options.klWeight)) as tf.Scalar, reconstruction, kl, klPerDim};
  });
}

/** All loss parts in one 1-D tensor [total, reconstruction, kl, ...klPerDim], so one download reads them. */
export function packLoss(loss: LossTensors): tf.Tensor1D {
  return tf.tidy(() => {
    const parts = [loss.total, loss.reconstruction, loss.kl ?? tf.scalar(0), loss.klPerDim ?? tf.zeros([0])];
    return tf.concat(parts.map((t) => t.reshape([-1]))) as tf.Tensor1D;
  });
}

/** The numbers of a packLoss() tensor. */
export function unpackLoss(values: Float32Array, isVariational: boolean): LossValues {
  const loss: LossValues = {total: values[0], reconstruction: values[1]};
  if (isVariational) {
    loss.kl = values[2];
    loss.klPerDim = Array.from(values.subarray(3));
  }
  return loss;
}
