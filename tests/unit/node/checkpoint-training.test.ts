// The shipped checkpoints (data/checkpoints, from `npm run checkpoints`): each one rebuilds its model and
// re-measures what the manifest says on the first 1,000 test images.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {beforeAll, describe, expect, test} from "vitest";
import {decodeCheckpoint} from "../../../lib/checkpoints/format.js";

import {CHECKPOINT_SPECS} from "../../../lib/checkpoints/list.js";
import {CHECKPOINT_DIR, loadStoredModel, measure, readManifest, SLICE_IMAGES} from "../../../lib/node/checkpoints.js";
import {registerFastKernels} from "../../../lib/backend/kernels/index.js";

beforeAll(async () => {
  // The backend and kernels the checkpoints were measured with, so that re-measuring gives the same numbers.
  await tf.setBackend("wasm");
  registerFastKernels(["wasm"]);
});

const stored = readManifest();

describe("the shipped checkpoints", () => {
  const entries = stored?.checkpoints ?? [];

  test("the manifest lists every checkpoint of `npm run checkpoints`, with its file, settings, training and metrics", () => {
    expect(entries.map((e) => e.name)).toEqual(CHECKPOINT_SPECS.map((s) => s.name));
    for (const e of entries) {
      const spec = CHECKPOINT_SPECS.find((s) => s.name === e.name)!;
      expect(e.config).toEqual(spec.config);
      expect(e.corruption).toEqual(spec.corruption);
      expect(e.klWeight).toEqual(spec.klWeight);
      expect(e.epochs).toBeGreaterThanOrEqual(1);
      expect(e.test.count).toBe(10000);
      for (const value of [e.test.loss, e.test.psnr, e.test.ssim]) expect(Number.isFinite(value)).toBe(true);
      const path = join(CHECKPOINT_DIR, e.file);
      expect(existsSync(path), path).toBe(true);
      expect(readFileSync(path).length).toBe(e.bytes);
      expect(decodeCheckpoint(new Uint8Array(readFileSync(path))).header.config).toEqual(e.config);
    }
  });

  test.each(entries.map((e) => [e.name, e] as const))(
    "%s rebuilds its model and re-measures the manifest's metrics on the first 1,000 test images",
    async (_name, e) => {
      expect(e.testSlice?.count).toBe(SLICE_IMAGES);
      const model = loadStoredModel(e);
      const testSlice = (await measure(model, e, SLICE_IMAGES)).testSlice!;
      model.dispose();
      // Same files, same seeded evaluation, same backend: only float summation order could differ.
      expect(Math.abs(testSlice.loss - e.testSlice!.loss) / e.testSlice!.loss).toBeLessThan(1e-3);
      expect(Math.abs(testSlice.psnr - e.testSlice!.psnr)).toBeLessThan(0.05);
      expect(Math.abs(testSlice.ssim - e.testSlice!.ssim)).toBeLessThan(1e-3);
    },
    60_000
  );
});

/**
 * docs/results.md has two numbers per row: the lesson's (25 epochs, batch 128) and the same code's own longer run
 * ("ours": 3-15 epochs at batch 32, as the checkpoints). The checkpoints trained far less (docs/checkpoints.md), so:
 * - against the table's run of the same code, a checkpoint may be worse by at most `worseThanRun` (it trained
 *   `runShare` of that run's images) and must not be better by more than 2% (that would mean another loss or test
 *   set, not a better model);
 * - against the lesson, it may be worse by at most `worseThanLesson`, and better only where the table's own run
 *   already is (super-resolution).
 */
const RESULTS: {
  row: string;
  checkpoint: string;
  lesson: number;
  run: number;
  runShare: string;
  worseThanRun: number;
  worseThanLesson: number;
}[] = [
  // 1 epoch against the table's 10: measured +21% vs that run, +13% vs the lesson.
  {
    row: "conv AE BCE",
    checkpoint: "conv-ae",
    lesson: 0.0953,
    run: 0.0892,
    runShare: "1/10",
    worseThanRun: 0.3,
    worseThanLesson: 0.2
  },
  // The lesson's noise N(0.5, 0.5^2): 1 clean epoch + 5,000 noisy images against 10 + 5 epochs: +50% and +32%.
  {
    row: "denoising BCE",
    checkpoint: "conv-ae-noise0.5-mean0.5",
    lesson: 0.1398,
    run: 0.1225,
    runShare: "1/14 (noisy part: 1/60)",
    worseThanRun: 0.6,
    worseThanLesson: 0.4
  },
  // 10,000 images against 3 epochs: +8% vs that run; 25% better than the lesson, as the table's run is (31%).
  {
    row: "super-res x2 BCE",
    checkpoint: "super-res-x2",
    lesson: 0.0955,
    run: 0.0658,
    runShare: "1/18",
    worseThanRun: 0.2,
    worseThanLesson: -0.15
  },
  // 15,000 images against the table's 10 + 10 epochs: +18% vs that run (true KL, as ours), +24% vs the lesson
  // (whose KL term is a lower bound, docs/results.md).
  {
    row: "dense VAE latent 2 loss",
    checkpoint: "dense-vae-latent2",
    lesson: 35.73,
    run: 37.46,
    runShare: "1/80",
    worseThanRun: 0.25,
    worseThanLesson: 0.3
  }
];

describe("the checkpoints against the results table (docs/results.md)", () => {
  test.each(RESULTS)("$row: lesson $lesson, table run $run, checkpoint $checkpoint ($runShare of that run)", (r) => {
    const entry = stored!.checkpoints.find((e) => e.name === r.checkpoint);
    expect(entry, `${r.checkpoint} is in the manifest`).toBeDefined();
    const loss = entry!.test.loss;
    expect(loss / r.run).toBeLessThanOrEqual(1 + r.worseThanRun);
    expect(loss / r.run).toBeGreaterThanOrEqual(0.98);
    expect(loss / r.lesson).toBeLessThanOrEqual(1 + r.worseThanLesson);
  });

  test("the numbers compared are the ones in docs/results.md", () => {
    const table = readFileSync("docs/results.md", "utf8");
    for (const {lesson, run} of RESULTS) {
      expect(table).toContain(String(lesson));
      expect(table).toContain(String(run));
    }
  });
});
