// Slower views of a trainer's state for Generators.observe. The trainer notifies up to five times a second;
// a cell that depends on the whole state re-runs that often. Views that redraw charts or decode images on the
// page subscribe through these instead, so that the main thread stays free while the worker trains.
import {isUntrained, type ProbeImages, type Trainer, type TrainerState} from "./trainer.js";

/** The state at most once per `every` ms (and always the last one, and at once when the phase or model changes). */
export function observeThrottled(trainer: Trainer, every = 1000) {
  return (notify: (state: TrainerState) => void): (() => void) => {
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let latest: TrainerState | undefined;
    let shown: TrainerState | undefined;
    const flush = (): void => {
      timer = undefined;
      last = performance.now();
      shown = latest;
      if (latest) notify(latest);
    };
    const unsubscribe = trainer.subscribe((state) => {
      latest = state;
      // A new model's first reconstructions are urgent too: they are the page's first results.
      const urgent =
        !shown ||
        state.phase !== shown.phase ||
        state.model !== shown.model ||
        state.history !== shown.history ||
        (state.probe !== undefined && shown.probe === undefined);
      if (urgent) {
        clearTimeout(timer);
        flush();
      } else if (timer === undefined) {
        timer = setTimeout(flush, Math.max(0, last + every - performance.now()));
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  };
}

/**
 * The version of the page's copy of the weights when it changes, at most once per `every` ms (the last version
 * always comes through): for views that run the model on the page, which cost a frame each time.
 */
export function observeWeights(trainer: Trainer, every = 0) {
  return (notify: (version: number) => void): (() => void) => {
    let shown = -1;
    let latest = -1;
    let last = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      last = performance.now();
      shown = latest;
      notify(latest);
    };
    const unsubscribe = trainer.subscribe((state) => {
      latest = state.weightsVersion;
      if (latest === shown || timer !== undefined) return;
      timer = setTimeout(flush, Math.max(0, last + every - performance.now()));
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  };
}

/**
 * Resolves after `slot` x `spacing` ms. Views that run the model on the page all re-run when new weights arrive;
 * awaiting different slots puts each in its own task, so no single task holds the main thread for all of them.
 */
export function waitForSlot(slot: number, spacing = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, slot * spacing));
}

/**
 * Calls `draw` whenever what a view of the model shows may change: the page's copy of the model gets new weights,
 * the model stops (or starts) being untrained, which changes what views say about it, or, while the page has no
 * copy yet, the worker's probe (or the build-time preview), which views show instead. Returns the unsubscribe
 * function.
 */
export function onModelChange(trainer: Trainer, draw: () => void): () => void {
  let version = -1;
  let untrained: boolean | undefined;
  let probe: ProbeImages | undefined;
  return trainer.subscribe((state) => {
    const probeChanged = !trainer.model && state.probe !== probe;
    if (state.weightsVersion === version && isUntrained(state) === untrained && !probeChanged) return;
    version = state.weightsVersion;
    untrained = isUntrained(state);
    probe = state.probe;
    draw();
  });
}

/**
 * The state whenever a new probe arrives: the worker's reconstructions of the shown digits, computed in the worker
 * (so they show before the page's copy of the model has loaded: they are each page's first results).
 */
export function observeProbe(trainer: Trainer) {
  return (notify: (state: TrainerState & {probe: ProbeImages}) => void): (() => void) => {
    let shown: ProbeImages | undefined;
    return trainer.subscribe((state) => {
      if (!state.probe || state.probe === shown) return;
      shown = state.probe;
      notify({...state, probe: state.probe});
    });
  };
}

export type PageInference = typeof import("./page-inference.js");

/**
 * Calls `use` with the views' on-page computations (./page-inference.js) once TensorFlow.js runs on the page, which
 * starts after the first results show. Until then, views draw the worker's probe.
 */
export function whenInferenceLoads(trainer: Trainer, use: (inference: PageInference) => void): void {
  void trainer.ready.then(() => import("./page-inference.js")).then(use);
}

/**
 * A key that changes only when an epoch ends, the model is rebuilt, or its first weights arrive: the cue for views
 * that measure the model over many digits (in the worker), which should not re-run at every step.
 */
export function observeEpochs(trainer: Trainer) {
  return (notify: (key: string) => void): (() => void) => {
    let last = "";
    return trainer.subscribe((state) => {
      const key = `${state.model?.params ?? 0}:${state.epochs.length}:${state.weightsVersion > 0}`;
      if (key !== last) notify((last = key));
    });
  };
}
