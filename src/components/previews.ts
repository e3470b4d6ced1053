// The build's checkpoint previews (src/data/previews.bin, format in lib/checkpoints/preview.ts), fetched once per page: the
// trainer draws a checkpoint's preview before its worker is ready, and pages take the digits they show from it.
import {gunzipIfNeeded} from "../lib/data/dataset.js";
import {decodePreviews, toFloats, type Previews} from "../lib/checkpoints/preview.js";
import {previewsUrl} from "./assets.js";

let previews: Promise<Previews> | undefined;

/** The build's checkpoint previews, fetched once per page. */
export function loadPreviews(): Promise<Previews> {
  return (previews ??= fetch(previewsUrl).then(async (response) => {
    if (!response.ok) throw new Error(`${previewsUrl}: HTTP ${response.status}`);
    return decodePreviews(await gunzipIfNeeded(new Uint8Array(await response.arrayBuffer())));
  }));
}

/** The ten test digits every page shows, as [0, 1] floats, with their labels (from the previews file). */
export async function readProbeDigits(): Promise<{count: number; pixels: Float32Array; labels: Uint8Array}> {
  const {digits} = await loadPreviews();
  return {count: digits.count, pixels: toFloats(digits.images), labels: digits.labels};
}
