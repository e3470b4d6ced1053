// How much information each latent dimension carries: its KL to the prior, averaged over the last training steps,
// as bars against the "active unit" threshold, with the number of active dimensions and, once training has gone on
// for a while, a warning when some have collapsed to the prior.
import {ACTIVE_UNIT_THRESHOLD, countActiveUnits, recentKlPerDim} from "../lib/latent/codes.js";
import {drawKlBars} from "./kl-bars.js";
import {uiStrings} from "./language.js";
import type {TrainerState} from "./trainer.js";
import {describeWait} from "./vae-rows.js";

/** Steps after a rebuild before any dimension is called collapsed: at first every dimension's KL is near 0. */
const SETTLING_STEPS = 100;

/** `width`: the page's; `state`: the trainer's, whose recent history gives the KL of each dimension. */
export function drawKlPerDimension(state: TrainerState, width: number): HTMLElement {
  // HTML, with numbers the only values put in.
  const TEXT = uiStrings().vaeKl;
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
