// Images, their reconstructions by the current model and |original - reconstruction|, with the mean squared
// error per pixel. A few images, computed on the page with the trainer's inference copy of the model and
// redrawn whenever new weights arrive.
import * as tf from "@tensorflow/tfjs";
import {absoluteDifference, mean, meanSquaredErrors} from "../lib/image-error.js";
import {reconstruct} from "../lib/models.js";
import {drawImageTable} from "./image-table.js";
import type {Trainer} from "./trainer.js";

export interface ReconstructionView extends HTMLElement {
  /** Mean squared error per pixel over the images; undefined before the model exists. */
  value: number | undefined;
  dispose(): void;
}

export interface ReconstructionViewOptions {
  /** What the images are, e.g. "Test digits". */
  name: string;
  cellSize?: number;
}

/** `images`: `count` 28x28 images in [0, 1]. */
export function reconstructionView(
  trainer: Trainer,
  images: Float32Array,
  count: number,
  {name, cellSize = 40}: ReconstructionViewOptions
): ReconstructionView {
  const root = document.createElement("div") as unknown as ReconstructionView;
  root.className = "reconstruction-view";
  const table = drawImageTable([], {count, cellSize, metricHeaders: ["Mean squared error per pixel"]});
  root.append(table);

  const draw = (): void => {
    const model = trainer.model;
    let outputs: Float32Array<ArrayBufferLike> = new Float32Array(images.length);
    if (model?.config.model === "conv-ae") {
      outputs = tf.tidy(() => reconstruct(model, tf.tensor4d(images, [count, 28, 28, 1])).dataSync() as Float32Array);
    }
    root.value = model ? mean(meanSquaredErrors(images, outputs, 28 * 28)) : undefined;
    const error = root.value === undefined ? "–" : root.value.toFixed(4);
    table.setRow(0, {label: name, pixels: images, side: 28});
    table.setRow(1, {label: "Reconstruction", pixels: outputs, side: 28});
    table.setRow(2, {label: "|Difference|", pixels: absoluteDifference(images, outputs), side: 28, metrics: [error]});
  };

  let version = -1;
  const unsubscribe = trainer.subscribe((state) => {
    if (state.weightsVersion === version) return;
    version = state.weightsVersion;
    draw();
  });
  root.dispose = unsubscribe;
  return root;
}
