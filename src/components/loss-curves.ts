// Training loss per step (smoothed) and test loss per epoch, on one chart.
import * as Plot from "@observablehq/plot";
import type {LossValues} from "../lib/losses.js";
import type {EpochRecord, StepRecord} from "./trainer.js";

export type LossPart = "total" | "reconstruction" | "kl";

export interface LossCurveOptions {
  width: number;
  height?: number;
  part?: LossPart;
  label?: string;
  /** Show the colour legend (default true); charts shown side by side need it once. */
  legend?: boolean;
}

/** A moving average over `window` steps: single batches are too noisy to read. */
export function smooth(history: StepRecord[], part: LossPart, window = 20): {step: number; value: number}[] {
  const out: {step: number; value: number}[] = [];
  let sum = 0;
  const values = history.map((record) => record.loss[part] ?? NaN);
  values.forEach((value, i) => {
    sum += value;
    if (i >= window) sum -= values[i - window];
    out.push({step: history[i].step, value: sum / Math.min(i + 1, window)});
  });
  // Thousands of points cost more to draw than they show; keep about 400.
  const stride = Math.max(1, Math.floor(out.length / 400));
  return out.filter((_, i) => i % stride === 0 || i === out.length - 1);
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
