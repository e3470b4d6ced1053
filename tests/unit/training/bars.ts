// Training data for the training tests: easy to learn, not trivial.
import type {Dataset} from "../../../lib/data/dataset.js";
import {createRng} from "../../../lib/random.js";

/** Images of one bright bar each (horizontal or vertical, random position): easy to learn, not trivial. */
export function makeBars(count: number, seed: number): Dataset {
  const rng = createRng(seed);
  const images = new Uint8Array(count * 784);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const vertical = rng.next() < 0.5;
    const at = 4 + rng.int(20);
    labels[n] = vertical ? 1 : 0;
    for (let i = 0; i < 28; i++) {
      for (let w = 0; w < 3; w++) images[n * 784 + (vertical ? i * 28 + at + w : (at + w) * 28 + i)] = 255;
    }
  }
  return {count, rows: 28, cols: 28, classes: 2, labels, images};
}
