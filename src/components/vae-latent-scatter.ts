// The VAE's latent space: the means of the first test digits' codes, coloured by label, kept up to date while the
// model trains (the worker encodes them, see latent-embedding.ts). 1-D and 2-D codes are drawn as they are; larger
// ones in the plane of their first two principal components or along two latent dimensions of the reader's choice.
import {planeAxes, type Projection, viewInPlane} from "../lib/latent/codes.js";
import {type Embedding, observeEmbedding} from "./latent-embedding.js";
import {drawDigitGrid} from "./digit-grid.js";
import {drawLatentScatter, type LatentScatterFigure} from "./latent-scatter.js";
import {uiStrings} from "./language.js";
import type {Trainer} from "./trainer.js";
import {describeWait} from "./vae-rows.js";

export interface ScatterAxes {
  projection: Projection;
  /** The latent dimensions to plot along (numbered from 1, as the axis menus show them), with "dims". */
  x: number;
  y: number;
  /** The page's width: the plot takes up to 640 pixels of it. */
  width: number;
}

export interface VaeLatentScatter extends HTMLElement {
  show(axes: ScatterAxes): void;
  dispose(): void;
}

/** Where the caption says the points are. */
function describePlane(dims: number, projection: Projection, xLabel: string, yLabel: string): string {
  const TEXT = uiStrings().vaeScatter;
  if (dims === 1) return TEXT.alongOneDimension;
  if (dims === 2) return TEXT.inTwoDimensions;
  return projection === "pca" ? TEXT.onPrincipalComponents : TEXT.alongDimensions(xLabel, yLabel);
}

/** The codes of the first `count` test digits, from `trainer`'s model. */
export function vaeLatentScatter(trainer: Trainer, count: number): VaeLatentScatter {
  const root = document.createElement("div") as unknown as VaeLatentScatter;
  let axes: ScatterAxes | undefined;
  let embedding: Embedding | undefined;
  // A 2-D code is the plane itself: a point the reader picks there is a code, which the decoder draws (as in
  // VAE Explainer). Kept across redraws, and decoded again with the newest weights.
  let picked: [number, number] | undefined;
  // drawDigitGrid sets the canvas's own class: the class and the picked code go on a wrapper.
  const decoded = document.createElement("canvas");
  const decodedBox = document.createElement("div");
  decodedBox.className = "latent-pick-digit";
  decodedBox.append(decoded);
  const marker = document.createElement("div");
  marker.className = "latent-pick-marker";
  marker.hidden = true;
  const decode = async (figure: LatentScatterFigure): Promise<void> => {
    if (!picked) return;
    const [zx, zy] = picked;
    const [px, py] = figure.toCanvas(zx, zy);
    marker.hidden = false;
    marker.style.left = `${figure.canvas.offsetLeft + px}px`;
    marker.style.top = `${figure.canvas.offsetTop + py}px`;
    await trainer.ready;
    const model = trainer.model;
    if (!model || model.codeSize !== 2) return;
    const {decodeCodes} = await import("./page-inference.js");
    const pixels = decodeCodes(model, Float32Array.of(zx, zy), 1);
    drawDigitGrid(pixels, 1, 28, 28, {
      columns: 1,
      cellSize: 112,
      label: uiStrings().vaeScatter.decodedAt(zx, zy),
      canvas: decoded
    });
    decodedBox.dataset.code = `${zx},${zy}`;
  };
  const makePickable = (figure: LatentScatterFigure): HTMLElement => {
    const picker = document.createElement("div");
    picker.className = "latent-picker";
    const hint = document.createElement("p");
    hint.className = "latent-pick-hint";
    hint.textContent = uiStrings().vaeScatter.pickHint;
    const stage = document.createElement("div");
    stage.className = "latent-pick-stage";
    stage.append(figure, marker);
    picker.append(stage, decodedBox);
    const pick = (event: PointerEvent): void => {
      const box = figure.canvas.getBoundingClientRect();
      picked = figure.toPlane(event.clientX - box.left, event.clientY - box.top);
      void decode(figure);
    };
    figure.canvas.addEventListener("pointerdown", (event) => {
      figure.canvas.setPointerCapture(event.pointerId);
      pick(event);
    });
    figure.canvas.addEventListener("pointermove", (event) => {
      if (figure.canvas.hasPointerCapture(event.pointerId)) pick(event);
    });
    const wrapper = document.createElement("div");
    wrapper.append(hint, picker);
    if (picked) requestAnimationFrame(() => void decode(figure));
    return wrapper;
  };

  function draw(): void {
    if (!axes) return;
    if (!embedding) {
      root.replaceChildren(describeWait(uiStrings().common.encoding(count)));
      return;
    }
    const {codes, dims, labels} = embedding;
    const [xAxis, yAxis] = planeAxes(axes.x, axes.y, dims);
    const text = uiStrings().vaeScatter;
    const onComponents = dims > 2 && axes.projection === "pca";
    const plane = {
      ...viewInPlane(codes, dims, axes.projection, xAxis, yAxis),
      // The principal components' names in the page's language.
      ...(onComponents ? {xLabel: text.firstComponent, yLabel: text.secondComponent} : {})
    };
    const figure = document.createElement("figure");
    figure.className = "vae-scatter";
    const caption = document.createElement("figcaption");
    caption.textContent = text.caption(labels.length, describePlane(dims, axes.projection, plane.xLabel, plane.yLabel));
    const scatter = drawLatentScatter(plane, labels, {width: Math.min(axes.width, 640), height: 440});
    figure.append(dims === 2 ? makePickable(scatter) : scatter, caption);
    root.replaceChildren(figure);
  }

  root.show = (shown) => {
    axes = shown;
    draw();
  };
  root.dispose = observeEmbedding(
    trainer,
    count
  )((codes) => {
    embedding = codes;
    draw();
  });
  return root;
}
