// The denoising page's "Noise level" slider, mapped onto each kind of corruption. Plain data and arithmetic (no
// TensorFlow.js), so that a page can describe its training settings before the heavy modules have loaded.
import type {Corruption} from "./corruptions.js";

/**
 * The kinds of noise a reader can choose: zero-mean Gaussian (the site's), the lesson's Gaussian (mean 0.5: its
 * notebook adds N(0.5, 0.5^2) and clips, which also brightens every pixel), salt and pepper, and masking.
 */
export type NoiseKind = Corruption["kind"] | "lesson";
export const NOISE_KINDS: readonly NoiseKind[] = ["gaussian", "lesson", "salt-pepper", "mask"];
export const NOISE_LABELS: Record<NoiseKind, string> = {
  gaussian: "Gaussian",
  lesson: "The lesson's (Gaussian, mean 0.5)",
  "salt-pepper": "Salt and pepper",
  mask: "Masking"
};

/** The mean of the lesson notebook's denoising noise (its standard deviation is 0.5 too: "Noise level" 0.5). */
export const LESSON_NOISE_MEAN = 0.5;

/**
 * The corruption at `level` in [0, 1]: the standard deviation of Gaussian noise (clipped to [0, 1] after adding),
 * or the fraction of pixels hit.
 */
export function corruptionAt(kind: NoiseKind, level: number): Corruption {
  if (kind === "lesson") return {kind: "gaussian", sigma: level, mean: LESSON_NOISE_MEAN};
  return kind === "gaussian" ? {kind, sigma: level} : {kind, rate: level};
}
