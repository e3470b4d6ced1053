// Clean, noisy and denoised test digits with their PSNR. Redrawn synchronously on the page with the trainer's
// inference copy of the model (a handful of digits: a few milliseconds), so that moving "Noise level" shows
// the new noise and the current denoiser's answer in the same frame, with no round trip to the worker.
import * as tf from "@tensorflow/tfjs";
import {corrupt, type Corruption} from "../lib/corruptions.js";
import {PSNR_CEILING} from "../lib/denoising.js";
import {mean} from "../lib/image-error.js";
import {psnr} from "../lib/metrics.js";
import {reconstruct} from "../lib/models.js";
import {drawImageTable} from "./image-table.js";
import {onModelChange} from "./observe-trainer.js";
import {isUntrained, type Trainer} from "./trainer.js";

/** The same noise for the same level, so that moving the slider back shows the same picture. */
const NOISE_SEED = 1;

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
  return value >= PSNR_CEILING ? "no noise" : `${value.toFixed(1)} dB`;
}

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
  const table = drawImageTable(
    [
      {label: "Clean", pixels: clean, side: 28},
      {label: "Noisy input", pixels: empty, side: 28},
      {label: "Denoised", pixels: empty, side: 28}
    ],
    {count, metricHeaders: ["PSNR (higher is better)"]}
  );
  const note = document.createElement("p");
  note.className = "denoising-note";
  root.append(table, note);
  let current = corruption;

  const draw = (): void => {
    const start = performance.now();
    const model = trainer.model;
    let noisy: Float32Array<ArrayBufferLike> = empty;
    let denoised: Float32Array<ArrayBufferLike> | undefined;
    let noisyPsnr: ArrayLike<number> = [];
    let denoisedPsnr: ArrayLike<number> | undefined;
    tf.tidy(() => {
      const x = tf.tensor4d(clean, [count, 28, 28, 1]);
      const corrupted = corrupt(x, current, NOISE_SEED);
      noisy = corrupted.dataSync() as Float32Array;
      noisyPsnr = psnr(x, corrupted).dataSync();
      if (model) {
        const output = reconstruct(model, corrupted);
        denoised = output.dataSync() as Float32Array;
        denoisedPsnr = psnr(x, output).dataSync();
      }
    });
    const capped = (values: ArrayLike<number>): number => mean(Array.from(values, (v) => Math.min(v, PSNR_CEILING)));
    const measure: DenoisingMeasure = {
      noisy: capped(noisyPsnr),
      denoised: denoisedPsnr ? capped(denoisedPsnr) : undefined,
      ms: 0
    };
    table.setRow(1, {label: "Noisy input", pixels: noisy, side: 28, metrics: [formatPsnr(measure.noisy)]});
    table.setRow(2, {
      label: "Denoised",
      pixels: denoised ?? empty,
      side: 28,
      metrics: [formatPsnr(measure.denoised)]
    });
    measure.ms = performance.now() - start;
    root.value = measure;
    const untrained = isUntrained(trainer.state) ? " The denoiser is untrained: press Train to teach it." : "";
    note.textContent = `PSNR averaged over these ${count} digits. Redrawn in ${measure.ms.toFixed(0)} ms.${untrained}`;
  };

  root.show = (corruption) => {
    current = corruption;
    draw();
  };
  root.dispose = onModelChange(trainer, draw);
  return root;
}
