// The page's view of training: one state object, and the pure function that folds each worker message into it.
// No DOM, no worker, no TensorFlow.js: tests/unit/components/trainer-state.test.ts drives it with messages.
import type {BackendChoice} from "../lib/backend/names.js";
import type {CheckpointNote} from "../lib/checkpoints/manifest.js";
import type {CheckpointPreview} from "../lib/checkpoints/preview.js";
import type {ModelConfig} from "../lib/models/config.js";
import type {Evaluation} from "../lib/training/evaluation.js";
import type {LossValues} from "../lib/training/losses.js";
import type {TrainEvent} from "../lib/training/loop.js";
import type {WorkerMessage} from "../lib/training/protocol.js";
import type {SessionStatus} from "../lib/training/session.js";
import {uiStrings} from "./language.js";

export interface StepRecord {
  /** Steps since the model was built, across runs. */
  step: number;
  loss: LossValues;
}

export interface EpochRecord {
  step: number;
  epoch: number;
  train: LossValues;
  test?: Evaluation;
}

export interface ProbeImages {
  count: number;
  inputShape: number[];
  inputs: Float32Array;
  outputs: Float32Array;
}

export interface TrainerState {
  phase: "loading" | SessionStatus;
  backend?: BackendChoice;
  model?: {config: ModelConfig; params: number};
  step: number;
  epoch: number;
  stepsPerEpoch: number;
  /** Steps the current run will take in all. */
  runSteps: number;
  runStep: number;
  loss?: LossValues;
  samplesPerSecond: number;
  /**
   * Appended in place while a model trains, and replaced by a new array when the model changes: views tell a new
   * model from more steps by the array's identity (and copying thousands of records every step would cost).
   */
  history: StepRecord[];
  epochs: EpochRecord[];
  probe?: ProbeImages;
  /** Increases whenever the page's inference copy of the model gets new weights. */
  weightsVersion: number;
  /** A plain-words problem for the reader (a diverged run, a failed worker); cleared by the next run. */
  problem?: string;
  /** Where the current model's weights came from: a pretrained checkpoint (or none); cleared by Reset. */
  checkpoint?: CheckpointNote;
  /** Steps the model had when this browser last kept it (lib/training/saved-models.ts): a reload restores it. */
  savedSteps?: number;
  /**
   * The checkpoint's codes of the first test images, computed at build time (lib/checkpoints/preview.ts): shown
   * until the worker's own arrive. Set only while the opening model is the checkpoint's.
   */
  previewEmbedding?: CheckpointPreview["embedding"];
}

/** The state with what folding needs besides: where this run's steps start, and whether a preview is shown. */
export interface TrainerFold {
  state: TrainerState;
  /** Steps of earlier runs of the same model: a run's events count its own steps from 1. */
  stepBase: number;
  /** True while the state shows a checkpoint's build-time preview, until the worker's own results replace it. */
  previewing: boolean;
}

export interface Folded {
  fold: TrainerFold;
  /** Tell the views at once (a new model, first results, a problem), not at the next throttled update. */
  urgent: boolean;
  /** The message brought the page's first results (or ended the hope of them: a failure). */
  firstResults: boolean;
}

export function initialTrainerState(): TrainerState {
  return {
    phase: "loading",
    step: 0,
    epoch: 0,
    stepsPerEpoch: 0,
    runSteps: 0,
    runStep: 0,
    samplesPerSecond: 0,
    history: [],
    epochs: [],
    weightsVersion: 0
  };
}

/** Random weights: no training step yet and no pretrained checkpoint loaded. */
export function isUntrained(state: TrainerState): boolean {
  return state.step === 0 && !state.checkpoint?.name;
}

const changed = (fold: TrainerFold, changes: Partial<TrainerState>, flags: Partial<Folded> = {}): Folded => ({
  fold: {...fold, state: {...fold.state, ...changes}},
  urgent: flags.urgent ?? false,
  firstResults: flags.firstResults ?? false
});

/**
 * Folds one message from the training worker into the page's state. Query answers and weights are not state
 * (the worker client and the page's model copy take them): they come back unchanged.
 */
export function foldMessage(fold: TrainerFold, message: WorkerMessage): Folded {
  const {state} = fold;
  switch (message.type) {
    case "ready":
      return changed(fold, {backend: message.backend, phase: state.phase === "loading" ? "idle" : state.phase});
    case "status":
      return changed(fold, {phase: message.status}, {urgent: true});
    case "model":
      // A new architecture, or Reset: curves start over. The worker's first model is the one a preview shows (if
      // any): its pictures stay up until the worker's own probe replaces them.
      return changed(
        {...fold, stepBase: 0},
        {
          model: {config: message.config, params: message.params},
          history: [],
          epochs: [],
          epoch: 0,
          savedSteps: undefined,
          // (A preview of the reader's own saved model shows its step count too.)
          ...(fold.previewing ? {} : {step: 0, probe: undefined, checkpoint: undefined, previewEmbedding: undefined})
        },
        {urgent: true}
      );
    case "checkpoint": {
      // A new model's first weights: a checkpoint's (no steps on this page yet), or the reader's own saved ones.
      const {type: _type, ...note} = message;
      const restored = note.restored?.steps;
      const embedding = restored === undefined ? state.previewEmbedding : undefined;
      return changed(
        fold,
        {checkpoint: note, step: restored ?? 0, savedSteps: restored, previewEmbedding: embedding},
        {urgent: true}
      );
    }
    case "saved":
      return changed(fold, {savedSteps: message.steps});
    case "train":
      return foldTrainEvent(fold, message.event);
    case "failed":
      // A failed query is its caller's; anything else is the reader's to know.
      if (message.id !== undefined) return {fold, urgent: false, firstResults: false};
      return changed(fold, {problem: message.message}, {urgent: true, firstResults: true});
    case "weights":
    case "answer":
      return {fold, urgent: false, firstResults: false};
  }
}

function foldTrainEvent(fold: TrainerFold, event: TrainEvent): Folded {
  const {state} = fold;
  switch (event.type) {
    case "start":
      return changed(
        {...fold, stepBase: state.step},
        {stepsPerEpoch: event.stepsPerEpoch, runSteps: event.totalSteps, runStep: 0, problem: undefined}
      );
    case "step": {
      const step = fold.stepBase + event.step;
      state.history.push({step, loss: event.loss});
      return changed(fold, {
        step,
        runStep: event.step,
        epoch: event.epoch,
        loss: event.loss,
        samplesPerSecond: event.samplesPerSecond
      });
    }
    case "probe": {
      // The first reconstructions of a new model are the page's first results (or replace the preview).
      const first = !state.probe || fold.previewing;
      return changed({...fold, previewing: false}, {probe: event}, {urgent: first, firstResults: true});
    }
    case "epoch":
      state.epochs.push({step: state.step, epoch: event.epoch, train: event.loss, test: event.validation});
      return changed(fold, {}, {urgent: true});
    case "error": {
      const text = uiStrings().trainer;
      const reason = event.diverged === undefined ? event.message : text.diverged(event.diverged, event.step);
      return changed(fold, {problem: text.stopped(reason)}, {urgent: true});
    }
    case "done":
      return {fold, urgent: false, firstResults: false};
  }
}
