// New digits from the VAE: codes drawn from the prior N(0, I), decoded on the page with the trainer's copy of the
// model. The draw is seeded, so new weights redraw the same codes with the new decoder; the page's "Draw new
// samples" button changes the seed.
import {drawDigitGrid} from "./digit-grid.js";
import {uiStrings} from "./language.js";
import {type PageInference, whenInferenceLoads} from "./observe-trainer.js";
import {redrawOnWeights} from "./redraw-on-weights.js";
import type {Trainer} from "./trainer.js";
import {describeWait} from "./vae-rows.js";

const SAMPLE_COUNT = 16;

export interface SampleDraw {
  /** The latent dimension the page asks for (the model may still be the previous one for a moment). */
  latent: number;
  seed: number;
}

export interface VaeSamples extends HTMLElement {
  show(draw: SampleDraw): void;
  dispose(): void;
}

/** `slot`: the view's redraw slot on its page (see redrawOnWeights). */
export function vaeSamples(trainer: Trainer, {slot}: {slot: number}): VaeSamples {
  const TEXT = uiStrings().vaeSamples;
  const root = document.createElement("div") as unknown as VaeSamples;
  const canvas = document.createElement("canvas");
  const placeholder = describeWait(uiStrings().common.building);
  root.append(placeholder);
  let request: SampleDraw | undefined;
  let inference: PageInference | undefined;
  whenInferenceLoads(trainer, (loaded) => {
    inference = loaded;
    draw();
  });

  function draw(): void {
    const model = trainer.model;
    if (!request || !inference || !model || model.codeSize !== request.latent) {
      root.replaceChildren(placeholder);
      return;
    }
    const images = inference.decodePriorSamples(model, SAMPLE_COUNT, request.seed);
    drawDigitGrid(images, SAMPLE_COUNT, 28, 28, {columns: 8, cellSize: 44, label: TEXT.label, canvas});
    if (canvas.parentNode !== root) root.replaceChildren(canvas);
  }

  root.show = (shown) => {
    request = shown;
    draw();
  };
  root.dispose = redrawOnWeights([trainer], draw, {slot});
  return root;
}
