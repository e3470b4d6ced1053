// The lesson's exercise "feed pure noise to the x4 model and look at what it draws": ten 7x7 images of uniform
// noise through the shipped x4 super-resolution model, loaded on the page (once TensorFlow.js runs here).
import {createRng} from "../lib/random.js";
import {drawImageTable} from "./image-table.js";
import {uiStrings} from "./language.js";
import {loadShippedModel} from "./shipped-model.js";
import type {Trainer} from "./trainer.js";

const X4_CHECKPOINT = "super-res-x4.ckpt";
const COUNT = 10;

export function noiseToSuperResolution(trainer: Trainer): HTMLElement {
  const text = uiStrings().noiseToSuperResolution;
  const root = document.createElement("div");
  root.className = "noise-to-super-resolution";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = text.button;
  const note = document.createElement("p");
  note.className = "super-resolution-note";
  note.setAttribute("aria-live", "polite");
  root.append(button, note);
  let table: HTMLElement | undefined;
  let draws = 0;
  let model: Promise<{upscale(noise: Float32Array): Float32Array}> | undefined;
  const loadModel = async (): Promise<{upscale(noise: Float32Array): Float32Array}> => {
    const [x4, tf, {reconstruct}] = await Promise.all([
      loadShippedModel(trainer, X4_CHECKPOINT),
      trainer.ready.then(() => import("@tensorflow/tfjs")),
      import("../lib/models/autoencoder.js")
    ]);
    return {
      upscale(noise) {
        let pixels!: Float32Array;
        tf.tidy(() => {
          pixels = reconstruct(x4, tf.tensor4d(noise, [COUNT, 7, 7, 1])).dataSync() as Float32Array;
        });
        return pixels;
      }
    };
  };
  button.addEventListener("click", () => {
    note.textContent = text.loading;
    model ??= loadModel();
    model
      .then(({upscale}) => {
        const rng = createRng(100 + draws++);
        const noise = Float32Array.from({length: COUNT * 49}, () => rng.next());
        const next = drawImageTable(
          [
            {label: text.input, pixels: noise, side: 7},
            {label: text.output, pixels: upscale(noise), side: 28}
          ],
          {count: COUNT}
        );
        if (table) table.replaceWith(next);
        else root.append(next);
        table = next;
        note.textContent = "";
        button.textContent = text.again;
      })
      .catch((error: unknown) => {
        model = undefined;
        note.textContent = text.failed(error instanceof Error ? error.message : String(error));
      });
  });
  return root;
}
