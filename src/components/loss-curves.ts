// Training loss per step (smoothed) and test loss per epoch, on one chart.
import * as Plot from "@observablehq/plot";
import type {LossValues} from "../lib/training/losses.js";
import {smooth, type LossPart} from "./loss-smoothing.js";
import type {EpochRecord, StepRecord} from "./trainer.js";

export interface LossCurveOptions {
  width: number;
  height?: number;
  part?: LossPart;
  label?: string;
  /** Show the colour legend (default true); charts shown side by side need it once. */
  legend?: boolean;
}

const valueOf = (loss: LossValues | undefined, part: LossPart): number => loss?.[part] ?? NaN;

export function lossCurves(
  history: StepRecord[],
  epochs: EpochRecord[],
  {width, height = 240, part = "total", label = "Loss", legend = true}: LossCurveOptions
): SVGSVGElement | HTMLElement {
  const train = smooth(history, part).map((d) => ({...d, set: "training batches (smoothed)"}));
  const test = epochs
    .filter((e) => e.test)
    .map((e) => ({step: e.step, value: valueOf(e.test?.loss, part), set: "test images (after each epoch)"}));
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    x: {label: "Training step", grid: true},
    y: {label, grid: true, zero: false, nice: true},
    color: {legend, domain: ["training batches (smoothed)", "test images (after each epoch)"]},
    marks: [
      Plot.lineY(train, {x: "step", y: "value", stroke: "set"}),
      Plot.lineY(test, {x: "step", y: "value", stroke: "set", strokeDasharray: "4,3"}),
      Plot.dot(test, {x: "step", y: "value", fill: "set", tip: true}),
      train.length === 0 ? Plot.text(["Press Train to see the loss fall"], {frameAnchor: "middle"}) : null
    ]
  });
}
