// How well a model's codes match the prior N(0, I): the 2-D codes of the first test digits (coloured by digit) over
// samples of the prior (grey), and their energy distance to those samples (lib/latent/energy-distance.ts), computed
// on the page each time the worker sends new codes. Used for the adversarial autoencoder and for the plain one.
import {energyDistance, type ReferenceSample} from "../lib/latent/energy-distance.js";
import {formatNumber, uiStrings} from "./language.js";
import {observeEmbedding, type Embedding} from "./latent-embedding.js";
import {drawLatentScatter} from "./latent-scatter.js";
import {isUntrained, markResults, type Trainer} from "./trainer.js";

export interface PriorMatchOptions {
  /** The card's title. */
  title: string;
  /** Test digits to encode and plot (the preview's count, so that the first paint shows its codes). */
  count: number;
  /** The prior samples to draw and to measure against (the same for every view of the page). */
  prior: ReferenceSample;
  /** The first this many codes are measured (the distance costs count x prior pairs, on the main thread). */
  measured: number;
  /** Marks the scatter as the page's first results (see markResults). */
  marksResults?: boolean;
}

export interface PriorMatch extends HTMLElement {
  /** Redraws the scatter for a new width (the card's, padding and border included). */
  show(width: number): void;
  dispose(): void;
}

export function priorMatch(trainer: Trainer, options: PriorMatchOptions): PriorMatch {
  const strings = uiStrings();
  const TEXT = strings.priorMatch;
  const root = document.createElement("div") as unknown as PriorMatch;
  root.className = "card prior-match";
  const title = document.createElement("h2");
  title.textContent = options.title;
  const summary = document.createElement("h3");
  const value = document.createElement("strong");
  value.className = "energy-distance";
  value.textContent = "…";
  const source = document.createElement("span");
  summary.append(`${TEXT.distance}: `, value, " · ", source);
  const plot = document.createElement("div");
  plot.textContent = strings.common.encoding(options.count);
  const note = document.createElement("p");
  note.className = "prior-match-note";
  note.textContent = TEXT.measuredOn(options.measured, options.prior.values.length / options.prior.dim);
  root.append(title, summary, plot, note);

  const background = {
    x: options.prior.values.filter((_, i) => i % 2 === 0),
    y: options.prior.values.filter((_, i) => i % 2 === 1),
    label: TEXT.prior(options.prior.values.length / 2)
  };
  let width = 320;
  let embedding: Embedding | undefined;

  function draw(): void {
    if (!embedding || embedding.dims !== 2) return;
    const {codes, labels} = embedding;
    const n = labels.length;
    const x = Float32Array.from({length: n}, (_, i) => codes[2 * i]);
    const y = Float32Array.from({length: n}, (_, i) => codes[2 * i + 1]);
    const scatter = drawLatentScatter({x, y, xLabel: TEXT.xLabel, yLabel: TEXT.yLabel}, labels, {
      width,
      height: Math.min(400, width),
      background
    });
    if (options.marksResults) markResults(scatter, !isUntrained(trainer.state));
    plot.replaceChildren(scatter);
  }

  function measure(): void {
    if (!embedding || embedding.dims !== 2) return;
    const measured = Math.min(options.measured, embedding.labels.length);
    const distance = energyDistance({values: embedding.codes.subarray(0, measured * 2), dim: 2}, options.prior);
    value.textContent = formatNumber(distance, {digits: 3});
    root.dataset.energyDistance = String(distance);
    const {step, checkpoint} = trainer.state;
    source.textContent =
      embedding.weightsVersion === -1
        ? TEXT.preview
        : step > 0
          ? strings.common.afterSteps(step)
          : checkpoint?.name
            ? TEXT.checkpoint
            : TEXT.random;
    root.dataset.source = embedding.weightsVersion === -1 ? "preview" : step > 0 ? "trained" : "start";
    root.dataset.step = String(step);
  }

  root.show = (shownWidth) => {
    // The width is the card's; the plot gets what its padding and border leave.
    const style = getComputedStyle(root);
    const chrome = ["paddingLeft", "paddingRight", "borderLeftWidth", "borderRightWidth"] as const;
    const inner = shownWidth - chrome.reduce((sum, side) => sum + (parseFloat(style[side]) || 0), 0);
    width = Math.max(260, Math.min(560, inner));
    draw();
  };
  root.dispose = observeEmbedding(
    trainer,
    options.count,
    4000
  )((codes) => {
    embedding = codes;
    measure();
    draw();
  });
  return root;
}
