// The IDX parser and the site's dataset format, on synthetic buffers: valid ones round-trip, and every
// kind of corruption is refused with a message that says what is wrong.
import {describe, expect, test} from "vitest";
import {gzipSync} from "node:zlib";
import {
  countClasses,
  datasetFromIdx,
  decodeDataset,
  encodeDataset,
  parseIdxImages,
  parseIdxLabels,
  readDataset,
  sliceDataset,
  type Dataset
} from "../../../lib/data/dataset.js";
import {IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx} from "../../../lib/data/idx.js";

/** Builds an IDX file: big-endian magic and dimension sizes, then the bytes. */
function makeIdx(magic: number, shape: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * shape.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  shape.forEach((size, i) => view.setUint32(4 + 4 * i, size, false));
  out.set(data, 4 + 4 * shape.length);
  return out;
}

function makeDataset(count: number, rows = 3, cols = 2): Dataset {
  const images = Uint8Array.from({length: count * rows * cols}, (_, i) => (i * 37) % 256);
  const labels = Uint8Array.from({length: count}, (_, i) => (i * 7) % 10);
  return {count, rows, cols, classes: 10, labels, images};
}

describe("parseIdx", () => {
  test("reads shape and data of a valid image file", () => {
    const data = Uint8Array.from({length: 2 * 3 * 4}, (_, i) => i);
    const parsed = parseIdx(makeIdx(IDX_IMAGES_MAGIC, [2, 3, 4], data), IDX_IMAGES_MAGIC);
    expect(parsed.shape).toEqual([2, 3, 4]);
    expect(Array.from(parsed.data)).toEqual(Array.from(data));
  });

  test("refuses a bad magic number", () => {
    const labels = makeIdx(IDX_LABELS_MAGIC, [4], new Uint8Array(4));
    expect(() => parseIdx(labels, IDX_IMAGES_MAGIC)).toThrow(/bad magic number 2049, expected 2051/);
  });

  test("refuses a file truncated in the header or in the data", () => {
    const file = makeIdx(IDX_IMAGES_MAGIC, [2, 3, 4], new Uint8Array(24));
    expect(() => parseIdx(file.subarray(0, 2), IDX_IMAGES_MAGIC)).toThrow(/truncated/);
    expect(() => parseIdx(file.subarray(0, 10), IDX_IMAGES_MAGIC)).toThrow(/truncated: header/);
    expect(() => parseIdx(file.subarray(0, file.length - 1), IDX_IMAGES_MAGIC)).toThrow(/needs 40 bytes, file has 39/);
  });

  test("refuses trailing bytes (a count in the header that is too small)", () => {
    const file = makeIdx(IDX_IMAGES_MAGIC, [1, 3, 4], new Uint8Array(24));
    expect(() => parseIdx(file, IDX_IMAGES_MAGIC)).toThrow(/12 unexpected trailing bytes/);
  });

  test("image and label parsers check the rank", () => {
    expect(() => parseIdxImages(makeIdx(0x0802, [4, 2], new Uint8Array(8)))).toThrow(/bad magic/);
    expect(parseIdxLabels(makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(1, 2, 3))).shape).toEqual([3]);
  });
});

describe("datasetFromIdx", () => {
  const images = parseIdxImages(makeIdx(IDX_IMAGES_MAGIC, [3, 2, 2], new Uint8Array(12)));

  test("joins images and labels", () => {
    const labels = parseIdxLabels(makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(0, 9, 4)));
    const dataset = datasetFromIdx(images, labels);
    expect([dataset.count, dataset.rows, dataset.cols]).toEqual([3, 2, 2]);
    expect(countClasses(dataset)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });

  test("refuses a label count that differs from the image count", () => {
    const labels = parseIdxLabels(makeIdx(IDX_LABELS_MAGIC, [2], Uint8Array.of(0, 1)));
    expect(() => datasetFromIdx(images, labels)).toThrow(/2 labels for 3 images/);
  });

  test("refuses a label out of range", () => {
    const labels = parseIdxLabels(makeIdx(IDX_LABELS_MAGIC, [3], Uint8Array.of(0, 10, 1)));
    expect(() => datasetFromIdx(images, labels)).toThrow(/label 10 of image 1 is out of range 0-9/);
  });
});

describe("dataset format", () => {
  test("round-trips through encode and decode", () => {
    const dataset = makeDataset(5);
    const decoded = decodeDataset(encodeDataset(dataset));
    expect(decoded).toMatchObject({count: 5, rows: 3, cols: 2, classes: 10});
    expect(Array.from(decoded.images)).toEqual(Array.from(dataset.images));
    expect(Array.from(decoded.labels)).toEqual(Array.from(dataset.labels));
  });

  test("readDataset undoes gzip and reads plain files too", async () => {
    const dataset = makeDataset(7);
    const encoded = encodeDataset(dataset);
    const fromGzip = await readDataset(new Uint8Array(gzipSync(encoded)));
    const fromPlain = await readDataset(encoded);
    expect(Array.from(fromGzip.images)).toEqual(Array.from(dataset.images));
    expect(Array.from(fromPlain.labels)).toEqual(Array.from(dataset.labels));
  });

  test("refuses bad magic, truncation, wrong counts and out-of-range labels", () => {
    const encoded = encodeDataset(makeDataset(4));
    const badMagic = encoded.slice();
    badMagic[0] ^= 0xff;
    expect(() => decodeDataset(badMagic)).toThrow(/bad magic number/);
    expect(() => decodeDataset(encoded.subarray(0, 10))).toThrow(/truncated/);
    expect(() => decodeDataset(encoded.subarray(0, encoded.length - 1))).toThrow(/expected 49/);
    const wrongCount = encoded.slice();
    new DataView(wrongCount.buffer).setUint32(8, 5, true);
    expect(() => decodeDataset(wrongCount)).toThrow(/expected 56 for 5x3x2/);
    const badLabel = encoded.slice();
    badLabel[21 + 2] = 12;
    expect(() => decodeDataset(badLabel)).toThrow(/label 12 of image 2 is out of range/);
  });

  test("sliceDataset keeps the first images and their labels", () => {
    const dataset = makeDataset(6);
    const head = sliceDataset(dataset, 2);
    expect(head.count).toBe(2);
    expect(Array.from(head.labels)).toEqual(Array.from(dataset.labels.subarray(0, 2)));
    expect(head.images.length).toBe(2 * 3 * 2);
  });
});
