// A page's first results: the build-time preview of the checkpoint the worker is about to load (drawn before the
// worker is ready), and the moment they are on screen, which the page waits for before loading its heavy modules.
import {checkpointRequestOf, chooseCheckpoint, describeChoice} from "../lib/checkpoints/manifest.js";
import {toFloats} from "../lib/checkpoints/preview.js";
import type {SessionSettings} from "../lib/training/session.js";
import {canSaveModels, loadSavedNote, savedModelKey} from "../lib/training/saved-models.js";
import {uiStrings} from "./language.js";
import {loadCheckpointPreview, loadPreviews} from "./previews.js";
import type {TrainerState} from "./trainer-state.js";

/**
 * Says on `element` whether it now shows a trained model's results (data-results="trained") or not: the site
 * benchmark and the end-to-end tests wait for it, so "first results" means drawn, not merely computed.
 */
export function markResults(element: HTMLElement, trained: boolean): void {
  element.dataset.results = trained ? "trained" : "untrained";
}

/** Resolves once a view has drawn the first results (markResults), or a few seconds after they are in the state. */
export class FirstPaint {
  readonly drawn: Promise<void>;
  private resolve!: () => void;
  private waiting = false;

  constructor() {
    this.drawn = new Promise((resolve) => (this.resolve = resolve));
  }

  /** The results are in the state: wait for a view to draw them (a page whose views mark nothing: 3 s at most). */
  arrived(): void {
    if (this.waiting) return;
    this.waiting = true;
    const since = performance.now();
    const poll = (): void => {
      if (document.querySelector("[data-results]") || performance.now() - since > 3000) setTimeout(this.resolve, 0);
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  }
}

/**
 * The state that shows the preview of what the worker will load for `settings`: the reader's own model, trained on
 * this page and kept in this browser, or else the checkpoint trained with exactly those settings (its pictures are
 * then the ones the worker will draw); undefined otherwise.
 */
export async function previewState(settings: SessionSettings): Promise<Partial<TrainerState> | undefined> {
  const loading = loadPreviews().catch(() => undefined);
  const own = await savedPreviewState(settings);
  if (own) return own;
  const all = await loading;
  if (!all) return undefined;
  const request = checkpointRequestOf(settings);
  const choice = chooseCheckpoint(all.manifest, request);
  const preview = choice?.exact ? await loadCheckpointPreview(choice.entry.name).catch(() => undefined) : undefined;
  if (!preview) return undefined;
  const {probe} = preview;
  return {
    model: {config: settings.model, params: preview.params},
    checkpoint: describeChoice(request, choice, uiStrings()),
    probe: {
      count: probe.count,
      inputShape: probe.inputShape,
      inputs: toFloats(probe.inputs),
      outputs: toFloats(probe.outputs)
    },
    previewEmbedding: preview.embedding
  };
}

/** The reader's own model for `settings` on this page, as the worker will restore it (lib/training/model-keeper.ts). */
async function savedPreviewState(settings: SessionSettings): Promise<Partial<TrainerState> | undefined> {
  if (!canSaveModels()) return undefined;
  const reading = loadSavedNote(savedModelKey(location.pathname, settings)).catch(() => undefined);
  // Storage that does not answer soon (another tab upgrading it) must not hold up the checkpoint's preview.
  const note = await Promise.race([reading, new Promise<undefined>((done) => setTimeout(done, 1000))]);
  if (!note) return undefined;
  const {steps, savedAt, probe} = note;
  return {
    model: {config: settings.model, params: note.params},
    step: steps,
    savedSteps: steps,
    checkpoint: {exact: true, restored: {steps, savedAt}, text: uiStrings().checkpoints.restored(steps)},
    probe: {
      count: probe.count,
      inputShape: probe.inputShape,
      inputs: toFloats(probe.inputs),
      outputs: toFloats(probe.outputs)
    }
  };
}
