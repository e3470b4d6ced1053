// The training loss as the charts draw it: a moving average, thinned out. Shared by the SVG chart (loss-curves.ts)
// and the canvas one (loss-canvas.ts); a module of its own so that the canvas chart does not load Plot.
import type {StepRecord} from "./trainer.js";

export type LossPart = "total" | "reconstruction" | "kl" | "discriminator" | "generator";

/** A moving average over `window` steps: single batches are too noisy to read. */
export function smooth(history: StepRecord[], part: LossPart, window = 20): {step: number; value: number}[] {
  const out: {step: number; value: number}[] = [];
  let sum = 0;
  const values = history.map((record) => record.loss[part] ?? NaN);
  values.forEach((value, i) => {
    sum += value;
    if (i >= window) sum -= values[i - window];
    out.push({step: history[i].step, value: sum / Math.min(i + 1, window)});
  });
  // Thousands of points cost more to draw than they show; keep about 400.
  const stride = Math.max(1, Math.floor(out.length / 400));
  return out.filter((_, i) => i % stride === 0 || i === out.length - 1);
}
