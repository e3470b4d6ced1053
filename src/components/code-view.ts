// Draws the codes of a few images, one row per image, so the reader can see what the decoder receives.
// A convolutional code (h×w×c) is drawn as c small h×w tiles, one per channel; a flat code as a strip of
// cells. Colours share one scale across all rows, so rows can be compared: gray from black (0) to white (the
// largest value) for codes that cannot be negative (after a ReLU), blue-white-red around 0 otherwise.
import * as d3 from "d3";

export interface CodeViewOptions {
  /** Displayed size of one code cell in CSS pixels. */
  cellSize?: number;
  /** Accessible description. */
  label?: string;
  /** Lowest and highest value of the colour scale; default: those of `codes` (pass one range to compare canvases). */
  range?: [number, number];
  /** Draws into this canvas instead of a new one (views that redraw while training reuse theirs). */
  canvas?: HTMLCanvasElement;
}

// 256-colour lookup tables: parsing a CSS colour per cell would cost more than the drawing.
const GRAYS = Array.from({length: 256}, (_, i) => d3.rgb(d3.interpolateGreys(1 - i / 255)));
const DIVERGING = Array.from({length: 256}, (_, i) => d3.rgb(d3.interpolateRdBu(1 - i / 255)));

/** Draws `count` codes of `shape` ([h, w, c] or [n]) read row after row from `codes`. */
export function drawCodes(
  codes: ArrayLike<number>,
  count: number,
  shape: number[],
  {cellSize = 8, label, range, canvas = document.createElement("canvas")}: CodeViewOptions = {}
): HTMLCanvasElement {
  const [tileRows, tileCols, tiles] = shape.length === 3 ? shape : [1, shape[0], 1];
  const size = tileRows * tileCols * tiles;
  const gap = 1;
  // A flat code wider than 32 cells wraps onto several lines of 32.
  const wrap = shape.length === 3 ? tileCols : Math.min(32, tileCols);
  const lines = shape.length === 3 ? tileRows : Math.ceil(tileCols / wrap);
  const width = tiles * (wrap + gap) - gap;
  const rowHeight = lines + 2;
  const height = count * rowHeight - 2;
  const [low, high] = range ?? rangeOf(codes, count * size);
  const diverging = low < 0;
  const extent = Math.max(Math.abs(low), Math.abs(high)) || 1;
  const table = diverging ? DIVERGING : GRAYS;
  const shade = (v: number): d3.RGBColor => {
    const t = diverging ? 0.5 + v / extent / 2 : v / extent;
    return table[Math.max(0, Math.min(255, Math.round(t * 255)))];
  };

  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== Math.max(1, height)) canvas.height = Math.max(1, height);
  canvas.className = "codes";
  canvas.style.width = `${width * cellSize}px`;
  canvas.setAttribute("role", "img");
  if (label) canvas.setAttribute("aria-label", label);
  const context = canvas.getContext("2d");
  if (!context) return canvas;
  const picture = context.createImageData(canvas.width, canvas.height);
  for (let image = 0; image < count; image++) {
    const y0 = image * rowHeight;
    for (let t = 0; t < tiles; t++) {
      for (let r = 0; r < lines; r++) {
        for (let c = 0; c < wrap; c++) {
          // Channels are the last axis of an h×w×c code.
          const index = shape.length === 3 ? (r * tileCols + c) * tiles + t : r * wrap + c;
          if (shape.length !== 3 && index >= tileCols) continue;
          const {r: red, g, b} = shade(codes[image * size + index]);
          const offset = 4 * ((y0 + r) * canvas.width + t * (wrap + gap) + c);
          picture.data[offset] = red;
          picture.data[offset + 1] = g;
          picture.data[offset + 2] = b;
          picture.data[offset + 3] = 255;
        }
      }
    }
  }
  context.putImageData(picture, 0, 0);
  return canvas;
}

/** Lowest and highest of the first `length` values. */
export function rangeOf(values: ArrayLike<number>, length = values.length): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < length; i++) {
    low = Math.min(low, values[i]);
    high = Math.max(high, values[i]);
  }
  return [low, high];
}
