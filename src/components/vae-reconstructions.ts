// The page's first results: the ten test digits and the VAE's reconstructions of them from their mean codes, as
// the worker reports them (from the checkpoint's build-time preview at first). Marked as results once trained.
import {drawDigitGrid} from "./digit-grid.js";
import {uiStrings} from "./language.js";
import {isUntrained, markResults, type ProbeImages, type TrainerState} from "./trainer.js";

/** `state`: the trainer's, with the worker's latest probe. */
export function drawProbeReconstructions(state: TrainerState & {probe: ProbeImages}): HTMLElement {
  const TEXT = uiStrings().vaeReconstructions;
  const {inputs, outputs, count} = state.probe;
  const grid = {columns: count, cellSize: 48};
  const reconstructions = drawDigitGrid(outputs, count, 28, 28, {...grid, label: TEXT.reconstructions});
  markResults(reconstructions, !isUntrained(state));
  const root = document.createElement("div");
  root.append(
    drawDigitGrid(inputs, count, 28, 28, {...grid, label: TEXT.originals}),
    document.createElement("br"),
    reconstructions
  );
  return root;
}
