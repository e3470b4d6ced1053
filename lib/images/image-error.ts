// Plain-array reconstruction errors, for pages that already hold the pixels (no tensors, so no disposal).
// Images are stored one after another, `size` values each, in [0, 1].

/** Mean squared error of each image: [count]. */
export function meanSquaredErrors(a: ArrayLike<number>, b: ArrayLike<number>, size: number): Float32Array {
  if (a.length !== b.length || a.length % size !== 0) {
    throw new Error(`images differ in size: ${a.length} and ${b.length} values, ${size} per image`);
  }
  const count = a.length / size;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let p = i * size; p < (i + 1) * size; p++) sum += (a[p] - b[p]) ** 2;
    out[i] = sum / size;
  }
  return out;
}

/** |a - b| pixel by pixel, the picture of what an autoencoder loses. */
export function absoluteDifference(a: ArrayLike<number>, b: ArrayLike<number>): Float32Array {
  if (a.length !== b.length) throw new Error(`images differ in size: ${a.length} and ${b.length} values`);
  return Float32Array.from({length: a.length}, (_, i) => Math.abs(a[i] - b[i]));
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return values.length ? sum / values.length : NaN;
}

/** Highest PSNR shown (dB): identical images have an infinite PSNR, which cannot be averaged or plotted. */
export const PSNR_CEILING = 50;

/** PSNR in dB of each image against its reference (values in [0, 1]): the same as lib/images/metrics.ts psnr, on arrays. */
export function psnrs(reference: ArrayLike<number>, test: ArrayLike<number>, size: number): Float32Array {
  return meanSquaredErrors(reference, test, size).map((mse) => -10 * Math.log10(mse));
}
