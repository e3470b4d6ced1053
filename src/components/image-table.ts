// Rows of images side by side with a few numbers each: "the same digits, seen N ways, with how close each is".
// Used by the denoising, super-resolution and properties pages. Rows can be updated in place (setRow), so a
// slider can redraw them many times a second without rebuilding the table or losing the reader's focus.
import {drawDigitGrid} from "./digit-grid.js";
import {uiStrings} from "./language.js";

export interface ImageRow {
  /** Row heading, e.g. "Noisy input". */
  label: string;
  /** `count` square images of `side` x `side` values (floats in [0, 1] or bytes 0-255), one after another. */
  pixels: ArrayLike<number>;
  side: number;
  /** One text per metric column, e.g. "18.2 dB". */
  metrics?: string[];
}

export interface ImageTable extends HTMLTableElement {
  setRow(index: number, row: ImageRow): void;
}

export interface ImageTableOptions {
  count: number;
  /** Displayed size of one image, CSS pixels. */
  cellSize?: number;
  /** Headings of the metric columns, e.g. ["PSNR", "SSIM"]. */
  metricHeaders?: string[];
  caption?: string;
}

export function drawImageTable(rows: ImageRow[], options: ImageTableOptions): ImageTable {
  const {metricHeaders = [], caption} = options;
  const table = document.createElement("table") as ImageTable;
  table.className = "image-table";
  if (caption) table.createCaption().textContent = caption;
  const head = table.createTHead().insertRow();
  // The first two headings are for screen readers only: the rows' headings and images say what they are.
  const headings = uiStrings().imageTable;
  [headings.version, headings.digits, ...metricHeaders].forEach((text, i) => {
    const cell = document.createElement("th");
    cell.scope = "col";
    if (i < 2) {
      const hidden = document.createElement("span");
      hidden.className = "sr-only";
      hidden.textContent = text;
      cell.append(hidden);
    } else cell.textContent = text;
    head.append(cell);
  });
  const body = table.createTBody();
  table.setRow = (index, row) => {
    const tr = body.rows[index] ?? body.insertRow();
    if (tr.cells.length === 0) {
      tr.append(document.createElement("th"));
      tr.insertCell();
      for (let i = 0; i < metricHeaders.length; i++) tr.insertCell().className = "metric";
    }
    const heading = tr.cells[0];
    heading.scope = "row";
    heading.textContent = row.label;
    // Every row as wide as a row of 28x28 images, whatever its resolution (gaps are 1 image pixel wide).
    const width = ((options.count * 29 - 1) * (options.cellSize ?? 40)) / 28;
    const canvas = drawDigitGrid(row.pixels, options.count, row.side, row.side, {
      columns: options.count,
      cellSize: (width * row.side) / (options.count * (row.side + 1) - 1),
      label: row.label
    });
    tr.cells[1].replaceChildren(canvas);
    metricHeaders.forEach((name, i) => {
      const cell = tr.cells[2 + i];
      cell.textContent = row.metrics?.[i] ?? "";
      // Shown before the number where a phone hides the column headings (see style.css).
      cell.dataset.label = name;
    });
  };
  rows.forEach((row, i) => table.setRow(i, row));
  return table;
}
