// The shipped checkpoints (data/checkpoints, from `npm run checkpoints`): each one rebuilds its model and
// re-measures what the manifest says on the first 1,000 test images; the lesson's rows must beat the lesson.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {beforeAll, describe, expect, test} from "vitest";
import {decodeCheckpoint} from "../../../lib/checkpoints/format.js";
import {CHECKPOINT_SPECS, scheduleOf} from "../../../lib/checkpoints/list.js";
import {isPlateau} from "../../../lib/checkpoints/plateau.js";
import {LESSON_RESULTS} from "../../../lib/checkpoints/lesson-results.js";
import {CHECKPOINT_DIR, loadStoredModel, readManifest} from "../../../lib/node/checkpoint-store.js";
import {isFinished, measure, SLICE_IMAGES} from "../../../lib/node/checkpoint-training.js";
import {registerFastKernels} from "../../../lib/backend/kernels/index.js";

beforeAll(async () => {
  // The backend and kernels the checkpoints were measured with, so that re-measuring gives the same numbers.
  await tf.setBackend("wasm");
  registerFastKernels(["wasm"]);
});

const stored = readManifest();

describe("the shipped checkpoints", () => {
  const entries = stored?.checkpoints ?? [];

  test("every one trained on all 60,000 training images to the plateau of its schedule's last learning rate", () => {
    for (const spec of CHECKPOINT_SPECS) {
      const entry = entries.find((e) => e.name === spec.name);
      expect(entry?.stopped, spec.name).toBe("plateau");
      expect(isFinished(entry, spec), spec.name).toBe(true);
      // The recorded curve ends on a plateau of its last learning rate, judged (as lib/checkpoints/plateau.ts does) on
      // that rate's epochs and the one before them.
      const curve = entry!.curve!;
      const lastRate = curve.at(-1)!.learningRate;
      const phaseStart = curve.findIndex((point) => point.learningRate === lastRate);
      const lastPhase = curve.slice(Math.max(0, phaseStart - 1)).map((point) => point.testLoss);
      expect(isPlateau(lastPhase, scheduleOf(spec).window), spec.name).toBe(true);
      expect(curve.length, spec.name).toBe(entry!.epochs);
    }
  });

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
 * The lesson's rows (lib/checkpoints/lesson-results.ts, the tables of README.md and docs/results.md): each one's
 * checkpoint, re-measured from its file on all 10,000 test images, must give the manifest's number and do at least as
 * well as the lesson's own, with no tolerance (losses: at most the lesson's; the embedding: kNN accuracy at least
 * PCA's + the row's margin). A checkpoint not yet retrained to its plateau fails: its number is not the lesson's run.
 */
describe("the lesson's rows against the lesson's numbers", () => {
  test.each(LESSON_RESULTS.map((r) => [r.checkpoint, r] as const))(
    "%s does at least as well as the lesson",
    async (_name, result) => {
      const entry = stored?.checkpoints.find((e) => e.name === result.checkpoint);
      expect(entry, `${result.checkpoint} is in the manifest`).toBeDefined();
      expect(entry!.stopped, `${result.checkpoint} is retrained to its plateau (npm run checkpoints)`).toBeDefined();
      const model = loadStoredModel(entry!);
      const measured = await measure(model, entry!);
      model.dispose();
      if (result.kind === "embedding") {
        expect(measured.embedding).toEqual(entry!.embedding);
        const {knnAccuracy, pcaKnnAccuracy} = measured.embedding!;
        expect(knnAccuracy, `kNN accuracy against PCA's ${pcaKnnAccuracy}`).toBeGreaterThanOrEqual(
          pcaKnnAccuracy + result.margin
        );
      } else {
        const ours = result.measure === "lessonLoss" ? measured.lessonLoss : measured.test.loss;
        const manifest = result.measure === "lessonLoss" ? entry!.lessonLoss : entry!.test.loss;
        expect(ours, "the manifest's number").toBe(manifest);
        expect(ours!, `the lesson's ${result.lesson}`).toBeLessThanOrEqual(result.lesson);
      }
    },
    120_000
  );
});
