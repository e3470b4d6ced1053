// Test digits as points in latent space (VAE means), coloured by digit: clusters show what the code captured.
import * as Plot from "@observablehq/plot";
import type {PlanarView} from "../lib/latent.js";

export interface LatentScatterOptions {
  width: number;
  height?: number;
}

export function drawLatentScatter(
  view: PlanarView,
  labels: ArrayLike<number>,
  {width, height = Math.min(480, width)}: LatentScatterOptions
): SVGSVGElement | HTMLElement {
  // 1-D codes: spread the points by digit so that the reader sees where each digit lies on the line.
  const oneDimensional = view.yLabel === "";
  const points = Array.from(view.x, (x, i) => ({x, y: view.y[i], digit: String(labels[i])}));
  return Plot.plot({
    width,
    height,
    marginLeft: 48,
    x: {label: view.xLabel, grid: true, nice: true},
    y: oneDimensional ? {label: "Digit", domain: "0123456789".split("")} : {label: view.yLabel, grid: true, nice: true},
    color: {legend: true, type: "categorical", domain: "0123456789".split(""), scheme: "tableau10"},
    marks: [
      Plot.dot(points, {
        x: "x",
        y: oneDimensional ? "digit" : "y",
        fill: "digit",
        r: 2,
        fillOpacity: 0.7,
        ...(oneDimensional ? {dy: 0} : {})
      })
    ]
  });
}
