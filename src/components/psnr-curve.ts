// PSNR against noise level: the noisy input's and the denoiser's, with the slider's level marked.
import * as Plot from "@observablehq/plot";
import type {DenoisingCurve} from "../lib/images/psnr-curve.js";
import {PSNR_CEILING} from "../lib/images/image-error.js";
import {formatNumber, formatTick, uiStrings} from "./language.js";
import {describePlot} from "./plot-a11y.js";

export interface PsnrCurveOptions {
  width: number;
  /** The "Noise level" slider's value, marked by a vertical rule. */
  level: number;
  /** Name of the slider's quantity, e.g. "Noise level (sigma)". */
  xLabel: string;
}

export function drawPsnrCurve(curve: DenoisingCurve, {width, level, xLabel}: PsnrCurveOptions): HTMLElement {
  const strings = uiStrings();
  const text = strings.psnrCurve;
  const series = {noisy: strings.denoising.noisy, denoised: strings.denoising.denoised};
  // Level 0 leaves the input untouched (infinite PSNR): the capped point would squash the chart, so it is left out.
  const points = curve.levels.flatMap((x, i) => [
    {level: x, psnr: curve.noisy[i], series: series.noisy},
    {level: x, psnr: curve.denoised[i], series: series.denoised}
  ]);
  const shown = points.filter((p) => p.psnr < PSNR_CEILING);
  // The text alternative says what the chart says at the slider's level.
  const at = curve.levels.reduce(
    (best, x, i) => (Math.abs(x - level) < Math.abs(curve.levels[best] - level) ? i : best),
    0
  );
  const db = (value: number): string => (value < PSNR_CEILING ? strings.numbers.decibels(value) : text.identical);
  const label = text.label(curve.levels[at], db(curve.noisy[at]), db(curve.denoised[at]));
  const chart = Plot.plot({
    width: Math.min(width, 720),
    height: 300,
    marginLeft: 50,
    x: {label: xLabel, domain: [0, 1], tickFormat: formatTick},
    y: {label: text.axis, grid: true, tickFormat: formatTick},
    color: {legend: true, domain: [series.noisy, series.denoised], range: ["#999", "#1f77b4"]},
    marks: [
      Plot.ruleX([level], {stroke: "#e45756", strokeDasharray: "4,3"}),
      Plot.line(shown, {x: "level", y: "psnr", stroke: "series", strokeWidth: 2}),
      Plot.dot(shown, {
        x: "level",
        y: "psnr",
        fill: "series",
        r: 3,
        tip: {format: {x: formatTick, y: (value: number) => formatNumber(value, {digits: 1})}}
      })
    ]
  }) as HTMLElement;
  return describePlot(chart, label);
}
