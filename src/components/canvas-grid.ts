// Grid lines with their tick labels on a 2-D canvas, shared by the canvas charts (loss-canvas.ts, aae-losses.ts,
// latent-scatter.ts): the caller's scales place the lines, the caller picks the ticks and how they read (by
// default, as the page's language writes numbers).
import {formatTick} from "./language.js";

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface GridOptions {
  x: (value: number) => number;
  y: (value: number) => number;
  xTicks: Iterable<number>;
  yTicks: Iterable<number>;
  width: number;
  height: number;
  margin: Margin;
  formatX?: (tick: number) => string;
  formatY?: (tick: number) => string;
}

/** Vertical lines labelled below the plot, horizontal ones labelled on its left, in the context's font and fill. */
export function drawGrid(
  context: CanvasRenderingContext2D,
  {x, y, xTicks, yTicks, width, height, margin, formatX = formatTick, formatY = formatTick}: GridOptions
): void {
  context.strokeStyle = "rgba(128, 128, 128, 0.2)";
  context.lineWidth = 1;
  context.textAlign = "center";
  context.textBaseline = "top";
  for (const tick of xTicks) {
    context.beginPath();
    context.moveTo(x(tick), margin.top);
    context.lineTo(x(tick), height - margin.bottom);
    context.stroke();
    context.fillText(formatX(tick), x(tick), height - margin.bottom + 4);
  }
  context.textAlign = "right";
  context.textBaseline = "middle";
  for (const tick of yTicks) {
    context.beginPath();
    context.moveTo(margin.left, y(tick));
    context.lineTo(width - margin.right, y(tick));
    context.stroke();
    context.fillText(formatY(tick), margin.left - 6, y(tick));
  }
}

export interface StepChartLabels {
  /** The x axis: training steps. */
  step: string;
  /** The y axis: what is plotted. */
  value: string;
}

/**
 * The frame of a chart of values over training steps (loss-canvas.ts, aae-losses.ts): the grid at the scales'
 * ticks, the step axis named bottom right, the value axis top left.
 */
export function drawStepChartFrame(
  context: CanvasRenderingContext2D,
  {x, y, width, height, margin}: Pick<GridOptions, "width" | "height" | "margin"> & {x: Ticked; y: Ticked},
  labels: StepChartLabels
): void {
  drawGrid(context, {
    x,
    y,
    xTicks: x.ticks(Math.max(2, Math.floor(width / 80))),
    yTicks: y.ticks(5),
    width,
    height,
    margin
  });
  context.textAlign = "right";
  context.textBaseline = "bottom";
  context.fillText(`${labels.step} →`, width - margin.right, height - 2);
  context.textAlign = "left";
  context.textBaseline = "top";
  context.fillText(`↑ ${labels.value}`, 4, 0);
}

/** A d3 linear scale, as far as the frame needs it. */
interface Ticked {
  (value: number): number;
  ticks(count: number): number[];
}
