// The manifold: the digits the VAE's decoder draws for a regular grid of codes in the plane of two latent
// dimensions (every other dimension at 0, the centre of the prior). Decoded on the page with the trainer's copy of
// the model, redrawn when the reader moves the axes or the range, and when new weights arrive.
import {manifoldGrid} from "../lib/latent/codes.js";
import {drawDigitGrid} from "./digit-grid.js";
import {uiStrings} from "./language.js";
import {type PageInference, whenInferenceLoads} from "./observe-trainer.js";
import {redrawOnWeights} from "./redraw-on-weights.js";
import type {Trainer} from "./trainer.js";
import {describeWait} from "./vae-rows.js";

/** Codes per side of the grid. */
const GRID_SIZE = 10;

export interface ManifoldAxes {
  /** The latent dimension the page asks for (the model may still be the previous one for a moment). */
  latent: number;
  /** The dimensions across and up the grid, numbered from 1 as the axis menus show them. */
  x: number;
  y: number;
  /** Half the grid's width, in standard deviations of the prior. */
  range: number;
}

export interface VaeManifold extends HTMLElement {
  show(axes: ManifoldAxes): void;
  dispose(): void;
}

/** `slot`: the view's redraw slot on its page (see redrawOnWeights). */
export function vaeManifold(trainer: Trainer, {slot}: {slot: number}): VaeManifold {
  const TEXT = uiStrings().vaeManifold;
  const root = document.createElement("div") as unknown as VaeManifold;
  const figure = document.createElement("figure");
  figure.className = "vae-manifold";
  const canvas = document.createElement("canvas");
  const caption = document.createElement("figcaption");
  figure.append(canvas, caption);
  const placeholder = describeWait(uiStrings().common.building);
  root.append(placeholder);
  let axes: ManifoldAxes | undefined;
  let inference: PageInference | undefined;
  whenInferenceLoads(trainer, (loaded) => {
    inference = loaded;
    draw();
  });

  function draw(): void {
    const model = trainer.model;
    // A model of the right size: the copy on the page follows the worker's weights, and a rebuild arrives shortly.
    if (!axes || !inference || !model?.isVariational || model.codeSize !== axes.latent) {
      root.replaceChildren(placeholder);
      return;
    }
    const {latent, range} = axes;
    const grid = manifoldGrid(latent, axes.x, axes.y, range, GRID_SIZE);
    const images = inference.decodeCodes(model, grid.codes, grid.count);
    drawDigitGrid(images, grid.count, 28, 28, {columns: GRID_SIZE, cellSize: 44, label: TEXT.label, canvas});
    caption.textContent =
      latent === 1
        ? TEXT.alongOneDimension(range)
        : TEXT.alongTwoDimensions(grid.xAxis + 1, grid.yAxis + 1, range, latent > 2);
    if (figure.parentNode !== root) root.replaceChildren(figure);
  }

  root.show = (shown) => {
    axes = shown;
    draw();
  };
  root.dispose = redrawOnWeights([trainer], draw, {slot});
  return root;
}
