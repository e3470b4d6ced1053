// Train / Pause / Reset, the backend chooser and a live progress line, for every training page.
// Built once per page and kept up to date by subscribing to the trainer, so focus and keyboard use survive
// the many updates of a run. Its `value` is the chosen backend, and it fires "input" when that changes.
import {BACKEND_LABELS, BACKEND_ORDER, type BackendPreference} from "../lib/backend/names.js";
import type {LossValues} from "../lib/training/losses.js";
import type {Trainer, TrainerState} from "./trainer.js";

const PHASE_LABELS: Record<TrainerState["phase"], string> = {
  loading: "Loading the data and starting TensorFlow.js…",
  idle: "Ready",
  training: "Training",
  paused: "Paused"
};

export function formatLoss(loss: LossValues | undefined): string {
  if (!loss) return "–";
  const parts =
    loss.kl === undefined ? "" : ` (reconstruction ${loss.reconstruction.toFixed(2)} + KL ${loss.kl.toFixed(2)})`;
  return `${loss.total.toFixed(loss.total < 1 ? 4 : 2)}${parts}`;
}

export function trainingControls(
  trainer: Trainer,
  backend: BackendPreference
): HTMLElement & {value: BackendPreference} {
  const root = document.createElement("div") as HTMLDivElement & {value: BackendPreference};
  root.className = "training-controls";
  root.value = backend;
  root.innerHTML = `
    <div class="training-buttons">
      <button type="button" data-action="train">Train</button>
      <button type="button" data-action="pause">Pause</button>
      <button type="button" data-action="reset" title="Start over from random weights">Reset</button>
      <label>Backend <select name="backend"></select></label>
    </div>
    <progress max="1" value="0" aria-label="Progress of this training run"></progress>
    <div class="training-status" role="status" aria-live="polite"></div>
    <div class="training-checkpoint" hidden></div>
    <div class="training-backend"></div>
    <div class="training-problem" role="alert" hidden></div>`;
  const select = root.querySelector("select")!;
  for (const option of ["auto", ...BACKEND_ORDER] as BackendPreference[]) {
    select.append(new Option(BACKEND_LABELS[option], option, false, option === backend));
  }
  const buttons = {
    train: root.querySelector<HTMLButtonElement>('[data-action="train"]')!,
    pause: root.querySelector<HTMLButtonElement>('[data-action="pause"]')!,
    reset: root.querySelector<HTMLButtonElement>('[data-action="reset"]')!
  };
  buttons.train.onclick = () => trainer.train();
  buttons.pause.onclick = () => trainer.pause();
  buttons.reset.onclick = () => trainer.reset();
  select.onchange = () => {
    root.value = select.value as BackendPreference;
    void trainer.setBackend(root.value);
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const progress = root.querySelector("progress")!;
  const status = root.querySelector<HTMLElement>(".training-status")!;
  const backendLine = root.querySelector<HTMLElement>(".training-backend")!;
  const problem = root.querySelector<HTMLElement>(".training-problem")!;
  const checkpoint = root.querySelector<HTMLElement>(".training-checkpoint")!;

  const render = (state: TrainerState): void => {
    buttons.train.disabled = state.phase === "loading" || state.phase === "training";
    buttons.pause.disabled = state.phase !== "training";
    buttons.reset.disabled = state.phase === "loading";
    buttons.train.textContent = state.phase === "paused" ? "Resume" : state.step > 0 ? "Train more" : "Train";
    progress.value = state.runSteps ? state.runStep / state.runSteps : 0;
    const parts = [PHASE_LABELS[state.phase]];
    if (state.phase !== "loading" && state.step > 0) {
      parts.push(
        `epoch ${state.epoch}`,
        `step ${state.step.toLocaleString("en-US")}`,
        `loss ${formatLoss(state.loss)}`,
        `${Math.round(state.samplesPerSecond).toLocaleString("en-US")} images/s`
      );
    }
    status.textContent = parts.join(" · ");
    if (state.backend) {
      const skipped = state.backend.skipped.map((s) => `${BACKEND_LABELS[s.backend]}: ${s.reason}`).join("; ");
      backendLine.textContent = `Running on ${BACKEND_LABELS[state.backend.backend]}${skipped ? ` (skipped ${skipped})` : ""}`;
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
