// The VAE against a plain autoencoder of the same shape and latent dimension, trained with its own button in its
// own worker: the straight line between the codes of two test digits, and ten codes drawn from the prior N(0, I),
// decoded by both models. Decoded on the page with each trainer's copy of its model; redrawn when either model gets
// new weights.
import type {BackendPreference} from "../lib/backend/names.js";
import type {Autoencoder} from "../lib/models/autoencoder.js";
import {drawDigitGrid} from "./digit-grid.js";
import {type PageInference, whenInferenceLoads} from "./observe-trainer.js";
import {redrawOnWeights} from "./redraw-on-weights.js";
import type {Trainer} from "./trainer.js";
import {uiStrings} from "./language.js";
import {trainingControls} from "./training-controls.js";
import {WALK_STEPS, type WalkEnds} from "./vae-interpolation.js";
import {describeWait, labelDigitRow, pickShownDigit, type ProbeDigits} from "./vae-rows.js";

/** The seed of the prior codes both models decode: the same ten codes for both. */
const PRIOR_SEED = 7;

export interface AeVsVae extends HTMLElement {
  show(ends: WalkEnds): void;
  dispose(): void;
}

/** One row of WALK_STEPS digits, reusing its canvas between redraws. */
function digitRow(title: string, label: string): {elements: HTMLElement[]; show(pixels: Float32Array | string): void} {
  const canvas = document.createElement("canvas");
  const slot = document.createElement("div");
  return {
    elements: [labelDigitRow(title), slot],
    show(pixels) {
      if (typeof pixels === "string") {
        slot.replaceChildren(describeWait(pixels));
        return;
      }
      drawDigitGrid(pixels, WALK_STEPS, 28, 28, {columns: WALK_STEPS, cellSize: 48, label, canvas});
      slot.replaceChildren(canvas);
    }
  };
}

/**
 * `aeTrainer` trains the plain autoencoder (the page configures it); its Train, Pause and Reset buttons come first.
 * `slot`: the view's redraw slot on its page (see redrawOnWeights).
 */
export function aeVsVae(
  vaeTrainer: Trainer,
  aeTrainer: Trainer,
  shown: ProbeDigits,
  {backend, slot}: {backend: BackendPreference; slot: number}
): AeVsVae {
  const root = document.createElement("div") as unknown as AeVsVae;
  const text = uiStrings();
  const TEXT = text.aeVsVae;
  const controls = trainingControls(aeTrainer, backend);
  controls.classList.add("ae-controls");
  const rows = {
    vaeLine: digitRow(TEXT.vaeLine, TEXT.vaeLineLabel),
    aeLine: digitRow(TEXT.aeLine, TEXT.aeLineLabel),
    vaePrior: digitRow(TEXT.vaePrior, TEXT.vaePriorLabel),
    aePrior: digitRow(TEXT.aePrior, TEXT.aePriorLabel)
  };
  const walks = document.createElement("div");
  walks.className = "vae-walks";
  walks.append(...Object.values(rows).flatMap((row) => row.elements));
  root.append(controls, walks);
  let ends: WalkEnds | undefined;
  let inference: PageInference | undefined;
  whenInferenceLoads(vaeTrainer, (loaded) => {
    inference = loaded;
    draw();
  });

  function draw(): void {
    if (!ends) return;
    const {latent} = ends;
    const from = pickShownDigit(shown, ends.from);
    const to = pickShownDigit(shown, ends.to);
    /** A model's line between the two digits and its decoded prior codes, or what the rows say instead. */
    const decodeRows = (
      model: Autoencoder | undefined,
      waiting: string
    ): [Float32Array | string, Float32Array | string] =>
      inference && model?.codeSize === latent
        ? [
            inference.decodeLatentLine(model, from, to, WALK_STEPS),
            inference.decodePriorSamples(model, WALK_STEPS, PRIOR_SEED)
          ]
        : [waiting, waiting];
    const [vaeLine, vaePrior] = decodeRows(vaeTrainer.model, text.common.building);
    // The plain autoencoder only once it has trained: its random weights would say nothing.
    const [aeLine, aePrior] = decodeRows(aeTrainer.state.step > 0 ? aeTrainer.model : undefined, TEXT.trainFirst);
    rows.vaeLine.show(vaeLine);
    rows.aeLine.show(aeLine);
    rows.vaePrior.show(vaePrior);
    rows.aePrior.show(aePrior);
  }

  root.show = (shownEnds) => {
    ends = shownEnds;
    draw();
  };
  root.dispose = redrawOnWeights([vaeTrainer, aeTrainer], draw, {slot});
  return root;
}
