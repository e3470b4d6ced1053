// A walk from one test digit to another, twice: decoded from evenly spaced points on the straight line between
// the VAE's codes (the means) of the two digits, and as a plain pixel-by-pixel fade, for contrast. The latent row
// is decoded on the page with the trainer's copy of the model and redraws when new weights arrive.
import {interpolate} from "../lib/latent/codes.js";
import {drawDigitGrid} from "./digit-grid.js";
import {uiStrings} from "./language.js";
import {type PageInference, whenInferenceLoads} from "./observe-trainer.js";
import {redrawOnWeights} from "./redraw-on-weights.js";
import type {Trainer} from "./trainer.js";
import {describeWait, labelDigitRow, pickShownDigit, type ProbeDigits} from "./vae-rows.js";

/** Images in a walk, both ends included. */
export const WALK_STEPS = 10;

export interface WalkEnds {
  /** The latent dimension the page asks for (the model may still be the previous one for a moment). */
  latent: number;
  /** The digits (0-9) the walk goes from and to. */
  from: number;
  to: number;
}

export interface VaeInterpolation extends HTMLElement {
  show(ends: WalkEnds): void;
  dispose(): void;
}

/** `slot`: the view's redraw slot on its page (see redrawOnWeights). */
export function vaeInterpolation(trainer: Trainer, shown: ProbeDigits, {slot}: {slot: number}): VaeInterpolation {
  const TEXT = uiStrings().vaeInterpolation;
  const building = uiStrings().common.building;
  const root = document.createElement("div") as unknown as VaeInterpolation;
  root.className = "vae-walks";
  const latentCanvas = document.createElement("canvas");
  const pixelCanvas = document.createElement("canvas");
  const latentSlot = document.createElement("div");
  latentSlot.append(describeWait(building));
  root.append(labelDigitRow(TEXT.latentRow), latentSlot, labelDigitRow(TEXT.pixelRow), pixelCanvas);
  let ends: WalkEnds | undefined;
  let inference: PageInference | undefined;
  whenInferenceLoads(trainer, (loaded) => {
    inference = loaded;
    draw();
  });

  function draw(): void {
    if (!ends) return;
    const from = pickShownDigit(shown, ends.from);
    const to = pickShownDigit(shown, ends.to);
    const pixelWalk = interpolate(from, to, WALK_STEPS);
    drawDigitGrid(pixelWalk, WALK_STEPS, 28, 28, {
      columns: WALK_STEPS,
      cellSize: 48,
      label: TEXT.pixelLabel,
      canvas: pixelCanvas
    });
    const model = trainer.model;
    if (!inference || !model || model.codeSize !== ends.latent) {
      latentSlot.replaceChildren(describeWait(building));
      return;
    }
    const latentWalk = inference.decodeLatentLine(model, from, to, WALK_STEPS);
    drawDigitGrid(latentWalk, WALK_STEPS, 28, 28, {
      columns: WALK_STEPS,
      cellSize: 48,
      label: TEXT.latentLabel,
      canvas: latentCanvas
    });
    latentSlot.replaceChildren(latentCanvas);
  }

  root.show = (shownEnds) => {
    ends = shownEnds;
    draw();
  };
  root.dispose = redrawOnWeights([trainer], draw, {slot});
  return root;
}
