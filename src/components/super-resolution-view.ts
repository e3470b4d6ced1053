// Low-resolution input, two classical upscalings, the model's output and the 28x28 target, each with PSNR
// and SSIM against the target. A few digits, computed on the page with the trainer's inference copy of the
// model, redrawn whenever the worker sends new weights.
import * as tf from "@tensorflow/tfjs";
import {downscale, upscale, type ScaleFactor} from "../lib/corruptions.js";
import {mean} from "../lib/image-error.js";
import {psnr, ssim} from "../lib/metrics.js";
import {reconstruct, type Autoencoder} from "../lib/models.js";
import {drawImageTable} from "./image-table.js";
import {onModelChange} from "./observe-trainer.js";
import {isUntrained, type Trainer} from "./trainer.js";

export interface QualityScores {
  psnr: number;
  ssim: number;
}

export interface SuperResolutionView extends HTMLElement {
  /** Mean scores over the digits, by row: nearest, bicubic, model (undefined before the model exists). */
  value: {nearest: QualityScores; bicubic: QualityScores; model?: QualityScores};
  dispose(): void;
}

const formatScores = (scores: QualityScores | undefined): string[] =>
  scores ? [`${scores.psnr.toFixed(1)} dB`, scores.ssim.toFixed(3)] : ["–", "–"];

/** The trainer's model if it is the super-resolution model for this scale (after a change, the old one lingers). */
function modelFor(trainer: Trainer, scale: ScaleFactor): Autoencoder | undefined {
  const model = trainer.model;
  return model?.config.model === "super-res" && model.config.scale === scale ? model : undefined;
}

/** `clean`: `count` 28x28 images in [0, 1]. */
export function superResolutionView(
  trainer: Trainer,
  clean: Float32Array,
  count: number,
  scale: ScaleFactor
): SuperResolutionView {
  const root = document.createElement("div") as unknown as SuperResolutionView;
  root.className = "super-resolution-view";
  const side = 28 / scale;
  const table = drawImageTable([], {count, metricHeaders: ["PSNR", "SSIM"]});
  const note = document.createElement("p");
  note.className = "super-resolution-note";
  root.append(table, note);

  const draw = (): void => {
    const model = modelFor(trainer, scale);
    const score = (target: tf.Tensor4D, image: tf.Tensor4D): QualityScores => ({
      psnr: mean(psnr(target, image).dataSync()),
      ssim: mean(ssim(target, image).dataSync())
    });
    tf.tidy(() => {
      const target = tf.tensor4d(clean, [count, 28, 28, 1]);
      const low = downscale(target, scale);
      const nearest = upscale(low, scale, "nearest");
      const bicubic = upscale(low, scale, "bicubic");
      const output = model ? reconstruct(model, low) : undefined;
      root.value = {
        nearest: score(target, nearest),
        bicubic: score(target, bicubic),
        model: output ? score(target, output) : undefined
      };
      const rows = [
        {label: `Input (${side}×${side})`, pixels: low.dataSync(), side},
        {label: "Nearest neighbour", pixels: nearest.dataSync(), side: 28, metrics: formatScores(root.value.nearest)},
        {label: "Bicubic", pixels: bicubic.dataSync(), side: 28, metrics: formatScores(root.value.bicubic)},
        {
          label: "Model",
          pixels: output ? output.dataSync() : new Float32Array(clean.length),
          side: 28,
          metrics: formatScores(root.value.model)
        },
        {label: "Target (28×28)", pixels: clean, side: 28}
      ];
      rows.forEach((row, i) => table.setRow(i, row));
    });
    note.textContent = isUntrained(trainer.state)
      ? `Scores are averages over these ${count} digits. The model is untrained: press Train.`
      : `Scores are averages over these ${count} digits, against the target row.`;
  };

  root.dispose = onModelChange(trainer, draw);
  return root;
}
