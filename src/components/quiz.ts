// A self-check quiz (lib/quizzes.ts) in the page's language: each question a <fieldset> with a <legend> and native
// radio inputs (so the keyboard works as in any form: Tab to the group, arrows between answers), and an aria-live
// line that says right or wrong, and why, as soon as an answer is chosen.
import {QUIZZES, type QuizName} from "../lib/quizzes.js";
import {pageLanguage, uiStrings} from "./language.js";

let quizCount = 0;

export function quiz(name: QuizName): HTMLElement {
  const language = pageLanguage();
  const text = uiStrings(language).quiz;
  const root = document.createElement("section");
  root.className = "quiz";
  const id = `quiz-${name}-${quizCount++}`;
  root.setAttribute("aria-labelledby", `${id}-heading`);
  const heading = document.createElement("h3");
  heading.id = `${id}-heading`;
  heading.textContent = text.heading;
  root.append(heading);
  QUIZZES[name].forEach((question, q) => {
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = question.prompt[language];
    const feedback = document.createElement("p");
    feedback.className = "quiz-feedback";
    feedback.setAttribute("aria-live", "polite");
    feedback.textContent = text.choose;
    fieldset.append(legend);
    question.choices.forEach((choice, c) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `${id}-${q}`;
      input.value = String(c);
      input.addEventListener("change", () => {
        const right = c === question.answer;
        feedback.dataset.result = right ? "right" : "wrong";
        feedback.textContent = `${right ? text.right : text.wrong} ${question.why[language]}`;
      });
      label.append(input, ` ${choice[language]}`);
      fieldset.append(label);
    });
    fieldset.append(feedback);
    root.append(fieldset);
  });
  return root;
}
