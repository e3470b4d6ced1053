// One of the site's shipped checkpoints as a model on the page, for views that show a model other than the one the
// page trains (the lesson's denoiser on clothes, the x4 super-resolution model fed noise). Waits for the page's
// TensorFlow.js (after first paint), then fetches the file the worker would fetch.
import type {Autoencoder} from "../lib/models/autoencoder.js";
import {checkpointFileUrls} from "./assets.js";
import type {Trainer} from "./trainer.js";

export async function loadShippedModel(trainer: Trainer, file: string): Promise<Autoencoder> {
  await trainer.ready;
  const url = checkpointFileUrls[file];
  if (!url) throw new Error(`no shipped checkpoint ${file}`);
  const [{loadCheckpoint}, response] = await Promise.all([import("../lib/checkpoints/format.js"), fetch(url)]);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return loadCheckpoint(new Uint8Array(await response.arrayBuffer()));
}
