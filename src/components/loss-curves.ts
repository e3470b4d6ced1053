// Training loss per step (smoothed) and test loss per epoch, on one chart.
import * as Plot from "@observablehq/plot";
import type {LossValues} from "../lib/training/losses.js";
import {formatTick, uiStrings} from "./language.js";
import {describePlot} from "./plot-a11y.js";
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
  {width, height = 240, part = "total", label, legend = true}: LossCurveOptions
): SVGSVGElement | HTMLElement {
  const text = uiStrings().lossChart;
  label ??= text.loss;
  const train = smooth(history, part).map((d) => ({...d, set: text.train}));
  const test = epochs
    .filter((e) => e.test)
    .map((e) => ({step: e.step, value: valueOf(e.test?.loss, part), set: text.test}));
  const chart = Plot.plot({
    width,
    height,
    marginLeft: 56,
    x: {label: text.step, grid: true, tickFormat: formatTick},
    y: {label, grid: true, zero: false, nice: true, tickFormat: formatTick},
    color: {legend, domain: [text.train, text.test]},
    marks: [
      Plot.lineY(train, {x: "step", y: "value", stroke: "set"}),
      Plot.lineY(test, {x: "step", y: "value", stroke: "set", strokeDasharray: "4,3"}),
      Plot.dot(test, {x: "step", y: "value", fill: "set", tip: {format: {x: formatTick, y: formatTick}}}),
      train.length === 0 ? Plot.text([text.empty], {frameAnchor: "middle"}) : null
    ]
  });
  const last = train[train.length - 1];
  const lastTest = test[test.length - 1];
  return describePlot(chart, text.chartLabel(label, last && {...last, test: lastTest?.value}));
}
