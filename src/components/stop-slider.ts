// A slider over a fixed list of values ("stops"), for settings that span orders of magnitude and include 0, such
// as the KL weight: 0, 0.001, ..., 4. A plain linear slider from 0 to 4 could not reach 0.01; a log slider could
// not reach 0. The thumb moves one stop per arrow key, and the value is shown next to it.
import {formatNumber} from "./language.js";

export interface StopSliderOptions {
  label: string;
  value: number;
  format?: (value: number) => string;
  /** Text after the value, e.g. a unit or a hint. */
  note?: string;
}

/** Index of the stop nearest to `value`. */
export function nearestStop(stops: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < stops.length; i++) {
    if (Math.abs(stops[i] - value) < Math.abs(stops[best] - value)) best = i;
  }
  return best;
}

/** A form whose `value` is one of `stops`; it fires "input" when the reader moves the thumb. */
export function stopSlider(
  stops: readonly number[],
  {label, value, format = (stop) => formatNumber(stop), note}: StopSliderOptions
): HTMLFormElement & {value: number} {
  const form = document.createElement("form") as HTMLFormElement & {value: number};
  form.className = "stop-slider";
  const id = `stop-slider-${Math.random().toString(36).slice(2, 9)}`;
  form.innerHTML = `<label for="${id}"></label><input id="${id}" type="range" min="0" max="${stops.length - 1}" step="1"><output></output>`;
  const labelElement = form.querySelector("label")!;
  const input = form.querySelector("input")!;
  const output = form.querySelector("output")!;
  labelElement.textContent = label;
  let current = stops[nearestStop(stops, value)];
  const show = (): void => {
    input.value = String(stops.indexOf(current));
    output.textContent = note ? `${format(current)} ${note}` : format(current);
    input.setAttribute("aria-valuetext", format(current));
  };
  // The range's "input" event bubbles up to the form, which is what Framework's view() listens to.
  input.addEventListener("input", () => {
    current = stops[Number(input.value)];
    show();
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  Object.defineProperty(form, "value", {
    get: () => current,
    set: (v: number) => {
      current = stops[nearestStop(stops, v)];
      show();
    }
  });
  show();
  return form;
}
