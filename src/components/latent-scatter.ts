// Test digits as points in latent space (VAE means), coloured by digit: clusters show what the code captured.
// Drawn on a canvas: the plot is redrawn every few seconds while training, and 2,000 SVG circles would cost the
// page a long frame each time.
import * as d3 from "d3";
import {drawGrid} from "./canvas-grid.js";
import type {PlanarView} from "../lib/latent/codes.js";

export interface LatentScatterOptions {
  width: number;
  height?: number;
}

const DIGITS = Array.from({length: 10}, (_, d) => d);
const COLORS = d3.schemeTableau10;
const MARGIN = {top: 12, right: 16, bottom: 40, left: 52};

/** A figure with a legend and the canvas; `data-points` on the canvas is the number of points drawn. */
export function drawLatentScatter(
  view: PlanarView,
  labels: ArrayLike<number>,
  {width, height = Math.min(480, width)}: LatentScatterOptions
): HTMLDivElement {
  // 1-D codes: one row per digit, so that the reader sees where each digit lies on the line.
  const oneDimensional = view.yLabel === "";
  const n = view.x.length;
  const x = d3
    .scaleLinear()
    .domain(d3.extent(view.x) as [number, number])
    .nice()
    .range([MARGIN.left, width - MARGIN.right]);
  const y = oneDimensional
    ? d3
        .scaleLinear()
        .domain([-0.5, 9.5])
        .range([MARGIN.top, height - MARGIN.bottom])
    : d3
        .scaleLinear()
        .domain(d3.extent(view.y) as [number, number])
        .nice()
        .range([height - MARGIN.bottom, MARGIN.top]);

  const root = document.createElement("div");
  root.className = "latent-scatter";
  const legend = document.createElement("div");
  legend.className = "latent-scatter-legend";
  for (const d of DIGITS) {
    const item = document.createElement("span");
    item.innerHTML = `<i style="background:${COLORS[d]}"></i>${d}`;
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
  canvas.setAttribute(
    "aria-label",
    `Scatter plot of ${n} test digits, ${view.xLabel}${oneDimensional ? " against their digit" : ` against ${view.yLabel}`}, coloured by digit`
  );
  root.append(legend, canvas);
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
  context.fillText(oneDimensional ? "Digit" : `${view.yLabel} →`, 0, -8);
  context.restore();

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
