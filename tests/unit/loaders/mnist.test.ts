// The build's MNIST data loader: it writes a valid dataset from the real files, and a missing or corrupt
// file makes it exit non-zero with that file's name (Framework then fails the build).
import {execFile} from "node:child_process";
import {copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {afterAll, expect, test} from "vitest";
import {readDataset} from "../../../lib/data/dataset.js";
import {mnistDataDir, mnistFiles} from "../../../lib/node/mnist.js";

const run = promisify(execFile);
const LOADER = "src/data/mnist-[split].bin.ts";
const tempDirs: string[] = [];

function runLoader(split: string, dataDir?: string) {
  const env = {...process.env, ...(dataDir ? {MNIST_DATA_DIR: dataDir} : {})};
  return run("npx", ["tsx", LOADER, `--split=${split}`], {env, encoding: "buffer", maxBuffer: 64 << 20});
}

/** A fresh copy of the test split's IDX files, for one test to corrupt. */
function copyTestSplit(): string {
  const dir = mkdtempSync(join(tmpdir(), "mnist-corrupt-"));
  tempDirs.push(dir);
  for (const file of Object.values(mnistFiles("test"))) copyFileSync(file, join(dir, file.split("/").pop()!));
  return dir;
}

/** Runs the loader expecting failure; returns its exit code and error output. */
async function runLoaderFailing(split: string, dataDir: string): Promise<{code: number; stderr: string}> {
  try {
    await runLoader(split, dataDir);
  } catch (error) {
    const {code, stderr} = error as {code: number; stderr: Buffer};
    return {code, stderr: stderr.toString()};
  }
  throw new Error("the loader succeeded on corrupt data");
}

afterAll(() => tempDirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

test("writes the full test split from the real files", async () => {
  const {stdout} = await runLoader("test");
  const dataset = await readDataset(new Uint8Array(stdout));
  expect([dataset.count, dataset.rows, dataset.cols, dataset.classes]).toEqual([10000, 28, 28, 10]);
  const original = readFileSync(mnistFiles("test", mnistDataDir()).labels);
  expect(Array.from(dataset.labels.subarray(0, 20))).toEqual(Array.from(original.subarray(8, 28)));
});

test("fails naming a truncated image file", async () => {
  const corruptDir = copyTestSplit();
  const {images} = mnistFiles("test", corruptDir);
  truncateSync(images, 16 + 784 * 100);
  const {code, stderr} = await runLoaderFailing("test", corruptDir);
  expect(code).toBe(1);
  expect(stderr).toMatch(/t10k-images-idx3-ubyte: truncated/);
});

test("fails naming a label file with a bad magic number", async () => {
  const corruptDir = copyTestSplit();
  const {labels} = mnistFiles("test", corruptDir);
  const bytes = readFileSync(labels);
  bytes[3] = 0x07;
  writeFileSync(labels, bytes);
  const {code, stderr} = await runLoaderFailing("test", corruptDir);
  expect(code).toBe(1);
  expect(stderr).toMatch(/t10k-labels-idx1-ubyte: bad magic number/);
});

test("fails naming a missing file", async () => {
  const corruptDir = copyTestSplit();
  rmSync(mnistFiles("test", corruptDir).labels);
  const {code, stderr} = await runLoaderFailing("test", corruptDir);
  expect(code).toBe(1);
  expect(stderr).toMatch(/t10k-labels-idx1-ubyte: cannot read \(ENOENT\)/);
});
