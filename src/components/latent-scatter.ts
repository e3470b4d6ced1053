// Test digits as points in latent space (VAE means), coloured by digit: clusters show what the code captured.
// Drawn on a canvas: the plot is redrawn every few seconds while training, and 2,000 SVG circles would cost the
// page a long frame each time.
// Three small d3 modules, not all of d3: this view is part of the embeddings page's first paint.
import {extent} from "d3-array";
import {scaleLinear} from "d3-scale";
import {schemeTableau10} from "d3-scale-chromatic";
import {drawGrid} from "./canvas-grid.js";
import {uiStrings} from "./language.js";
import type {PlanarView} from "../lib/latent/codes.js";

export interface LatentScatterOptions {
  width: number;
  height?: number;
  /** Points drawn in grey under the digits (e.g. samples of a prior), with their name in the legend. */
  background?: {x: ArrayLike<number>; y: ArrayLike<number>; label: string};
}

const BACKGROUND_COLOR = "#9ca3af";

/** The extent of `values` and of the background's, if any. */
function extentOf(values: Float32Array, more?: ArrayLike<number>): [number, number] {
  const [lo, hi] = extent(values) as [number, number];
  if (!more) return [lo, hi];
  const [moreLo, moreHi] = extent(Array.from(more)) as [number, number];
  return [Math.min(lo, moreLo), Math.max(hi, moreHi)];
}

const DIGITS = Array.from({length: 10}, (_, d) => d);
const COLORS = schemeTableau10;
const MARGIN = {top: 12, right: 16, bottom: 40, left: 52};

export interface LatentScatterFigure extends HTMLDivElement {
  canvas: HTMLCanvasElement;
  /** The plane's coordinates at a point of the canvas (CSS pixels from its top left corner). */
  toPlane(px: number, py: number): [number, number];
  /** The canvas position (CSS pixels) of a point of the plane. */
  toCanvas(x: number, y: number): [number, number];
}

/** A figure with a legend and the canvas; `data-points` on the canvas is the number of points drawn. */
export function drawLatentScatter(
  view: PlanarView,
  labels: ArrayLike<number>,
  {width, height = Math.min(480, width), background}: LatentScatterOptions
): LatentScatterFigure {
  const text = uiStrings().latentScatter;
  // 1-D codes: one row per digit, so that the reader sees where each digit lies on the line.
  const oneDimensional = view.yLabel === "";
  const n = view.x.length;
  const x = scaleLinear()
    .domain(extentOf(view.x, background?.x))
    .nice()
    .range([MARGIN.left, width - MARGIN.right]);
  const y = oneDimensional
    ? scaleLinear()
        .domain([-0.5, 9.5])
        .range([MARGIN.top, height - MARGIN.bottom])
    : scaleLinear()
        .domain(extentOf(view.y, background?.y))
        .nice()
        .range([height - MARGIN.bottom, MARGIN.top]);

  const root = document.createElement("div") as LatentScatterFigure;
  root.className = "latent-scatter";
  const legend = document.createElement("div");
  legend.className = "latent-scatter-legend";
  for (const d of DIGITS) {
    const item = document.createElement("span");
    item.innerHTML = `<i style="background:${COLORS[d]}"></i>${d}`;
    legend.append(item);
  }
  if (background) {
    const item = document.createElement("span");
    item.innerHTML = `<i style="background:${BACKGROUND_COLOR}"></i>`;
    item.append(background.label);
    legend.append(item);
  }
  const canvas = document.createElement("canvas");
  const ratio = globalThis.devicePixelRatio ?? 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.dataset.points = String(n);
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", text.label(n, view.xLabel, oneDimensional ? undefined : view.yLabel));
  root.append(legend, canvas);
  root.canvas = canvas;
  root.toPlane = (px, py) => [x.invert(px), y.invert(py)];
  root.toCanvas = (px, py) => [x(px), y(py)];
  const context = canvas.getContext("2d");
  if (!context) return root;
  context.scale(ratio, ratio);
  const style = getComputedStyle(document.body);
  const ink = style.color || "#333";

  // Grid lines and tick labels.
  context.font = "11px system-ui, sans-serif";
  context.fillStyle = ink;
  drawGrid(context, {
    x,
    y,
    xTicks: x.ticks(8),
    yTicks: oneDimensional ? DIGITS : y.ticks(8),
    width,
    height,
    margin: MARGIN
  });
  // Axis labels.
  context.textAlign = "center";
  context.textBaseline = "bottom";
  context.fillText(`${view.xLabel} →`, (MARGIN.left + width - MARGIN.right) / 2, height - 2);
  context.save();
  context.translate(12, (MARGIN.top + height - MARGIN.bottom) / 2);
  context.rotate(-Math.PI / 2);
  context.textBaseline = "top";
  context.fillText(oneDimensional ? text.digit : `${view.yLabel} →`, 0, -8);
  context.restore();

  // The background first, under the digits.
  if (background && !oneDimensional) {
    context.globalAlpha = 0.5;
    context.fillStyle = BACKGROUND_COLOR;
    context.beginPath();
    for (let i = 0; i < background.x.length; i++) {
      const [px, py] = [x(background.x[i]), y(background.y[i])];
      context.moveTo(px + 1.5, py);
      context.arc(px, py, 1.5, 0, 2 * Math.PI);
    }
    context.fill();
  }
  // The points, one colour at a time (fewer state changes), slightly transparent so that dense regions read.
  context.globalAlpha = 0.7;
  for (const d of DIGITS) {
    context.fillStyle = COLORS[d];
    context.beginPath();
    for (let i = 0; i < n; i++) {
      if (labels[i] !== d) continue;
      // 1-D: spread each digit's row a little (deterministically) so that points do not hide each other.
      const px = x(view.x[i]);
      const py = oneDimensional ? y(d) + (((i * 7919) % 17) - 8) * 1.2 : y(view.y[i]);
      context.moveTo(px + 2, py);
      context.arc(px, py, 2, 0, 2 * Math.PI);
    }
    context.fill();
  }
  return root;
}
