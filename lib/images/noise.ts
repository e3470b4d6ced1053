// The denoising page's "Noise level" slider, mapped onto each kind of corruption. Plain data and arithmetic (no
// TensorFlow.js), so that a page can describe its training settings before the heavy modules have loaded.
import type {Corruption} from "./corruptions.js";

export type NoiseKind = Corruption["kind"];
export const NOISE_KINDS: readonly NoiseKind[] = ["gaussian", "salt-pepper", "mask"];
export const NOISE_LABELS: Record<NoiseKind, string> = {
  gaussian: "Gaussian",
  "salt-pepper": "Salt and pepper",
  mask: "Masking"
};

/** The corruption at `level` in [0, 1]: the standard deviation of Gaussian noise, or the fraction of pixels hit. */
export function corruptionAt(kind: NoiseKind, level: number): Corruption {
  return kind === "gaussian" ? {kind, sigma: level} : {kind, rate: level};
}
