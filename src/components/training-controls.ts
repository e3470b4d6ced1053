// Train / Pause / Reset, the backend chooser and a live progress line, for every training page.
// Built once per page and kept up to date by subscribing to the trainer, so focus and keyboard use survive
// the many updates of a run. Its `value` is the chosen backend, and it fires "input" when that changes.
// Compact, for phones: the backend chooser and the backend's details fold into a <details>, closed by default, and
// a row of the model's latest outputs for the ten test digits (shown on narrow screens only, see style.css) puts a
// result on the first screen of every training page. A button that disables itself while it has the focus (Train
// once training runs) hands the focus on to the one that undoes it (Pause), instead of dropping it to the page.
import {BACKEND_ORDER, type BackendPreference} from "../lib/backend/names.js";
import type {LossValues} from "../lib/training/losses.js";
import {drawDigitGrid} from "./digit-grid.js";
import {formatNumber, uiStrings} from "./language.js";
import type {ProbeImages, Trainer, TrainerState} from "./trainer.js";
import {weightsFile} from "./weights-file.js";

export function formatLoss(loss: LossValues | undefined): string {
  if (!loss) return "–";
  const text = uiStrings().trainingControls;
  const parts =
    loss.discriminator !== undefined
      ? text.adversarialParts(loss.discriminator, loss.generator ?? NaN)
      : loss.kl === undefined
        ? ""
        : text.vaeParts(loss.reconstruction, loss.kl);
  return `${formatNumber(loss.total, {digits: loss.total < 1 ? 4 : 2})}${parts}`;
}

export function trainingControls(
  trainer: Trainer,
  backend: BackendPreference
): HTMLElement & {value: BackendPreference} {
  const strings = uiStrings();
  const text = strings.trainingControls;
  const backendNames = strings.backends.names;
  const root = document.createElement("div") as HTMLDivElement & {value: BackendPreference};
  root.className = "training-controls";
  root.value = backend;
  root.innerHTML = `
    <div class="training-buttons">
      <button type="button" data-action="train">${strings.controls.train}</button>
      <button type="button" data-action="pause">${strings.controls.pause}</button>
      <button type="button" data-action="step" title="${text.stepTitle}">${strings.controls.step}</button>
      <button type="button" data-action="reset" title="${text.resetTitle}">${strings.controls.reset}</button>
      <details class="training-backend">
        <summary></summary>
        <label>${text.backend} <select name="backend"></select></label>
        <p class="training-backend-detail"></p>
      </details>
    </div>
    <progress max="1" value="0" aria-label="${text.progress}"></progress>
    <div class="training-status" role="status" aria-live="polite"></div>
    <div class="training-result" hidden>
      <span class="training-result-caption" aria-hidden="true">${text.resultCaption}</span>
      <canvas></canvas>
    </div>
    <div class="training-checkpoint" hidden></div>
    <div class="training-problem" role="alert" hidden></div>`;
  // Download / Load weights, after the backend's details (lib/checkpoints/format.ts files).
  root.querySelector(".training-buttons")!.append(weightsFile(trainer));
  const select = root.querySelector("select")!;
  for (const option of ["auto", ...BACKEND_ORDER] as BackendPreference[]) {
    select.append(new Option(backendNames[option], option, false, option === backend));
  }
  const buttons = {
    train: root.querySelector<HTMLButtonElement>('[data-action="train"]')!,
    pause: root.querySelector<HTMLButtonElement>('[data-action="pause"]')!,
    step: root.querySelector<HTMLButtonElement>('[data-action="step"]')!,
    reset: root.querySelector<HTMLButtonElement>('[data-action="reset"]')!
  };
  buttons.train.onclick = () => trainer.train();
  buttons.pause.onclick = () => trainer.pause();
  buttons.step.onclick = () => trainer.step();
  buttons.reset.onclick = () => trainer.reset();
  select.onchange = () => {
    root.value = select.value as BackendPreference;
    void trainer.setBackend(root.value);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const progress = root.querySelector("progress")!;
  const status = root.querySelector<HTMLElement>(".training-status")!;
  const backendSummary = root.querySelector<HTMLElement>(".training-backend summary")!;
  const backendDetail = root.querySelector<HTMLElement>(".training-backend-detail")!;
  const result = root.querySelector<HTMLElement>(".training-result")!;
  let shownProbe: ProbeImages | undefined;
  const problem = root.querySelector<HTMLElement>(".training-problem")!;
  const checkpoint = root.querySelector<HTMLElement>(".training-checkpoint")!;

  const render = (state: TrainerState): void => {
    const focused = Object.values(buttons).find((button) => button === document.activeElement);
    buttons.train.disabled = state.phase === "loading" || state.phase === "training";
    buttons.pause.disabled = state.phase !== "training";
    buttons.reset.disabled = state.phase === "loading";
    buttons.step.disabled = state.phase === "loading" || state.phase === "training";
    buttons.train.textContent =
      state.phase === "paused" ? strings.controls.resume : state.step > 0 ? text.trainMore : strings.controls.train;
    progress.value = state.runSteps ? state.runStep / state.runSteps : 0;
    const parts = [text.phases[state.phase]];
    if (state.phase !== "loading" && state.step > 0) {
      parts.push(
        text.epoch(state.epoch),
        text.step(state.step),
        text.loss(formatLoss(state.loss)),
        text.speed(state.samplesPerSecond)
      );
    }
    status.textContent = parts.join(" · ");
    if (focused?.disabled) {
      // Train hands over to Pause, Pause to Train (or Resume), Reset to whichever of them can be pressed.
      const next = focused === buttons.pause ? [buttons.train] : [buttons.pause, buttons.train];
      [...next, buttons.reset].find((button) => !button.disabled)?.focus();
    }
    backendSummary.textContent = text.backendSummary(backendNames[state.backend?.backend ?? root.value]);
    if (state.backend) {
      const skipped = state.backend.skipped.map((s) => `${backendNames[s.backend]}: ${s.reason}`).join("; ");
      backendDetail.textContent = text.runningOn(backendNames[state.backend.backend], skipped);
    }
    if (state.probe && state.probe !== shownProbe) {
      shownProbe = state.probe;
      const {count, outputs} = state.probe;
      const side = Math.round(Math.sqrt(outputs.length / count));
      const when = state.step
        ? strings.common.afterSteps(state.step)
        : state.checkpoint
          ? strings.common.fromCheckpoint
          : text.beforeTraining;
      drawDigitGrid(outputs, count, side, side, {
        columns: count,
        cellSize: 32,
        label: text.result(count, when),
        canvas: result.querySelector("canvas")!
      });
      result.hidden = false;
    }
    checkpoint.hidden = !state.checkpoint;
    checkpoint.textContent = state.checkpoint?.text ?? "";
    problem.hidden = !state.problem;
    problem.textContent = state.problem ?? "";
  };
  const unsubscribe = trainer.subscribe(render);
  root.addEventListener("dispose", unsubscribe);
  return root;
}
