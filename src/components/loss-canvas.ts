// The loss chart of components/loss-curves.ts drawn on a canvas, for pages that redraw it while training:
// rebuilding the SVG chart (Plot) took the page's main thread 50-100 ms on a slow machine each time, longer
// than a frame; drawing a few hundred points on a canvas takes a few milliseconds.
import * as d3 from "d3";
import {drawStepChartFrame} from "./canvas-grid.js";
import {uiStrings} from "./language.js";
import {smooth, type LossPart} from "./loss-smoothing.js";
import type {EpochRecord, StepRecord} from "./trainer.js";

export interface LossCanvasOptions {
  width: number;
  height?: number;
  part?: LossPart;
  label?: string;
  /** Draws into this element (from an earlier call) instead of a new one. */
  into?: HTMLDivElement;
}

const TRAIN_COLOR = "#4269d0";
const TEST_COLOR = "#efb118";
const MARGIN = {top: 16, right: 16, bottom: 34, left: 56};

/** Training loss (smoothed, solid) and test loss after each epoch (dashed, with dots) against the step. */
export function drawLossCanvas(
  history: StepRecord[],
  epochs: EpochRecord[],
  {width, height = 240, part = "total", label, into}: LossCanvasOptions
): HTMLDivElement {
  const text = uiStrings().lossChart;
  label ??= text.loss;
  const root = into ?? document.createElement("div");
  if (!root.querySelector("canvas")) {
    root.className = "loss-canvas";
    root.innerHTML = `<div class="latent-scatter-legend">
      <span><i style="background:${TRAIN_COLOR}"></i></span>
      <span><i style="background:${TEST_COLOR}"></i></span></div><canvas></canvas>`;
    const [trainItem, testItem] = root.querySelectorAll(".latent-scatter-legend span");
    trainItem.append(text.train);
    testItem.append(text.test);
  }
  const canvas = root.querySelector("canvas")!;
  const ratio = globalThis.devicePixelRatio ?? 1;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const train = smooth(history, part);
  const test = epochs
    .filter((e) => e.test?.loss[part] !== undefined)
    .map((e) => ({step: e.step, value: e.test!.loss[part]!}));
  canvas.dataset.points = String(train.length);
  canvas.setAttribute("role", "img");
  canvas.setAttribute(
    "aria-label",
    text.canvasLabel(
      label,
      train.length
        ? {...train[train.length - 1], test: test.length ? test[test.length - 1].value : undefined}
        : undefined
    )
  );
  const context = canvas.getContext("2d");
  if (!context) return root;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  // Read the text colour once: getComputedStyle forces a style pass over the page, which during training costs
  // more than the whole drawing.
  const ink = (root.dataset.ink ??= getComputedStyle(document.body).color || "#333");
  context.font = "11px system-ui, sans-serif";
  context.fillStyle = ink;
  if (!train.length) {
    context.textAlign = "center";
    context.fillText(text.empty, width / 2, height / 2);
    return root;
  }
  const values = [...train.map((d) => d.value), ...test.map((d) => d.value)];
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(1, train[train.length - 1].step)])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = d3
    .scaleLinear()
    .domain(d3.extent(values) as [number, number])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);

  drawStepChartFrame(context, {x, y, width, height, margin: MARGIN}, {step: text.step, value: label});

  // The curves.
  const line = d3
    .line<{step: number; value: number}>()
    .x((d) => x(d.step))
    .y((d) => y(d.value))
    .context(context);
  context.lineWidth = 1.5;
  context.strokeStyle = TRAIN_COLOR;
  context.beginPath();
  line(train);
  context.stroke();
  context.strokeStyle = TEST_COLOR;
  context.fillStyle = TEST_COLOR;
  context.setLineDash([4, 3]);
  context.beginPath();
  line(test);
  context.stroke();
  context.setLineDash([]);
  for (const d of test) {
    context.beginPath();
    context.arc(x(d.step), y(d.value), 3, 0, 2 * Math.PI);
    context.fill();
  }
  return root;
}
