// The one bootstrap of every training page: the page's URL state (its schema plus the backend chooser), the
// Trainer for its opening settings, and what the page's controls do to it. A page writes
//   const page = openTrainingPage({schema, settingsFor, invalidation});
// in its first cell (light imports: the worker starts loading at once), then, in the cell that reads its controls,
//   page.update({latent, backend: controls});
// which keeps the URL in step and reconfigures the trainer when the settings change. Opening the page never
// starts training: only a later change of settings (a slider moved by the reader) or the Train button does.
import {Generators} from "observablehq:stdlib";
import type {BackendPreference} from "../lib/backend/names.js";
import type {StateOf, StateSchema} from "../lib/page-state.js";
import type {SessionSettings} from "../lib/training/session.js";
import {observeEpochs, observeProbe, observeThrottled, observeWeights} from "./observe-trainer.js";
import {Trainer, type ProbeImages, type TrainerState} from "./trainer.js";
import {readUrlState, writeUrlState} from "./url-state.js";

export const BACKEND_FIELD = {default: "auto", choices: ["auto", "webgpu", "webgl", "wasm", "cpu"]} as const;

type WithBackend<S extends StateSchema> = S & {backend: typeof BACKEND_FIELD};

export interface TrainingPageOptions<S extends StateSchema> {
  /** The page's own controls; `backend` is added. */
  schema: S;
  /** The trainer's settings for a state of the controls. */
  settingsFor: (state: StateOf<S>) => SessionSettings;
  /** Framework's `invalidation` promise of the creating cell: the trainer goes with the page. */
  invalidation: Promise<unknown>;
  validationImages?: number;
}

export interface TrainingPage<S extends StateSchema> {
  /** The state the page opened with (from its URL). */
  readonly initial: StateOf<WithBackend<S>>;
  readonly trainer: Trainer;
  /** New values of the controls: rewrites the URL, and reconfigures the trainer (training) if the settings changed. */
  update(state: StateOf<WithBackend<S>>): void;
  /** The trainer's state at most once per `every` ms (for charts), as a Framework generator. */
  progress(every?: number): AsyncGenerator<TrainerState>;
  /** The version of the page's copy of the weights, at most once per `every` ms (for views that run the model). */
  weights(every?: number): AsyncGenerator<number>;
  /** The state whenever the worker's reconstructions of the probe digits change (each page's first results). */
  probe(): AsyncGenerator<TrainerState & {probe: ProbeImages}>;
  /** A key that changes when an epoch ends, the model is rebuilt or its first weights arrive (see observeEpochs). */
  epochs(): AsyncGenerator<string>;
}

export function openTrainingPage<S extends StateSchema>(options: TrainingPageOptions<S>): TrainingPage<S> {
  const schema = {...options.schema, backend: BACKEND_FIELD} as WithBackend<S>;
  const initial = readUrlState(schema);
  let configured = JSON.stringify(options.settingsFor(initial));
  let first = true;
  const trainer = new Trainer({
    backend: initial.backend as BackendPreference,
    settings: options.settingsFor(initial),
    validationImages: options.validationImages
  });
  void options.invalidation.then(() => trainer.dispose());
  return {
    initial,
    trainer,
    update(state) {
      writeUrlState(schema, state);
      const settings = options.settingsFor(state);
      const key = JSON.stringify(settings);
      const opening = first;
      first = false;
      if (key === configured) return;
      configured = key;
      // The first update reads the controls as the page opens: where they differ from the URL (a value snapped
      // to what a control allows), the model is rebuilt for them, but nothing trains until the reader acts.
      trainer.configure(settings, !opening);
    },
    progress: (every = 1000) => Generators.observe(observeThrottled(trainer, every)),
    weights: (every = 0) => Generators.observe(observeWeights(trainer, every)),
    probe: () => Generators.observe(observeProbe(trainer)),
    epochs: () => Generators.observe(observeEpochs(trainer))
  };
}
