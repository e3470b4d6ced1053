// How much information each latent dimension carries: its KL to the prior, averaged over the last training steps,
// as bars against the "active unit" threshold, with the number of active dimensions and, once training has gone on
// for a while, a warning when some have collapsed to the prior.
import {ACTIVE_UNIT_THRESHOLD, countActiveUnits, recentKlPerDim} from "../lib/latent/codes.js";
import {drawKlBars} from "./kl-bars.js";
import type {TrainerState} from "./trainer.js";
import {describeWait} from "./vae-rows.js";

const plural = (count: number, one: string, many: string): string => (count === 1 ? one : many);

// HTML, with numbers the only values put in.
const TEXT = {
  untrained: "Press <strong>Train</strong>: one bar per latent dimension will show how much information it carries.",
  active: (active: number, dims: number, threshold: number) =>
    `<strong>${active} of ${dims}</strong> latent dimension${plural(dims, " is", "s are")} active: their KL to the ` +
    `prior, averaged over the last 20 training steps, is above ${threshold} nats (the dashed line).`,
  collapse: (collapsed: number, dims: number) => {
    const them = plural(collapsed, "it", "them");
    return (
      `<strong>Posterior collapse:</strong> ${collapsed === dims ? "every" : collapsed} ` +
      `dimension${plural(collapsed, "", "s")} ${plural(collapsed, "carries", "carry")} no information about the ` +
      `image. For ${them}, the encoder outputs the prior itself (μ = 0, σ = 1) whatever the digit, and the decoder ` +
      `has learned to ignore ${them}. ` +
      (collapsed === dims
        ? "The decoder now draws the same average digit for every input. Lower the KL weight to bring the code back."
        : "Some of this is normal with many dimensions: the VAE only pays the KL price for the dimensions it needs. " +
          "A larger KL weight collapses more of them.")
    );
  }
};

/** Steps after a rebuild before any dimension is called collapsed: at first every dimension's KL is near 0. */
const SETTLING_STEPS = 100;

/** `width`: the page's; `state`: the trainer's, whose recent history gives the KL of each dimension. */
export function drawKlPerDimension(state: TrainerState, width: number): HTMLElement {
  const klPerDim = recentKlPerDim(state.history);
  if (!klPerDim) return describeWait(TEXT.untrained);
  const dims = klPerDim.length;
  const active = countActiveUnits(klPerDim);
  const collapsed = dims - active;
  const root = document.createElement("div");
  const summary = document.createElement("p");
  summary.className = "vae-active";
  summary.innerHTML = TEXT.active(active, dims, ACTIVE_UNIT_THRESHOLD);
  root.append(drawKlBars(klPerDim, {width, height: 200, threshold: ACTIVE_UNIT_THRESHOLD}), summary);
  if (state.step >= SETTLING_STEPS && collapsed > 0) {
    const warning = document.createElement("div");
    warning.className = "warning vae-collapse";
    warning.setAttribute("role", "status");
    warning.innerHTML = TEXT.collapse(collapsed, dims);
    root.append(warning);
  }
  return root;
}
