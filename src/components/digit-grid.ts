// Draws grayscale images (Uint8Array 0-255, or floats 0-1) side by side on one canvas, one image per cell.
import type {Dataset} from "../lib/data/dataset.js";
import {uiStrings} from "./language.js";

export interface DigitGridOptions {
  /** Cells per row. */
  columns: number;
  /** Displayed size of one image in CSS pixels. */
  cellSize?: number;
  /** Gap between cells in image pixels. */
  gap?: number;
  /** Accessible description of the picture. */
  label?: string;
  /** Draws into this canvas instead of a new one: views that redraw while training reuse theirs (a new canvas
   *  and its context cost more than the drawing). */
  canvas?: HTMLCanvasElement;
}

/** Draws `count` images of `rows`x`cols` pixels read from `pixels` at `image * rows * cols`. */
export function drawDigitGrid(
  pixels: ArrayLike<number>,
  count: number,
  rows: number,
  cols: number,
  {columns, cellSize = 28, gap = 1, label, canvas = document.createElement("canvas")}: DigitGridOptions
): HTMLCanvasElement {
  const gridRows = Math.ceil(count / columns);
  const width = columns * (cols + gap) - gap;
  const height = gridRows * (rows + gap) - gap;
  // Resizing clears a canvas (and costs a reallocation): only when the size changes.
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  // Added, not set: a caller's own classes on a canvas it hands in stay.
  canvas.classList.add("digits");
  canvas.style.width = `${(width * cellSize) / cols}px`;
  canvas.setAttribute("role", "img");
  if (label) canvas.setAttribute("aria-label", label);
  const context = canvas.getContext("2d");
  if (!context) return canvas;
  const picture = context.createImageData(width, height);
  // Bytes are 0-255 already; anything else (model outputs) is a [0, 1] float.
  const scale = pixels instanceof Uint8Array ? 1 : 255;
  for (let image = 0; image < count; image++) {
    const x0 = (image % columns) * (cols + gap);
    const y0 = Math.floor(image / columns) * (rows + gap);
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const value = pixels[image * rows * cols + y * cols + x] * scale;
        const offset = 4 * ((y0 + y) * width + x0 + x);
        picture.data[offset] = picture.data[offset + 1] = picture.data[offset + 2] = value;
        picture.data[offset + 3] = 255;
      }
    }
  }
  context.putImageData(picture, 0, 0);
  return canvas;
}

/** Draws the first `perClass` images of every class, one class per row. */
export function drawClassGrid(dataset: Dataset, perClass: number, cellSize = 28): HTMLCanvasElement {
  const size = dataset.rows * dataset.cols;
  const picked = new Uint8Array(dataset.classes * perClass * size);
  const found = new Array<number>(dataset.classes).fill(0);
  for (let i = 0; i < dataset.count; i++) {
    const label = dataset.labels[i];
    if (found[label] >= perClass) continue;
    picked.set(dataset.images.subarray(i * size, (i + 1) * size), (label * perClass + found[label]++) * size);
  }
  return drawDigitGrid(picked, dataset.classes * perClass, dataset.rows, dataset.cols, {
    columns: perClass,
    cellSize,
    label: uiStrings().digitGrid.classGrid(perClass, dataset.classes)
  });
}
