// Clean, noisy and denoised test digits with their PSNR. Redrawn synchronously on the page with the trainer's
// inference copy of the model (a handful of digits: a few milliseconds), so that moving "Noise level" shows
// the new noise and the current denoiser's answer in the same frame, with no round trip to the worker. Until
// TensorFlow.js runs on the page, it shows the worker's probe (or the checkpoint's preview): the same digits,
// the same noise, the same model.
import type {Corruption} from "../lib/images/corruptions.js";
import {mean, PSNR_CEILING, psnrs} from "../lib/images/image-error.js";
import {drawImageTable} from "./image-table.js";
import {uiStrings} from "./language.js";
import {onModelChange, type PageInference, whenInferenceLoads} from "./observe-trainer.js";
import type {DenoisedDigits} from "./page-inference.js";
import {isUntrained, markResults, type Trainer} from "./trainer.js";

export interface DenoisingMeasure {
  /** Mean PSNR (dB, capped at PSNR_CEILING) of the noisy digits and of the denoised ones. */
  noisy: number;
  denoised?: number;
  /** Time the last redraw took, milliseconds. */
  ms: number;
}

export interface DenoisingView extends HTMLElement {
  value: DenoisingMeasure;
  show(corruption: Corruption): void;
  dispose(): void;
}

export function formatPsnr(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  const strings = uiStrings();
  return value >= PSNR_CEILING ? strings.denoising.noNoise : strings.numbers.decibels(value);
}

const sameCorruption = (a: Corruption | undefined, b: Corruption): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `clean`: `count` 28x28 images in [0, 1]. */
export function denoisingView(
  trainer: Trainer,
  clean: Float32Array,
  count: number,
  corruption: Corruption
): DenoisingView {
  const root = document.createElement("div") as unknown as DenoisingView;
  root.className = "denoising-view";
  const empty = new Float32Array(clean.length);
  const text = uiStrings().denoising;
  const table = drawImageTable(
    [
      {label: text.clean, pixels: clean, side: 28},
      {label: text.noisy, pixels: empty, side: 28},
      {label: text.denoised, pixels: empty, side: 28}
    ],
    {count, metricHeaders: [text.psnr]}
  );
  const note = document.createElement("p");
  note.className = "denoising-note";
  root.append(table, note);
  let current = corruption;
  let inference: PageInference | undefined;
  whenInferenceLoads(trainer, (loaded) => {
    inference = loaded;
    draw();
  });

  /** The worker's latest probe, when it shows these digits under the current noise. */
  const probeDigits = (): DenoisedDigits | undefined => {
    const probe = trainer.state.probe;
    if (!probe || probe.inputs.length !== clean.length || !sameCorruption(trainer.configured?.corruption, current))
      return undefined;
    return {
      noisy: probe.inputs,
      noisyPsnr: psnrs(clean, probe.inputs, 28 * 28),
      denoised: probe.outputs,
      denoisedPsnr: psnrs(clean, probe.outputs, 28 * 28)
    };
  };

  function draw(): void {
    const start = performance.now();
    const model = trainer.model;
    // The page's model once it has weights; until then the worker's probe (when it shows this noise), else the noise.
    const digits =
      inference && model
        ? inference.denoiseDigits(model, clean, count, current)
        : (probeDigits() ?? inference?.denoiseDigits(undefined, clean, count, current));
    const capped = (values: ArrayLike<number> | undefined): number | undefined =>
      values && mean(Array.from(values, (v) => Math.min(v, PSNR_CEILING)));
    const measure: DenoisingMeasure = {
      noisy: capped(digits?.noisyPsnr) ?? NaN,
      denoised: capped(digits?.denoisedPsnr),
      ms: 0
    };
    table.setRow(1, {
      label: text.noisy,
      pixels: digits?.noisy ?? empty,
      side: 28,
      metrics: [formatPsnr(measure.noisy)]
    });
    table.setRow(2, {
      label: text.denoised,
      pixels: digits?.denoised ?? empty,
      side: 28,
      metrics: [formatPsnr(measure.denoised)]
    });
    measure.ms = performance.now() - start;
    root.value = measure;
    markResults(root, digits?.denoised !== undefined && !isUntrained(trainer.state));
    note.textContent = text.note(count, measure.ms, isUntrained(trainer.state));
  }

  root.show = (corruption) => {
    current = corruption;
    draw();
  };
  root.dispose = onModelChange(trainer, draw);
  return root;
}
