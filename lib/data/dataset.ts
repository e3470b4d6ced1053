// The one binary format the site ships images in, used by the data loaders (writing) and the pages,
// workers and Node tools (reading). Layout, all integers little-endian uint32:
//   magic "AEDS" | version | count | rows | cols | labels (count bytes) | pixels (count*rows*cols bytes)
// The whole file may be gzip-compressed; readDataset undoes that with the platform's DecompressionStream.
import {DataFormatError, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx, type IdxArray} from "./idx.js";

export const DATASET_MAGIC = 0x53444541; // "AEDS" read as a little-endian uint32
export const DATASET_VERSION = 1;
const HEADER_BYTES = 20;

/** Grayscale images with one class label each; pixels are 0-255, row-major, image after image. */
export interface Dataset {
  count: number;
  rows: number;
  cols: number;
  /** Number of distinct classes; every label is below it. */
  classes: number;
  labels: Uint8Array;
  images: Uint8Array;
}

export function checkDataset(dataset: Dataset): Dataset {
  const {count, rows, cols, classes, labels, images} = dataset;
  if (!(count > 0 && rows > 0 && cols > 0)) throw new DataFormatError(`empty dataset ${count}x${rows}x${cols}`);
  if (labels.length !== count) throw new DataFormatError(`${labels.length} labels for ${count} images`);
  if (images.length !== count * rows * cols) {
    throw new DataFormatError(`${images.length} pixels, expected ${count * rows * cols} (${count}x${rows}x${cols})`);
  }
  for (let i = 0; i < count; i++) {
    if (labels[i] >= classes)
      throw new DataFormatError(`label ${labels[i]} of image ${i} is out of range 0-${classes - 1}`);
  }
  return dataset;
}

/** Parses an IDX image file (rank 3: count x rows x cols). */
export function parseIdxImages(bytes: Uint8Array): IdxArray {
  const images = parseIdx(bytes, IDX_IMAGES_MAGIC);
  if (images.shape.length !== 3) throw new DataFormatError(`images have rank ${images.shape.length}, expected 3`);
  return images;
}

/** Parses an IDX label file (rank 1). */
export function parseIdxLabels(bytes: Uint8Array): IdxArray {
  const labels = parseIdx(bytes, IDX_LABELS_MAGIC);
  if (labels.shape.length !== 1) throw new DataFormatError(`labels have rank ${labels.shape.length}, expected 1`);
  return labels;
}

/** Combines parsed IDX images and labels, checking that they describe the same images. */
export function datasetFromIdx(images: IdxArray, labels: IdxArray, classes = 10): Dataset {
  if (images.shape.length !== 3) throw new DataFormatError(`images have rank ${images.shape.length}, expected 3`);
  const [count, rows, cols] = images.shape;
  if (labels.shape[0] !== count) throw new DataFormatError(`${labels.shape[0]} labels for ${count} images`);
  return checkDataset({count, rows, cols, classes, labels: labels.data, images: images.data});
}

/** The first `count` images of a dataset (no copy). */
export function sliceDataset(dataset: Dataset, count: number): Dataset {
  const n = Math.min(count, dataset.count);
  const size = dataset.rows * dataset.cols;
  return {...dataset, count: n, labels: dataset.labels.subarray(0, n), images: dataset.images.subarray(0, n * size)};
}

export function encodeDataset(dataset: Dataset): Uint8Array {
  checkDataset(dataset);
  const out = new Uint8Array(HEADER_BYTES + 1 + dataset.labels.length + dataset.images.length);
  const view = new DataView(out.buffer);
  [DATASET_MAGIC, DATASET_VERSION, dataset.count, dataset.rows, dataset.cols].forEach((v, i) =>
    view.setUint32(4 * i, v, true)
  );
  out[HEADER_BYTES] = dataset.classes;
  out.set(dataset.labels, HEADER_BYTES + 1);
  out.set(dataset.images, HEADER_BYTES + 1 + dataset.labels.length);
  return out;
}

export function decodeDataset(bytes: Uint8Array): Dataset {
  if (bytes.byteLength < HEADER_BYTES + 1) throw new DataFormatError(`truncated: ${bytes.byteLength} bytes, no header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== DATASET_MAGIC)
    throw new DataFormatError(`bad magic number 0x${magic.toString(16)}, not a dataset file`);
  const version = view.getUint32(4, true);
  if (version !== DATASET_VERSION) throw new DataFormatError(`unsupported version ${version}`);
  const [count, rows, cols] = [8, 12, 16].map((offset) => view.getUint32(offset, true));
  const classes = bytes[HEADER_BYTES];
  const expected = HEADER_BYTES + 1 + count + count * rows * cols;
  if (bytes.byteLength !== expected) {
    throw new DataFormatError(`${bytes.byteLength} bytes, expected ${expected} for ${count}x${rows}x${cols}`);
  }
  const labelStart = HEADER_BYTES + 1;
  return checkDataset({
    count,
    rows,
    cols,
    classes,
    labels: bytes.subarray(labelStart, labelStart + count),
    images: bytes.subarray(labelStart + count)
  });
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** `bytes` gunzipped if they are gzip data, else as they are (works in browsers, workers and Node). */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  // Typed arrays over a SharedArrayBuffer are not BlobParts; ours come from fetch or fs, never shared.
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Decodes a dataset file, gunzipping it first if needed. */
export async function readDataset(bytes: Uint8Array): Promise<Dataset> {
  return decodeDataset(await gunzipIfNeeded(bytes));
}

/** Pixels of image `index` scaled to [0, 1]. */
export function imageAsFloats(dataset: Dataset, index: number): Float32Array {
  const size = dataset.rows * dataset.cols;
  const out = new Float32Array(size);
  const offset = index * size;
  for (let i = 0; i < size; i++) out[i] = dataset.images[offset + i] / 255;
  return out;
}

/** Number of images of each class. */
export function countClasses(dataset: Dataset): number[] {
  const counts = new Array<number>(dataset.classes).fill(0);
  for (const label of dataset.labels) counts[label]++;
  return counts;
}

/** A new dataset of the images at `indices` (copied, in that order). */
export function pickImages(dataset: Dataset, indices: readonly number[]): Dataset {
  const size = dataset.rows * dataset.cols;
  const images = new Uint8Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  indices.forEach((index, i) => {
    if (!(index >= 0 && index < dataset.count)) throw new RangeError(`image ${index} is not in 0-${dataset.count - 1}`);
    images.set(dataset.images.subarray(index * size, (index + 1) * size), i * size);
    labels[i] = dataset.labels[index];
  });
  return {...dataset, count: indices.length, images, labels};
}

/** The index of the first `perClass` images of each class, class by class. */
export function firstOfEachClass(dataset: Dataset, perClass = 1): number[] {
  const picked: number[][] = Array.from({length: dataset.classes}, () => []);
  for (let i = 0; i < dataset.count; i++) {
    const bucket = picked[dataset.labels[i]];
    if (bucket.length < perClass) bucket.push(i);
  }
  return picked.flat();
}

/** The ten test digits that every page shows and whose reconstructions the training worker reports. */
export function probeIndicesOf(test: Dataset): number[] {
  return firstOfEachClass(test, 1);
}
