// Keeps the test set's latent codes up to date while training, without flooding the worker: at most one
// "embed" query in flight, and a pause between queries that grows with their cost (encoding 2,000 images takes
// the worker away from training for that long).
import type {Queries} from "../lib/training/protocol.js";
import type {Trainer, TrainerState} from "./trainer.js";

export type Embedding = Queries["embed"]["answer"] & {weightsVersion: number};

/**
 * For Generators.observe: calls `notify` with fresh codes of the first `count` test images as the model trains
 * (first with the checkpoint's preview codes, or undefined, so that the page can say the codes are on their way).
 */
export function observeEmbedding(trainer: Trainer, count: number, minInterval = 1500) {
  return (notify: (embedding: Embedding | undefined) => void): (() => void) => {
    // The checkpoint's codes computed at build time stand in until the worker's first answer.
    let previewShown = false;
    const showPreview = (state: TrainerState): boolean => {
      const preview = state.previewEmbedding;
      if (previewShown || done >= 0 || !preview || preview.labels.length !== count) return false;
      previewShown = true;
      notify({...preview, weightsVersion: -1});
      return true;
    };
    let inFlight = false;
    let last = 0;
    let cost = 0;
    let done = -1;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest: TrainerState = trainer.state;
    if (!showPreview(latest)) notify(undefined);
    const ask = async (): Promise<void> => {
      timer = undefined;
      const version = latest.weightsVersion;
      if (inFlight || version === done || !latest.model || version === 0) return;
      const wait = last + Math.max(minInterval, 3 * cost) - performance.now();
      if (wait > 0) {
        timer = setTimeout(() => void ask(), wait);
        return;
      }
      inFlight = true;
      const start = performance.now();
      try {
        const answer = await trainer.query("embed", {count});
        done = version;
        notify({...answer, weightsVersion: version});
      } catch {
        // A rebuilt model or a disposed trainer: the next weights bring the next try.
      } finally {
        inFlight = false;
        last = performance.now();
        cost = last - start;
      }
      if (latest.weightsVersion !== done && timer === undefined) void ask();
    };
    const unsubscribe = trainer.subscribe((state) => {
      latest = state;
      showPreview(state);
      if (timer === undefined) void ask();
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  };
}
