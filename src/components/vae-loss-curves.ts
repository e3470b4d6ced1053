// The VAE's loss while it trains, in three charts: the reconstruction term, the KL term and their weighted sum,
// the loss the optimiser minimises. Canvas charts, created once and redrawn in place: rebuilding three SVG charts
// every second cost the main thread 50-100 ms a time while training.
import {drawLossCanvas} from "./loss-canvas.js";
import {uiStrings} from "./language.js";
import type {TrainerState} from "./trainer.js";

export interface VaeLossCurves extends HTMLElement {
  /** Redraws the charts for the trainer's `state`, to fit the page's `width`. */
  show(state: TrainerState, width: number): void;
}

/** A captioned figure holding `chart`. */
function captionChart(caption: string, chart: HTMLElement): HTMLElement {
  const figure = document.createElement("figure");
  const figcaption = document.createElement("figcaption");
  figcaption.textContent = caption;
  figure.append(figcaption, chart);
  return figure;
}

export function vaeLossCurves(): VaeLossCurves {
  const TEXT = uiStrings().vaeLossCurves;
  const root = document.createElement("div") as unknown as VaeLossCurves;
  root.className = "vae-curves";
  const reconstruction = document.createElement("div");
  const kl = document.createElement("div");
  const total = document.createElement("div");
  const totalFigure = captionChart(TEXT.total, total);
  totalFigure.className = "vae-curve-total";
  root.append(captionChart(TEXT.reconstruction, reconstruction), captionChart(TEXT.kl, kl), totalFigure);
  root.show = ({history, epochs}, width) => {
    // Two charts side by side when they fit, the sum across the whole width below them.
    const partWidth = width >= 560 ? Math.floor((width - 24) / 2) - 1 : width;
    const part = {width: partWidth, height: 220};
    drawLossCanvas(history, epochs, {
      ...part,
      part: "reconstruction",
      label: TEXT.reconstructionAxis,
      into: reconstruction
    });
    drawLossCanvas(history, epochs, {...part, part: "kl", label: TEXT.klAxis, into: kl});
    drawLossCanvas(history, epochs, {width, height: 200, part: "total", label: TEXT.totalAxis, into: total});
  };
  return root;
}
