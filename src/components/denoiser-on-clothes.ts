// The lesson's exercise "apply the denoiser to Fashion-MNIST": the trained denoiser (the lesson's, shipped as a
// checkpoint) on noisy digits and on noisy clothes at the same noise, with PSNR for each, so that "data-specific"
// is a measured number. The denoiser is loaded on the page (its checkpoint file, once TensorFlow.js runs here).
import type {Corruption} from "../lib/images/corruptions.js";
import {mean, PSNR_CEILING} from "../lib/images/image-error.js";
import {drawImageTable, type ImageRow} from "./image-table.js";
import {formatNumber, uiStrings} from "./language.js";
import {loadShippedModel} from "./shipped-model.js";
import type {Trainer} from "./trainer.js";

/** The lesson's denoiser and the noise it was trained on: N(0.5, 0.5^2), clipped. */
export const CLOTHES_DENOISER = {
  file: "conv-ae-noise0.5-mean0.5.ckpt",
  corruption: {kind: "gaussian", sigma: 0.5, mean: 0.5}
};

const capped = (values: ArrayLike<number>): number => mean(Array.from(values, (v) => Math.min(v, PSNR_CEILING)));

export function denoiserOnClothes(
  trainer: Trainer,
  digits: Float32Array,
  clothes: Float32Array,
  count: number
): HTMLElement {
  const text = uiStrings().denoiserOnClothes;
  const root = document.createElement("div");
  root.className = "denoiser-on-clothes";
  const note = document.createElement("p");
  note.className = "properties-note";
  note.textContent = text.loading;
  root.append(note);
  const db = (value: number): string => `${formatNumber(value, {digits: 1})} dB`;
  void (async () => {
    const [model, {denoiseDigits}] = await Promise.all([
      loadShippedModel(trainer, CLOTHES_DENOISER.file),
      trainer.ready.then(() => import("./page-inference.js"))
    ]);
    const corruption = CLOTHES_DENOISER.corruption as Corruption;
    const onDigits = denoiseDigits(model, digits, count, corruption);
    const onClothes = denoiseDigits(model, clothes, count, corruption);
    model.dispose();
    const row = (label: string, pixels: Float32Array, psnr: Float32Array): ImageRow => ({
      label,
      pixels,
      side: 28,
      metrics: [db(capped(psnr))]
    });
    const table = drawImageTable(
      [
        row(text.noisyDigits, onDigits.noisy, onDigits.noisyPsnr),
        row(text.denoisedDigits, onDigits.denoised!, onDigits.denoisedPsnr!),
        row(text.noisyClothes, onClothes.noisy, onClothes.noisyPsnr),
        row(text.denoisedClothes, onClothes.denoised!, onClothes.denoisedPsnr!)
      ],
      {count, metricHeaders: ["PSNR"]}
    );
    const gain = (result: typeof onDigits): number => capped(result.denoisedPsnr!) - capped(result.noisyPsnr);
    const digitGain = gain(onDigits);
    const clothesGain = gain(onClothes);
    note.textContent = text.summary(text.decibels(digitGain), text.decibels(clothesGain));
    root.dataset.digitGain = String(digitGain);
    root.dataset.clothesGain = String(clothesGain);
    root.prepend(table);
  })().catch((error: unknown) => {
    note.textContent = text.failed(error instanceof Error ? error.message : String(error));
  });
  return root;
}
