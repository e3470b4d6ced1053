// Digits decoded from codes drawn from the prior N(0, I): the same codes for every model shown (the draw is seeded),
// one row per model, decoded on the page with each trainer's copy of its model and redrawn when it gets new weights.
// A model whose codes fill the prior draws digits from them; one whose codes lie elsewhere draws whatever its decoder
// makes of a place it never saw.
import {drawDigitGrid} from "./digit-grid.js";
import {onModelChange, type PageInference, whenInferenceLoads} from "./observe-trainer.js";
import {uiStrings} from "./language.js";
import type {Trainer} from "./trainer.js";

export interface PriorDigitsRow {
  trainer: Trainer;
  /** The row's title. */
  name: string;
}

export interface PriorDigits extends HTMLElement {
  /** Draws the codes of this seed (a new seed, new codes). */
  show(seed: number): void;
  dispose(): void;
}

export function priorDigits(rows: PriorDigitsRow[], {count = 16, columns = 16} = {}): PriorDigits {
  const root = document.createElement("div") as unknown as PriorDigits;
  root.className = "digit-rows prior-digits";
  const strings = uiStrings();
  let seed: number | undefined;
  let inference: PageInference | undefined;
  const views = rows.map(({trainer, name}) => {
    const label = document.createElement("div");
    label.className = "digit-row-label";
    label.textContent = name;
    const slot = document.createElement("div");
    slot.textContent = strings.common.loadingModel;
    const canvas = document.createElement("canvas");
    root.append(label, slot);
    const draw = (): void => {
      const model = trainer.model;
      if (seed === undefined || !inference || !model) return;
      const images = inference.decodePriorSamples(model, count, seed);
      drawDigitGrid(images, count, 28, 28, {
        columns,
        cellSize: 40,
        label: strings.priorDigits.label(name, count),
        canvas
      });
      canvas.dataset.seed = String(seed);
      if (canvas.parentNode !== slot) slot.replaceChildren(canvas);
    };
    whenInferenceLoads(trainer, (loaded) => {
      inference = loaded;
      draw();
    });
    return {draw, unsubscribe: onModelChange(trainer, draw)};
  });
  root.show = (shown) => {
    seed = shown;
    views.forEach((view) => view.draw());
  };
  root.dispose = () => views.forEach((view) => view.unsubscribe());
  return root;
}
