// Inputs.range labels only its number box; the slider itself would have no accessible name (screen readers
// announce "slider", and tests cannot find it by label). This gives the slider the label's text.
export function labelRange<T extends HTMLElement>(form: T): T {
  const text = form.querySelector("label")?.textContent ?? "";
  form.querySelector("input[type=range]")?.setAttribute("aria-label", text);
  return form;
}
