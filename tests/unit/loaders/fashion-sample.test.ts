// The build's Fashion-MNIST sample loader: 10 images of each class in our dataset format, skipping the
// package's empty arrays; a missing or malformed class file makes it exit non-zero naming that file.
import {execFile} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {promisify} from "node:util";
import {afterAll, expect, test} from "vitest";
import {countClasses, readDataset} from "../../../lib/data/dataset.js";

const run = promisify(execFile);
const LOADER = "src/data/fashion-sample.bin.ts";
const tempDirs: string[] = [];

afterAll(() => tempDirs.forEach((dir) => rmSync(dir, {recursive: true, force: true})));

/** Class files like the package's: `perClass` images whose pixels all equal the class number, then 2 empty arrays. */
function writeClasses(perClass: number, edit?: (label: number, data: unknown[]) => unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "fashion-"));
  tempDirs.push(dir);
  for (let label = 0; label < 10; label++) {
    const data: unknown[] = [[], ...Array.from({length: perClass}, () => new Array(784).fill(label * 20)), [], []];
    writeFileSync(join(dir, `${label}.json`), JSON.stringify(edit ? edit(label, data) : {data}));
  }
  return dir;
}

function runLoader(dir: string) {
  return run("npx", ["tsx", LOADER], {
    env: {...process.env, FASHION_MNIST_DIR: dir},
    encoding: "buffer",
    maxBuffer: 16 << 20
  });
}

async function runLoaderFailing(dir: string): Promise<string> {
  try {
    await runLoader(dir);
  } catch (error) {
    const {code, stderr} = error as {code: number; stderr: Buffer};
    expect(code).not.toBe(0);
    return stderr.toString();
  }
  throw new Error("the loader succeeded on broken data");
}

test("writes 10 images per class, labelled by file, skipping empty arrays", async () => {
  const {stdout} = await runLoader(writeClasses(12));
  const dataset = await readDataset(new Uint8Array(stdout));
  expect(dataset).toMatchObject({count: 100, rows: 28, cols: 28, classes: 10});
  expect(countClasses(dataset)).toEqual(new Array(10).fill(10));
  // Image 35 is the 6th of class 3, whose pixels are all 60.
  expect(dataset.labels[35]).toBe(3);
  expect(dataset.images[35 * 784 + 400]).toBe(60);
}, 60_000);

test("fails naming the file when a class has too few images, a bad value or bad JSON", async () => {
  expect(await runLoaderFailing(writeClasses(5))).toMatch(/0\.json: only 5 images/);
  const badValue = writeClasses(12, (label, data) => {
    if (label === 4) (data[3] as number[])[10] = 300;
    return {data};
  });
  expect(await runLoaderFailing(badValue)).toMatch(/4\.json: entry 3 has a value outside the integers 0-255/);
  const badJson = writeClasses(12, (label, data) => (label === 7 ? "{not json" : {data}));
  expect(await runLoaderFailing(badJson)).toMatch(/7\.json/);
}, 60_000);
