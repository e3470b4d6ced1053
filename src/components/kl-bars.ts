// KL divergence of each latent dimension to the prior, as bars, with the "active unit" threshold drawn in:
// a dimension under it carries (almost) no information about the image.
import * as Plot from "@observablehq/plot";

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
  const bars = klPerDim.map((kl, j) => ({dim: `z${j + 1}`, kl, state: kl > threshold ? "active" : "collapsed"}));
  return Plot.plot({
    width,
    height,
    marginLeft: 56,
    x: {label: "Latent dimension", domain: bars.map((b) => b.dim), tickRotate: bars.length > 16 ? -90 : 0},
    y: {label: "KL to the prior (nats)", grid: true, nice: true},
    color: {legend: true, domain: ["active", "collapsed"], range: ["#4269d0", "#c9c9c9"]},
    marks: [
      Plot.barY(bars, {x: "dim", y: "kl", fill: "state", tip: true}),
      Plot.ruleY([threshold], {stroke: "#e34a33", strokeDasharray: "4,3"}),
      Plot.ruleY([0])
    ]
  });
}
