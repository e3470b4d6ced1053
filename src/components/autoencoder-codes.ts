// The autoencoder page's views of its codes, all from the page's copy of the model: the ten probe digits' codes
// (everything the decoder sees), digits decoded from random codes drawn with the codes' own spread, and the
// lesson's Task 2: the probe codes moved by "Code noise" and decoded beside their clean reconstructions. Each view
// redraws in its own task when new weights arrive, so no single task holds the main thread for all of them.
import {addCodeNoise, measureSpread, sampleCodes, type CodeSpread} from "../lib/latent/random-codes.js";
import type {EncodedDigits} from "./code-inference.js";
import {drawCodes, rangeOf} from "./code-view.js";
import {drawDigitGrid} from "./digit-grid.js";
import {uiStrings} from "./language.js";
import {onModelChange} from "./observe-trainer.js";
import type {Trainer} from "./trainer.js";

export const RANDOM_CODES = 12;
/** Seeds of the code noise: one draw, scaled by the slider, so that moving it shows the same codes moving further. */
const CODE_NOISE_SEED = 2024;

export interface ProbeDigits {
  count: number;
  pixels: Float32Array;
  labels: Uint8Array;
}

export interface AutoencoderCodeViews {
  /** Each probe digit beside its code. */
  codes: HTMLElement;
  random: HTMLCanvasElement;
  /** Clean reconstructions above the decoded noisy codes. */
  codeNoise: HTMLElement;
  /** New random codes (the "New random codes" button's count). */
  showRandom(seed: number): void;
  /** Noise of `level` times the codes' spread on every number of the probe codes. */
  showCodeNoise(level: number): void;
  dispose(): void;
}

type Inference = typeof import("./code-inference.js");

export function autoencoderCodeViews(trainer: Trainer, shown: ProbeDigits): AutoencoderCodeViews {
  const TEXT = uiStrings().autoencoderCodes;
  const codeCanvases = Array.from({length: shown.count}, () => document.createElement("canvas"));
  const codes = document.createElement("div");
  codes.className = "code-list";
  codeCanvases.forEach((canvas, i) => {
    const item = document.createElement("div");
    item.className = "code-item";
    const digit = shown.pixels.subarray(i * 784, (i + 1) * 784);
    item.append(
      drawDigitGrid(digit, 1, 28, 28, {columns: 1, cellSize: 30, label: TEXT.digit(shown.labels[i])}),
      canvas
    );
    codes.append(item);
  });
  const random = document.createElement("canvas");
  const cleanRow = document.createElement("canvas");
  const noisyRow = document.createElement("canvas");
  noisyRow.className = "code-noise-row";
  const noisyLabel = document.createElement("div");
  noisyLabel.className = "digit-row-label";
  const codeNoise = document.createElement("div");
  codeNoise.className = "digit-rows";
  const cleanLabel = document.createElement("div");
  cleanLabel.className = "digit-row-label";
  cleanLabel.textContent = TEXT.clean;
  codeNoise.append(cleanLabel, cleanRow, noisyLabel, noisyRow);

  let inference: Inference | undefined;
  let encoded: (EncodedDigits & {spread: CodeSpread; nonNegative: boolean}) | undefined;
  let randomSeed = 0;
  let noiseLevel = 0;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (work: () => void, slot: number): void => {
    const timer = setTimeout(() => (timers.delete(timer), work()), slot * 30);
    timers.add(timer);
  };
  const model = () => (inference && trainer.model ? {inference, model: trainer.model} : undefined);
  // A slider may have rebuilt the model since the codes were computed: they must fit its decoder.
  const fits = (ready: {model: {codeSize: number}}): boolean =>
    !!encoded && encoded.codes.length === ready.model.codeSize * shown.count;

  const drawCodeList = (): void => {
    const ready = model();
    if (!ready) return;
    const result = ready.inference.encodeDigits(ready.model, shown.pixels, shown.count);
    // The lesson's 4x4x8 map comes out of a ReLU: random and noisy codes stay non-negative like the real ones.
    encoded = {...result, spread: measureSpread(result.codes, shown.count), nonNegative: result.shape.length === 3};
    const size = result.codes.length / shown.count;
    const range = rangeOf(result.codes); // one colour scale for all ten, so that they can be compared
    codeCanvases.forEach((canvas, i) =>
      drawCodes(result.codes.subarray(i * size, (i + 1) * size), 1, result.shape, {
        cellSize: result.shape.length === 3 ? 6 : 8,
        range,
        canvas,
        label: TEXT.code(shown.labels[i])
      })
    );
  };
  const drawRandom = (): void => {
    const ready = model();
    if (!ready || !encoded || !fits(ready)) return;
    const codes = sampleCodes(encoded.spread, RANDOM_CODES, 42 + randomSeed, encoded.nonNegative);
    const pixels = ready.inference.decodeCodes(ready.model, codes, RANDOM_CODES);
    drawDigitGrid(pixels, RANDOM_CODES, 28, 28, {
      columns: RANDOM_CODES,
      cellSize: 48,
      label: TEXT.random(RANDOM_CODES),
      canvas: random
    });
  };
  const drawCodeNoise = (): void => {
    const ready = model();
    if (!ready || !encoded || !fits(ready)) return;
    const count = shown.count;
    const moved = addCodeNoise(encoded.codes, encoded.spread, noiseLevel, CODE_NOISE_SEED, encoded.nonNegative);
    const rows = [
      [cleanRow, ready.inference.decodeCodes(ready.model, encoded.codes, count), TEXT.clean],
      [noisyRow, ready.inference.decodeCodes(ready.model, moved, count), TEXT.noisy(noiseLevel)]
    ] as const;
    for (const [canvas, pixels, label] of rows) {
      drawDigitGrid(pixels, count, 28, 28, {columns: count, cellSize: 48, label, canvas});
    }
    noisyLabel.textContent = TEXT.noisy(noiseLevel);
  };
  const redrawAll = (): void => {
    later(drawCodeList, 0);
    later(drawRandom, 1);
    later(drawCodeNoise, 2);
  };
  // The page's TensorFlow.js starts after the first results; until then these views stay empty.
  void trainer.ready
    .then(() => import("./code-inference.js"))
    .then((loaded) => {
      inference = loaded;
      redrawAll();
    });
  const unsubscribe = onModelChange(trainer, redrawAll);
  return {
    codes,
    random,
    codeNoise,
    showRandom(seed) {
      randomSeed = seed;
      later(drawRandom, 0);
    },
    showCodeNoise(level) {
      noiseLevel = level;
      // Synchronous: the slider and the decoded digits move in the same frame.
      drawCodeNoise();
    },
    dispose() {
      unsubscribe();
      timers.forEach(clearTimeout);
    }
  };
}
