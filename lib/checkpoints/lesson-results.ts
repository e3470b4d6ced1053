// The lesson's own results (microsoft/AI-For-Beginners, lessons/4-ComputerVision/09-Autoencoders: the TensorFlow
// notebook's final validation losses, and the README's claim about embeddings), each with the shipped checkpoint
// that answers it. The one place these numbers are written: the results tables (lib/node/results-tables.ts) and the
// tests (tests/unit/node/checkpoints.test.ts) read them from here. DOM-free.
import type {CheckpointEntry} from "./manifest.js";

/** How the notebooks trained every model: 25 epochs at batch 128, learning rate 0.001 (Adam's and RMSprop's default). */
export const LESSON_TRAINING = {epochs: 25, batchSize: 128, learningRate: 0.001} as const;

/** A loss the notebook printed; ours must be at most that (lower is better). */
export interface LessonLoss {
  kind: "loss";
  /** The shipped checkpoint that reproduces it (data/checkpoints/NAME.ckpt). */
  checkpoint: string;
  /** What the lesson trained, in a few words. */
  model: string;
  /** The notebook's final validation loss. */
  lesson: number;
  /**
   * Which of our numbers compares with it: the test loss, or for the VAE the loss with the notebook's KL formula
   * (`lessonLoss`; the notebook's KL term is not the KL of what it samples, see docs/results.md).
   */
  measure: "loss" | "lessonLoss";
}

/** The README's "autoencoders embed better than PCA": no number in the lesson, so the bar is ours. */
export interface LessonEmbedding {
  kind: "embedding";
  checkpoint: string;
  model: string;
  /** The lesson's words. */
  claim: string;
  /** Our bar for "better": the code's kNN accuracy must beat PCA's (same number of components) by this much. */
  margin: number;
}

export type LessonResult = LessonLoss | LessonEmbedding;

export const LESSON_RESULTS: LessonResult[] = [
  {kind: "loss", checkpoint: "conv-ae", model: "conv autoencoder, Adam, BCE", lesson: 0.0953, measure: "loss"},
  {
    kind: "loss",
    checkpoint: "conv-ae-noise0.5-mean0.5",
    model: "denoising, continued from the autoencoder, noise N(0.5, 0.5²) clipped, BCE",
    lesson: 0.1398,
    measure: "loss"
  },
  {
    kind: "loss",
    checkpoint: "super-res-lesson-x2",
    model: "super-resolution x2 from 14x14 average-pooled input, the notebook's network, BCE",
    lesson: 0.0955,
    measure: "loss"
  },
  {
    kind: "loss",
    checkpoint: "dense-vae-latent2",
    model: "dense VAE, latent 2, RMSprop, MSE x 784 + KL",
    lesson: 35.73,
    measure: "lessonLoss"
  },
  {
    kind: "embedding",
    checkpoint: "dense-ae-latent2",
    model: "dense autoencoder 784-128-2: kNN accuracy (k = 5) of its code against 2-component PCA",
    claim: "better than PCA",
    margin: 0.2
  }
];

/** Where a lesson row stands against the manifest. */
export type LessonComparison =
  /** Not in the manifest, or an old checkpoint not yet retrained to its plateau: no number to compare. */
  {status: "training"} | {status: "measured"; beats: boolean; ours: number; pca?: number};

/** Our number for `result` from its manifest entry, and whether it beats the lesson's. */
export function compareWithLesson(result: LessonResult, entry: CheckpointEntry | undefined): LessonComparison {
  if (!entry?.stopped) return {status: "training"};
  if (result.kind === "embedding") {
    if (!entry.embedding) return {status: "training"};
    const {knnAccuracy, pcaKnnAccuracy} = entry.embedding;
    return {
      status: "measured",
      ours: knnAccuracy,
      pca: pcaKnnAccuracy,
      beats: knnAccuracy >= pcaKnnAccuracy + result.margin
    };
  }
  const ours = result.measure === "lessonLoss" ? entry.lessonLoss : entry.test.loss;
  if (ours === undefined) return {status: "training"};
  return {status: "measured", ours, beats: ours <= result.lesson};
}
