// The build's checkpoint previews (format in lib/checkpoints/preview.ts), fetched once per page: the index
// (src/data/previews.bin: the manifest and the digits every page shows, a few KB), and the pictures of the one
// checkpoint the page shows first (src/data/previews/[checkpoint].bin.ts). The trainer draws that preview before its
// worker is ready, and pages take the digits they show from the index.
import {gunzipIfNeeded} from "../lib/data/dataset.js";
import {decodePreviews, toFloats, type CheckpointPreview, type Previews} from "../lib/checkpoints/preview.js";
import {previewsUrl} from "./assets.js";
import {checkpointPreviewUrls} from "./checkpoint-previews.js";

let previews: Promise<Previews> | undefined;
const checkpointPreviews = new Map<string, Promise<CheckpointPreview | undefined>>();

async function fetchPreviews(url: string): Promise<Previews> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return decodePreviews(await gunzipIfNeeded(new Uint8Array(await response.arrayBuffer())));
}

/** The previews' index (the manifest and the shown digits; no checkpoint's pictures), fetched once per page. */
export function loadPreviews(): Promise<Previews> {
  return (previews ??= fetchPreviews(previewsUrl));
}

/** The pictures of the checkpoint `name`, fetched once per page; undefined if the build has none. */
export function loadCheckpointPreview(name: string): Promise<CheckpointPreview | undefined> {
  const url = checkpointPreviewUrls[name];
  if (!url) return Promise.resolve(undefined);
  let preview = checkpointPreviews.get(name);
  if (!preview) checkpointPreviews.set(name, (preview = fetchPreviews(url).then((file) => file.previews[name])));
  return preview;
}

/** The ten test digits every page shows, as [0, 1] floats, with their labels (from the previews file). */
export async function readProbeDigits(): Promise<{count: number; pixels: Float32Array; labels: Uint8Array}> {
  const {digits} = await loadPreviews();
  return {count: digits.count, pixels: toFloats(digits.images), labels: digits.labels};
}
