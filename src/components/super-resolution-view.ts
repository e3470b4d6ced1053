// Low-resolution input, two classical upscalings, the model's output and the 28x28 target, each with PSNR
// and SSIM against the target. A few digits, computed on the page with the trainer's inference copy of the
// model, redrawn whenever the worker sends new weights. Until TensorFlow.js runs on the page, the input and the
// model's rows come from the worker's probe (or the checkpoint's preview), with PSNR computed here.
import type {ScaleFactor} from "../lib/images/resampling.js";
import {mean, psnrs} from "../lib/images/image-error.js";
import type {Autoencoder} from "../lib/models/autoencoder.js";
import {drawImageTable} from "./image-table.js";
import {formatNumber, uiStrings} from "./language.js";
import {onModelChange, type PageInference, whenInferenceLoads} from "./observe-trainer.js";
import type {QualityScores, UpscaledDigits} from "./page-inference.js";
import {isUntrained, markResults, type Trainer} from "./trainer.js";

export interface SuperResolutionView extends HTMLElement {
  /** Mean scores over the digits, by row: nearest, bicubic, model (undefined before they are known). */
  value: {nearest?: QualityScores; bicubic?: QualityScores; model?: QualityScores};
  dispose(): void;
}

const formatScores = (scores: Partial<QualityScores> | undefined): string[] => [
  scores?.psnr === undefined ? "–" : uiStrings().numbers.decibels(scores.psnr),
  scores?.ssim === undefined ? "–" : formatNumber(scores.ssim, {digits: 3})
];

/** The trainer's model if it is the configured one (after a change of factor or network, the old one lingers). */
function modelFor(trainer: Trainer, scale: ScaleFactor): Autoencoder | undefined {
  const model = trainer.model;
  const wanted = trainer.configured?.model;
  if (model?.config.model !== "super-res" || model.config.scale !== scale) return undefined;
  const network = (config: typeof wanted): string | undefined =>
    config?.model === "super-res" ? (config.network ?? "site") : undefined;
  return wanted && network(wanted) !== network(model.config) ? undefined : model;
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
  const text = uiStrings().superResolution;
  const table = drawImageTable([], {count, metricHeaders: [text.psnr, text.ssim]});
  const note = document.createElement("p");
  note.className = "super-resolution-note";
  root.append(table, note);
  let inference: PageInference | undefined;
  whenInferenceLoads(trainer, (loaded) => {
    inference = loaded;
    draw();
  });

  /** The worker's latest probe, when it is this scale's: its inputs are the small digits, its outputs the model's. */
  const probeDigits = (): Partial<UpscaledDigits> | undefined => {
    const probe = trainer.state.probe;
    if (!probe || probe.inputShape[0] !== side || probe.outputs.length !== clean.length) return undefined;
    return {low: probe.inputs, output: probe.outputs};
  };

  function draw(): void {
    // The page's model once it has weights; until then the worker's probe, else the classical rows alone.
    const model = modelFor(trainer, scale);
    const digits: Partial<UpscaledDigits> | undefined =
      inference && model
        ? inference.upscaleDigits(model, clean, count, scale)
        : (probeDigits() ?? inference?.upscaleDigits(undefined, clean, count, scale));
    const scores: Partial<UpscaledDigits["scores"]> = digits?.scores ?? {};
    // Before the page computes SSIM, PSNR alone (it needs no TensorFlow.js).
    const modelScores = scores.model ?? (digits?.output && {psnr: mean(psnrs(clean, digits.output, 28 * 28))});
    root.value = {nearest: scores.nearest, bicubic: scores.bicubic, model: modelScores as QualityScores | undefined};
    const empty = (size: number): Float32Array => new Float32Array(count * size * size);
    const rows = [
      {label: text.input(side), pixels: digits?.low ?? empty(side), side},
      {
        label: text.nearest,
        pixels: digits?.nearest ?? empty(28),
        side: 28,
        metrics: formatScores(scores.nearest)
      },
      {label: text.bicubic, pixels: digits?.bicubic ?? empty(28), side: 28, metrics: formatScores(scores.bicubic)},
      {label: text.model, pixels: digits?.output ?? empty(28), side: 28, metrics: formatScores(modelScores)},
      {label: text.target, pixels: clean, side: 28}
    ];
    rows.forEach((row, i) => table.setRow(i, row));
    markResults(root, digits?.output !== undefined && !isUntrained(trainer.state));
    note.textContent = text.note(count, isUntrained(trainer.state));
  }

  root.dispose = onModelChange(trainer, draw);
  return root;
}
