// KL divergence of each latent dimension to the prior, as bars, with the "active unit" threshold drawn in:
// a dimension under it carries (almost) no information about the image.
import * as Plot from "@observablehq/plot";
import {formatTick, uiStrings} from "./language.js";
import {describePlot} from "./plot-a11y.js";

export interface KlBarsOptions {
  width: number;
  height?: number;
  /** Nats: a dimension above it is active. */
  threshold: number;
}

export function drawKlBars(
  klPerDim: readonly number[],
  {width, height = 200, threshold}: KlBarsOptions
): SVGSVGElement | HTMLElement {
  const strings = uiStrings();
  const text = strings.klBars;
  const bars = klPerDim.map((kl, j) => ({dim: `z${j + 1}`, kl, state: kl > threshold ? text.active : text.collapsed}));
  const active = bars.filter((b) => b.state === text.active).length;
  const chart = Plot.plot({
    width,
    height,
    marginLeft: 56,
    x: {
      label: strings.controls.latentDimension,
      domain: bars.map((b) => b.dim),
      tickRotate: bars.length > 16 ? -90 : 0
    },
    y: {label: text.axis, grid: true, nice: true, tickFormat: formatTick},
    color: {legend: true, domain: [text.active, text.collapsed], range: ["#4269d0", "#c9c9c9"]},
    marks: [
      Plot.barY(bars, {x: "dim", y: "kl", fill: "state", tip: {format: {y: formatTick}}}),
      Plot.ruleY([threshold], {stroke: "#e34a33", strokeDasharray: "4,3"}),
      Plot.ruleY([0])
    ]
  });
  return describePlot(chart, text.label(bars.length, active, threshold));
}
