// Plot names each mark's <g> with an aria-label ("bar", "line", "tip"), which ARIA forbids on an element without a
// role (axe: aria-prohibited-attr, serious). describePlot makes the chart one picture with a text alternative that
// says what it shows, and gives those groups their role, also the tip that Plot draws anew under the pointer.

const giveRoles = (svg: Element): void => {
  for (const g of svg.querySelectorAll("g[aria-label]:not([role])")) g.setAttribute("role", "group");
};

/** `chart` (Plot.plot's SVG, or its figure when it has a legend) as one image named `label`; returns `chart`. */
export function describePlot<T extends Element>(chart: T, label: string): T {
  const svgs = chart instanceof SVGSVGElement ? [chart] : [...chart.querySelectorAll(":scope > svg")];
  for (const svg of svgs) {
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    giveRoles(svg);
    new MutationObserver(() => giveRoles(svg)).observe(svg, {childList: true, subtree: true});
  }
  return chart;
}
