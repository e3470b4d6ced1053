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
