// The VAE's latent space: the means of the first test digits' codes, coloured by label, kept up to date while the
// model trains (the worker encodes them, see latent-embedding.ts). 1-D and 2-D codes are drawn as they are; larger
// ones in the plane of their first two principal components or along two latent dimensions of the reader's choice.
import {planeAxes, type Projection, viewInPlane} from "../lib/latent/codes.js";
import {type Embedding, observeEmbedding} from "./latent-embedding.js";
import {drawLatentScatter} from "./latent-scatter.js";
import type {Trainer} from "./trainer.js";
import {describeWait} from "./vae-rows.js";

const TEXT = {
  encoding: (count: number) => `Encoding ${count.toLocaleString("en-US")} test digits…`,
  caption: (count: number, where: string) => `Means of ${count.toLocaleString("en-US")} test digits, ${where}.`,
  alongOneDimension: "along the single latent dimension",
  inTwoDimensions: "in the 2-D latent space",
  onPrincipalComponents: "projected on their first two principal components",
  alongDimensions: (x: string, y: string) => `along ${x} and ${y}`
};

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
  if (dims === 1) return TEXT.alongOneDimension;
  if (dims === 2) return TEXT.inTwoDimensions;
  return projection === "pca" ? TEXT.onPrincipalComponents : TEXT.alongDimensions(xLabel, yLabel);
}

/** The codes of the first `count` test digits, from `trainer`'s model. */
export function vaeLatentScatter(trainer: Trainer, count: number): VaeLatentScatter {
  const root = document.createElement("div") as unknown as VaeLatentScatter;
  let axes: ScatterAxes | undefined;
  let embedding: Embedding | undefined;

  function draw(): void {
    if (!axes) return;
    if (!embedding) {
      root.replaceChildren(describeWait(TEXT.encoding(count)));
      return;
    }
    const {codes, dims, labels} = embedding;
    const [xAxis, yAxis] = planeAxes(axes.x, axes.y, dims);
    const plane = viewInPlane(codes, dims, axes.projection, xAxis, yAxis);
    const figure = document.createElement("figure");
    figure.className = "vae-scatter";
    const caption = document.createElement("figcaption");
    caption.textContent = TEXT.caption(labels.length, describePlane(dims, axes.projection, plane.xLabel, plane.yLabel));
    figure.append(drawLatentScatter(plane, labels, {width: Math.min(axes.width, 640), height: 440}), caption);
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
