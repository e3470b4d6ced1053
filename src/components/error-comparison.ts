// Reconstruction error of each image, one row per group (digits, clothes, a drawing), with each group's mean:
// how far the data a model was trained on sets it apart from everything else.
import * as Plot from "@observablehq/plot";
import {mean} from "../lib/images/image-error.js";
import {formatTick, uiStrings} from "./language.js";
import {describePlot} from "./plot-a11y.js";

export interface ErrorGroup {
  name: string;
  /** Mean squared error per pixel of each image. */
  errors: ArrayLike<number>;
}

export function drawErrorComparison(groups: ErrorGroup[], {width}: {width: number}): HTMLElement {
  const points = groups.flatMap(({name, errors}) => Array.from(errors, (error) => ({name, error})));
  const means = groups.map(({name, errors}) => ({name, error: mean(errors)}));
  const text = uiStrings().errorComparison;
  const chart = Plot.plot({
    width: Math.min(width, 720),
    height: 60 + 50 * groups.length,
    marginLeft: 170,
    x: {label: text.axis, grid: true, nice: true, tickFormat: formatTick},
    y: {label: null, domain: groups.map((g) => g.name)},
    marks: [
      Plot.dot(points, {x: "error", y: "name", r: 3, fill: "name", fillOpacity: 0.45}),
      Plot.tickX(means, {x: "error", y: "name", stroke: "black", strokeWidth: 3}),
      Plot.text(means, {x: "error", y: "name", text: (d: {error: number}) => text.mean(d.error), dy: -16})
    ]
  }) as HTMLElement;
  return describePlot(chart, text.label(means.map((m) => text.group(m.name, m.error)).join(", ")));
}
