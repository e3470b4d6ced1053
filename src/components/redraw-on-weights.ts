// When views that run the model on the page redraw: after new weights from the worker, at most once per `every`
// ms (a grid of decoded digits costs a frame, and the worker sends weights several times a second while it trains),
// each view in its own slot. All of a page's views get new weights at the same moment; a different slot each puts
// them in separate tasks, so that no single task holds the main thread for all of them.
import {observeWeights, waitForSlot} from "./observe-trainer.js";
import type {Trainer} from "./trainer.js";

export interface RedrawSchedule {
  /** Milliseconds between redraws at most (default 2500). */
  every?: number;
  /** The view's slot (see waitForSlot): distinct for the views of one page. */
  slot: number;
}

/** Calls `draw` after new weights of any of `trainers`, as scheduled; returns the function that stops it. */
export function redrawOnWeights(
  trainers: Trainer[],
  draw: () => void,
  {every = 2500, slot}: RedrawSchedule
): () => void {
  let waiting = false;
  let stopped = false;
  const schedule = (): void => {
    // New weights while the view waits for its slot: the coming redraw will use them.
    if (waiting) return;
    waiting = true;
    void waitForSlot(slot).then(() => {
      waiting = false;
      if (!stopped) draw();
    });
  };
  const unsubscribes = trainers.map((trainer) => observeWeights(trainer, every)(schedule));
  return () => {
    stopped = true;
    unsubscribes.forEach((unsubscribe) => unsubscribe());
  };
}
