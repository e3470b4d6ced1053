// The results tables of README.md, docs/results.md and docs/checkpoints.md are generated from the manifest
// (lib/node/results-tables.ts): these tests fail when a file's table differs from what the manifest generates now
// (fix: `npm run checkpoints -- --docs`), and check that a checkpoint not yet retrained shows no number as the lesson's.
import {readFileSync} from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {beforeAll, describe, expect, test} from "vitest";
import {registerFastKernels} from "../../../lib/backend/kernels/index.js";
import {LESSON_RESULTS} from "../../../lib/checkpoints/lesson-results.js";
import type {CheckpointEntry, CheckpointManifest} from "../../../lib/checkpoints/manifest.js";
import {readManifest} from "../../../lib/node/checkpoint-store.js";
import {
  embeddingsTable,
  extractTable,
  generateTables,
  lessonResultsTable,
  measureBaselines,
  replaceTable,
  reproduceCommand,
  TABLE_FILES,
  type TableName
} from "../../../lib/node/results-tables.js";

let generated: Record<TableName, string>;

beforeAll(async () => {
  // The backend `--docs` measures the upscaling baselines with.
  await tf.setBackend("wasm");
  registerFastKernels(["wasm"]);
  generated = await generateTables(readManifest()!, measureBaselines());
});

describe("the results tables", () => {
  const cases = Object.entries(TABLE_FILES).flatMap(([file, names]) => names.map((name) => [file, name] as const));

  test.each(cases)("%s: its %s table is the one the manifest generates", (file, name) => {
    const table = extractTable(readFileSync(file, "utf8"), name);
    expect(table, `${file} has <!-- ${name}:start --> and <!-- ${name}:end --> markers`).toBeDefined();
    expect(table, `${file} is out of date: run npm run checkpoints -- --docs`).toBe(generated[name]);
  });

  test("every lesson row has its lesson number and the command that re-measures ours", () => {
    for (const result of LESSON_RESULTS) {
      expect(generated["lesson-results"]).toContain(reproduceCommand(result.checkpoint));
      if (result.kind === "loss") expect(generated["lesson-results"]).toContain(String(result.lesson));
    }
  });

  test("replacing a table keeps the text around its markers, and reads back", () => {
    const text = "before\n<!-- embeddings:start (generated) -->\nold\n<!-- embeddings:end -->\nafter\n";
    const replaced = replaceTable(text, "embeddings", "| a |\n| --- |\n| 1 |\n");
    expect(replaced).toBe(
      "before\n<!-- embeddings:start (generated) -->\n\n| a |\n| --- |\n| 1 |\n\n<!-- embeddings:end -->\nafter\n"
    );
    expect(extractTable(replaced, "embeddings")).toBe("| a |\n| --- |\n| 1 |\n");
    expect(() => replaceTable("no markers", "embeddings", "")).toThrow(/markers/);
  });
});

describe("a checkpoint not yet retrained", () => {
  // An old short run: no `stopped`, and a loss that happens to beat the lesson's.
  const old: CheckpointEntry = {
    name: "conv-ae",
    file: "conv-ae.ckpt",
    bytes: 1,
    config: {model: "conv-ae"},
    epochs: 1,
    samples: 10000,
    totalEpochs: 1,
    batchSize: 32,
    learningRate: 0.002,
    seed: 1,
    dtype: "float16",
    trainSeconds: 1,
    test: {count: 10000, loss: 0.0123, reconstruction: 0.0123, psnr: 30, ssim: 0.9},
    embedding: {dim: 2, knnAccuracy: 0.9876, pcaKnnAccuracy: 0.4}
  };
  const manifest: CheckpointManifest = {
    version: 1,
    command: "npm run checkpoints",
    testImages: 10000,
    checkpoints: [old]
  };

  test("is marked as training in the lesson's table, without its number; a missing one too", () => {
    const table = lessonResultsTable(manifest);
    const row = table.split("\n").find((line) => line.includes("(`conv-ae`)"))!;
    expect(row).toContain("_training_");
    expect(row).not.toContain("0.0123");
    expect(table.split("\n").find((line) => line.includes("(`dense-vae-latent2`)"))).toContain("not in the manifest");
  });

  test("is marked as training in the embeddings table, without its accuracy", () => {
    const two = {...old, name: "dense-ae-latent2", config: {model: "dense-ae" as const, latentDim: 2}};
    const table = embeddingsTable({...manifest, checkpoints: [two]});
    expect(table).toContain("_training_");
    expect(table).not.toContain("0.9876");
  });
});
