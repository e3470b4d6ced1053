// PSNR against noise level: the noisy input's and the denoiser's, with the slider's level marked.
import * as Plot from "@observablehq/plot";
import type {DenoisingCurve} from "../lib/images/psnr-curve.js";
import {PSNR_CEILING} from "../lib/images/image-error.js";

export interface PsnrCurveOptions {
  width: number;
  /** The "Noise level" slider's value, marked by a vertical rule. */
  level: number;
  /** Name of the slider's quantity, e.g. "Noise level (sigma)". */
  xLabel: string;
}

export function drawPsnrCurve(curve: DenoisingCurve, {width, level, xLabel}: PsnrCurveOptions): HTMLElement {
  // Level 0 leaves the input untouched (infinite PSNR): the capped point would squash the chart, so it is left out.
  const points = curve.levels.flatMap((x, i) => [
    {level: x, psnr: curve.noisy[i], series: "Noisy input"},
    {level: x, psnr: curve.denoised[i], series: "Denoised"}
  ]);
  const shown = points.filter((p) => p.psnr < PSNR_CEILING);
  return Plot.plot({
    width: Math.min(width, 720),
    height: 300,
    marginLeft: 50,
    x: {label: xLabel, domain: [0, 1]},
    y: {label: "PSNR (dB)", grid: true},
    color: {legend: true, domain: ["Noisy input", "Denoised"], range: ["#999", "#1f77b4"]},
    marks: [
      Plot.ruleX([level], {stroke: "#e45756", strokeDasharray: "4,3"}),
      Plot.line(shown, {x: "level", y: "psnr", stroke: "series", strokeWidth: 2}),
      Plot.dot(shown, {x: "level", y: "psnr", fill: "series", r: 3, tip: true})
    ]
  }) as HTMLElement;
}
