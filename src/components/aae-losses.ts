// The adversarial autoencoder's three losses while it trains: the reconstruction on one chart (the loss chart of
// the other pages), the discriminator's loss and the encoder's adversarial loss on another, with the values a
// discriminator that cannot tell codes from prior samples gives (D = 1/2 everywhere: 2 ln 2 and ln 2), the two
// numbers the lesson's notebook printed for its whole run. Canvas charts, redrawn into the same elements.
import * as d3 from "d3";
import {drawStepChartFrame} from "./canvas-grid.js";
import {uiStrings} from "./language.js";
import {drawLossCanvas} from "./loss-canvas.js";
import {smooth} from "./loss-smoothing.js";
import type {TrainerState} from "./trainer.js";

const COLORS = {discriminator: "#e45756", generator: "#4c78a8"};
const CHANCE = {discriminator: 2 * Math.LN2, generator: Math.LN2};
const MARGIN = {top: 16, right: 16, bottom: 34, left: 48};

export interface AaeLosses extends HTMLElement {
  /** Redraws both charts for the trainer's state, each `width` / 2 wide (one above the other below 640). */
  show(state: TrainerState, width: number): void;
}

function legendItem(color: string, text: string, dashed = false): HTMLSpanElement {
  const item = document.createElement("span");
  const swatch = document.createElement("i");
  swatch.style.background = dashed ? `repeating-linear-gradient(90deg, ${color} 0 4px, transparent 4px 7px)` : color;
  item.append(swatch, text);
  return item;
}

/** The discriminator's and the encoder's adversarial losses (smoothed), test values as dots, chance as dashes. */
function drawAdversarial(canvas: HTMLCanvasElement, state: TrainerState, width: number, height: number): void {
  const {aaeLosses: TEXT, lossChart} = uiStrings();
  const ratio = globalThis.devicePixelRatio ?? 1;
  if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
  if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const parts = ["discriminator", "generator"] as const;
  const train = Object.fromEntries(parts.map((part) => [part, smooth(state.history, part)])) as Record<
    (typeof parts)[number],
    {step: number; value: number}[]
  >;
  const test = (part: (typeof parts)[number]): {step: number; value: number}[] =>
    state.epochs.flatMap((e) => {
      const value = e.test?.loss[part];
      return value === undefined ? [] : [{step: e.step, value}];
    });
  const last = (part: (typeof parts)[number]): number | undefined => train[part][train[part].length - 1]?.value;
  const shown = train.discriminator.length > 0 && Number.isFinite(last("discriminator") ?? NaN);
  canvas.dataset.points = String(shown ? train.discriminator.length : 0);
  canvas.setAttribute("role", "img");
  canvas.setAttribute(
    "aria-label",
    shown ? TEXT.label(last("discriminator")!, last("generator")!, state.step) : TEXT.labelEmpty
  );
  const context = canvas.getContext("2d");
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const ink = (canvas.dataset.ink ??= getComputedStyle(document.body).color || "#333");
  context.font = "11px system-ui, sans-serif";
  context.fillStyle = ink;
  if (!shown) {
    context.textAlign = "center";
    context.fillText(TEXT.empty, width / 2, height / 2, width - 20);
    return;
  }
  const steps = train.discriminator[train.discriminator.length - 1].step;
  const values = [...parts.flatMap((p) => [...train[p], ...test(p)].map((d) => d.value)), ...Object.values(CHANCE)];
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(1, steps)])
    .range([MARGIN.left, width - MARGIN.right]);
  const y = d3
    .scaleLinear()
    .domain([0, Math.max(...values.filter(Number.isFinite))])
    .nice()
    .range([height - MARGIN.bottom, MARGIN.top]);
  drawStepChartFrame(context, {x, y, width, height, margin: MARGIN}, {step: lossChart.step, value: lossChart.loss});
  const line = d3
    .line<{step: number; value: number}>()
    .x((d) => x(d.step))
    .y((d) => y(d.value))
    .context(context);
  for (const part of parts) {
    context.strokeStyle = COLORS[part];
    context.fillStyle = COLORS[part];
    context.lineWidth = 1;
    context.setLineDash([5, 4]);
    context.beginPath();
    context.moveTo(MARGIN.left, y(CHANCE[part]));
    context.lineTo(width - MARGIN.right, y(CHANCE[part]));
    context.stroke();
    context.setLineDash([]);
    context.lineWidth = 1.5;
    context.beginPath();
    line(train[part]);
    context.stroke();
    for (const d of test(part)) {
      context.beginPath();
      context.arc(x(d.step), y(d.value), 3, 0, 2 * Math.PI);
      context.fill();
    }
  }
}

export function aaeLosses(): AaeLosses {
  const TEXT = uiStrings().aaeLosses;
  const root = document.createElement("div") as unknown as AaeLosses;
  root.className = "aae-losses";
  const heading = (text: string): HTMLHeadingElement => {
    const h = document.createElement("h3");
    h.textContent = text;
    return h;
  };
  const reconstruction = document.createElement("div");
  reconstruction.className = "aae-loss-panel";
  const reconstructionChart = document.createElement("div");
  reconstruction.append(heading(TEXT.reconstructionTitle), reconstructionChart);
  const adversarial = document.createElement("div");
  adversarial.className = "aae-loss-panel";
  const legend = document.createElement("div");
  legend.className = "latent-scatter-legend";
  legend.append(
    legendItem(COLORS.discriminator, TEXT.discriminator),
    legendItem(COLORS.generator, TEXT.generator),
    legendItem("#888", TEXT.chance(CHANCE.discriminator, CHANCE.generator), true)
  );
  const canvas = document.createElement("canvas");
  canvas.className = "aae-adversarial-chart";
  adversarial.append(heading(TEXT.adversarialTitle), legend, canvas);
  root.append(reconstruction, adversarial);
  root.show = (state, width) => {
    const panel = width < 640 ? width : Math.floor((width - 24) / 2);
    drawLossCanvas(state.history, state.epochs, {
      width: panel,
      part: "reconstruction",
      label: TEXT.reconstruction,
      into: reconstructionChart
    });
    drawAdversarial(canvas, state, panel, 240);
  };
  return root;
}
