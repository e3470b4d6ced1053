// In-page helpers for the denoising, super-resolution and properties tests: pixel sums and fingerprints of
// canvases, read inside the page. Installed as a string: the test runner would add helpers to a function.
import type {Locator, Page} from "playwright-core";

export const CANVAS_HELPERS = `{
  window.canvasPixels = (selector) => {
    const canvas = document.querySelector(selector);
    if (!canvas) return null;
    return Array.from(canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data);
  };
  window.countDifferentPixels = (a, b) => {
    if (!a || !b || a.length !== b.length) return -1;
    let n = 0;
    for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i]) n++;
    return n;
  };
  window.countInkedPixels = (a) => {
    if (!a) return -1;
    let n = 0;
    for (let i = 0; i < a.length; i += 4) if (a[i] > 0) n++;
    return n;
  };
}`;

/** The red channel of a canvas, read in the page (null if there is no such canvas). */
export async function readCanvas(page: Page, selector: string): Promise<number[] | null> {
  return page.evaluate(
    (s) => (window as unknown as {canvasPixels(s: string): number[] | null}).canvasPixels(s),
    selector
  );
}

export function countDifferentPixels(a: number[] | null, b: number[] | null): number {
  if (!a || !b || a.length !== b.length) return -1;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i]) n++;
  return n;
}

export function countInkedPixels(a: number[] | null): number {
  if (!a) return -1;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] > 0) n++;
  return n;
}

/** Text of the metric cell `column` (0-based) in the image-table row headed `row`. */
export async function readMetric(page: Page, tableSelector: string, row: string, column = 0): Promise<string> {
  return page.evaluate(
    ([t, r, c]) => {
      const rows = [...document.querySelectorAll(`${t} tbody tr`)];
      const found = rows.find((tr) => tr.querySelector("th")?.textContent === r);
      return found?.querySelectorAll("td.metric")[Number(c)]?.textContent ?? "";
    },
    [tableSelector, row, String(column)]
  );
}

/** The range input of the Inputs.range labelled `label` (its label names the number box, not the range). */
export function rangeInput(page: Page, label: string): Locator {
  return page
    .locator("form", {has: page.locator("label", {hasText: new RegExp(`^${label}$`)})})
    .locator("input[type=range]");
}

/** Sets an Inputs.range by its label, as a reader dragging it would. */
export async function setSlider(page: Page, label: string, value: number): Promise<void> {
  await rangeInput(page, label).evaluate((element: HTMLInputElement, v: number) => {
    element.value = String(v);
    element.dispatchEvent(new Event("input", {bubbles: true}));
  }, value);
}
