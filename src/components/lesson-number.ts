// The lesson's number beside ours for one of the lesson's results (lib/checkpoints/lesson-results.ts): the
// notebook's final test loss, and the shipped checkpoint's, read from the manifest the previews file carries.
import {compareWithLesson, LESSON_RESULTS, LESSON_TRAINING} from "../lib/checkpoints/lesson-results.js";
import {formatNumber, uiStrings} from "./language.js";
import {loadPreviews} from "./previews.js";

export function lessonNumber(checkpoint: string): HTMLElement {
  const text = uiStrings().lessonNumber;
  const root = document.createElement("p");
  root.className = "lesson-number";
  const result = LESSON_RESULTS.find((r) => r.checkpoint === checkpoint);
  if (result?.kind !== "loss") throw new Error(`no lesson loss for ${checkpoint}`);
  const loss = (value: number): string => formatNumber(value, {digits: 4});
  const lesson = text.lesson(loss(result.lesson), LESSON_TRAINING.epochs, LESSON_TRAINING.batchSize);
  root.textContent = lesson;
  void loadPreviews().then(({manifest}) => {
    const entry = manifest.checkpoints.find((e) => e.name === checkpoint);
    const comparison = compareWithLesson(result, entry);
    root.textContent = `${lesson} ${
      comparison.status === "measured" && entry ? text.ours(loss(comparison.ours), entry.epochs) : text.training
    }`;
  });
  return root;
}

/**
 * The VAE's loss under both KL formulas, the true one (ours) and the notebook's, measured on the shipped checkpoint
 * `checkpoint` (one whose lesson result is measured with the notebook's formula), beside the notebook's number.
 */
export function lessonKlGap(checkpoint: string): HTMLElement {
  const text = uiStrings().lessonNumber;
  const root = document.createElement("p");
  root.className = "lesson-kl-gap";
  const result = LESSON_RESULTS.find((r) => r.checkpoint === checkpoint);
  if (result?.kind !== "loss" || result.measure !== "lessonLoss")
    throw new Error(`no notebook-KL result for ${checkpoint}`);
  root.textContent = text.klTraining;
  void loadPreviews().then(({manifest}) => {
    const entry = manifest.checkpoints.find((e) => e.name === checkpoint);
    if (!entry?.stopped || entry.lessonLoss === undefined) return;
    const loss = (value: number): string => formatNumber(value, {digits: 2});
    root.innerHTML = text.klGap(
      loss(entry.test.loss),
      loss(entry.lessonLoss),
      loss(entry.test.loss - entry.lessonLoss),
      loss(result.lesson),
      formatNumber(entry.test.count)
    );
  });
  return root;
}
