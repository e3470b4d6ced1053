// Latent-space helpers for the VAE page, DOM- and tfjs-free: codes for the manifold grid and for straight-line
// interpolation, 2-D views of the codes (the two chosen dimensions, or PCA), and the KL per dimension read
// from the training history.
import type {LossValues} from "../training/losses.js";
import {fitPca, projectPca} from "./pca.js";

/** Codes of a `size` x `size` grid: dimension `xAxis` runs from -range to +range left to right, `yAxis` from
 *  +range to -range top to bottom (as on a plot), every other dimension is 0. One code after another. */
export function latentGrid(dim: number, xAxis: number, yAxis: number, range: number, size: number): Float32Array {
  const codes = new Float32Array(size * size * dim);
  const at = (i: number): number => (size === 1 ? 0 : -range + (2 * range * i) / (size - 1));
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const code = (row * size + col) * dim;
      codes[code + xAxis] = at(col);
      if (yAxis !== xAxis) codes[code + yAxis] = at(size - 1 - row);
    }
  }
  return codes;
}

export interface ManifoldGrid {
  /** `count` codes of `latent` numbers each, one after another (rows top to bottom). */
  codes: Float32Array;
  count: number;
  /** The dimensions (from 0) that run across and up the grid; the same one twice for a 1-D code. */
  xAxis: number;
  yAxis: number;
}

/**
 * The codes of the manifold view: a `size` x `size` grid over the dimensions `x` and `y` (numbered from 1, as the
 * axis menus show them), or a single row along z1 for a 1-D code. The menus may still show the axes of a larger
 * code for a moment after the latent dimension shrinks: they are clamped to it.
 */
export function manifoldGrid(latent: number, x: number, y: number, range: number, size: number): ManifoldGrid {
  const xAxis = Math.min(x, latent) - 1;
  const yAxis = latent === 1 ? xAxis : Math.min(y, latent) - 1;
  const count = latent === 1 ? size : size * size;
  const codes = latentGrid(latent, xAxis, yAxis, range, size).subarray(0, count * latent);
  return {codes, count, xAxis, yAxis};
}

/**
 * The two dimensions (from 0) to plot codes of `dims` numbers along, for the axes `x` and `y` the menus show
 * (numbered from 1). The codes may still be those of the previous model for a moment after a rebuild: the axes
 * are clamped to them, and when clamping makes both the same, the vertical one moves to the next dimension.
 */
export function planeAxes(x: number, y: number, dims: number): [number, number] {
  const xAxis = Math.min(x, dims) - 1;
  const yAxis = Math.min(y, dims) - 1;
  return [xAxis, yAxis === xAxis ? (xAxis + 1) % dims : yAxis];
}

/**
 * The vertical axis menu for `latent` dimensions (numbered from 1) when the horizontal one is `x`: every dimension
 * but `x` (all of one), and the one to select, `remembered` (the reader's last pick) when it is still there.
 */
export function verticalAxisMenu(latent: number, x: number, remembered: number): {choices: number[]; value: number} {
  const choices = Array.from({length: latent}, (_, i) => i + 1).filter((d) => d !== x || latent === 1);
  const value = choices.includes(remembered) ? remembered : (choices.find((d) => d !== x) ?? choices[0]);
  return {choices, value};
}

/** `steps` points on the straight line from `a` to `b` (both included), one after another. */
export function interpolate(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float32Array {
  if (a.length !== b.length) throw new Error(`cannot interpolate between sizes ${a.length} and ${b.length}`);
  const out = new Float32Array(steps * a.length);
  for (let s = 0; s < steps; s++) {
    const t = steps === 1 ? 0 : s / (steps - 1);
    for (let j = 0; j < a.length; j++) out[s * a.length + j] = (1 - t) * a[j] + t * b[j];
  }
  return out;
}

/** Mean KL per latent dimension over the last `window` steps: a single batch is too noisy to read. */
export function recentKlPerDim(history: readonly {loss: LossValues}[], window = 20): number[] | undefined {
  const recent = history.slice(-window).filter((record) => record.loss.klPerDim);
  if (recent.length === 0) return undefined;
  const dims = recent[recent.length - 1].loss.klPerDim!.length;
  const sums = new Array<number>(dims).fill(0);
  let count = 0;
  for (const {loss} of recent) {
    if (loss.klPerDim!.length !== dims) continue;
    loss.klPerDim!.forEach((value, j) => (sums[j] += value));
    count++;
  }
  return sums.map((sum) => sum / count);
}

export type Projection = "pca" | "dims";

export interface PlanarView {
  x: Float32Array;
  y: Float32Array;
  xLabel: string;
  yLabel: string;
}

/**
 * The codes (`dims` numbers each) as points in a plane: 1-D codes against nothing (y = 0), 2-D codes as they are,
 * larger ones along the two chosen dimensions or their first two principal components. PCA is fitted on at most
 * `pcaFit` codes (a few hundred pin the top two directions down; all of them would cost the page a long frame).
 */
export function viewInPlane(
  codes: Float32Array,
  dims: number,
  projection: Projection,
  xAxis: number,
  yAxis: number,
  pcaFit = 500
): PlanarView {
  const n = codes.length / dims;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  if (dims > 2 && projection === "pca") {
    const fit = fitPca({values: codes.subarray(0, Math.min(n, pcaFit) * dims), dim: dims}, 2, {iterations: 40});
    const {values} = projectPca(fit, {values: codes, dim: dims});
    for (let i = 0; i < n; i++) [x[i], y[i]] = [values[2 * i], values[2 * i + 1]];
    return {x, y, xLabel: "First principal component", yLabel: "Second principal component"};
  }
  const [a, b] = dims === 1 ? [0, -1] : dims === 2 ? [0, 1] : [xAxis, yAxis];
  for (let i = 0; i < n; i++) {
    x[i] = codes[i * dims + a];
    y[i] = b < 0 ? 0 : codes[i * dims + b];
  }
  return {x, y, xLabel: `z${a + 1}`, yLabel: b < 0 ? "" : `z${b + 1}`};
}

/** A latent unit is "active" when its KL to the prior, averaged over data, exceeds this many nats. */
export const ACTIVE_UNIT_THRESHOLD = 0.01;

/** Number of latent dimensions whose mean KL (nats, from LossValues.klPerDim) exceeds the threshold. */
export function countActiveUnits(klPerDim: ArrayLike<number>, threshold = ACTIVE_UNIT_THRESHOLD): number {
  let active = 0;
  for (let i = 0; i < klPerDim.length; i++) if (klPerDim[i] > threshold) active++;
  return active;
}
