// The parts that the VAE page's rows of digits share: the label over a row, the note that stands in for a row not
// drawn yet, and the test digit of a class that a walk starts or ends at.
import type {readProbeDigits} from "./previews.js";

/** The ten digits every page shows, one of each class (see readProbeDigits). */
export type ProbeDigits = Awaited<ReturnType<typeof readProbeDigits>>;

/** The 28x28 image of `digit` among the shown digits. */
export function pickShownDigit(shown: ProbeDigits, digit: number): Float32Array {
  const i = shown.labels.indexOf(digit);
  return shown.pixels.subarray(i * 784, (i + 1) * 784);
}

/** A label over a row of digits. */
export function labelDigitRow(text: string): HTMLDivElement {
  const label = document.createElement("div");
  label.className = "digit-row-label";
  label.textContent = text;
  return label;
}

/** The note in place of a row not drawn yet; `html` is a component's own text, never the reader's. */
export function describeWait(html: string): HTMLParagraphElement {
  const note = document.createElement("p");
  note.className = "vae-placeholder";
  note.innerHTML = html;
  return note;
}
