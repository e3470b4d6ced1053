// Images, their reconstructions by the current model and |original - reconstruction|, with the mean squared
// error per pixel. A few images, computed on the page with the trainer's inference copy of the model and
// redrawn whenever new weights arrive. Until TensorFlow.js runs on the page, the worker's probe (or the
// checkpoint's preview) stands in, when it shows these very images.
import {absoluteDifference, mean, meanSquaredErrors} from "../lib/images/image-error.js";
import {drawImageTable} from "./image-table.js";
import {formatNumber, uiStrings} from "./language.js";
import {onModelChange, whenInferenceLoads, type PageInference} from "./observe-trainer.js";
import {isUntrained, markResults, type Trainer} from "./trainer.js";

export interface ReconstructionView extends HTMLElement {
  /** Mean squared error per pixel over the images; undefined before the model exists. */
  value: number | undefined;
  dispose(): void;
}

export interface ReconstructionViewOptions {
  /** What the images are, e.g. "Test digits". */
  name: string;
  cellSize?: number;
  /** True when `images` are the trainer's probe digits, whose reconstructions the worker reports. */
  probeImages?: boolean;
}

/** `images`: `count` 28x28 images in [0, 1]. */
export function reconstructionView(
  trainer: Trainer,
  images: Float32Array,
  count: number,
  {name, cellSize = 40, probeImages = false}: ReconstructionViewOptions
): ReconstructionView {
  const root = document.createElement("div") as unknown as ReconstructionView;
  root.className = "reconstruction-view";
  const text = uiStrings().reconstruction;
  const table = drawImageTable([], {count, cellSize, metricHeaders: [text.error]});
  root.append(table);
  let inference: PageInference | undefined;
  whenInferenceLoads(trainer, (loaded) => {
    inference = loaded;
    draw();
  });

  function draw(): void {
    const model = trainer.model;
    const probe = trainer.state.probe;
    let outputs: Float32Array | undefined;
    if (inference && model?.config.model === "conv-ae") outputs = inference.reconstructDigits(model, images, count);
    else if (probeImages && probe?.outputs.length === images.length) outputs = probe.outputs;
    root.value = outputs ? mean(meanSquaredErrors(images, outputs, 28 * 28)) : undefined;
    const shown = outputs ?? new Float32Array(images.length);
    const error = root.value === undefined ? "–" : formatNumber(root.value, {digits: 4});
    table.setRow(0, {label: name, pixels: images, side: 28});
    table.setRow(1, {label: text.reconstruction, pixels: shown, side: 28});
    table.setRow(2, {label: text.difference, pixels: absoluteDifference(images, shown), side: 28, metrics: [error]});
    markResults(root, outputs !== undefined && !isUntrained(trainer.state));
  }

  root.dispose = onModelChange(trainer, draw);
  return root;
}
