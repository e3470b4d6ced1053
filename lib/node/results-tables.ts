// The results tables of README.md, docs/results.md and docs/checkpoints.md, generated from the checkpoint manifest
// (data/checkpoints/manifest.json) and the lesson's numbers (lib/checkpoints/lesson-results.ts), so that every number
// in them has one source. `npm run checkpoints -- --docs` rewrites each table between its markers
// (<!-- NAME:start ... --> and <!-- NAME:end -->); tests/unit/node/results-tables.test.ts fails when a file's table
// differs from what the manifest generates. Tables are formatted as Prettier formats Markdown.
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {type CheckpointEntry, type CheckpointManifest} from "../checkpoints/manifest.js";
import {compareWithLesson, LESSON_RESULTS, LESSON_TRAINING, type LessonResult} from "../checkpoints/lesson-results.js";
import {type ModelConfig} from "../models/config.js";
import {type Upscaling} from "../images/resampling.js";
import {measureUpscaling} from "../training/evaluation.js";
import {CHECKPOINT_DIR} from "./checkpoint-store.js";
import {loadMnist} from "./mnist.js";

export type TableName = "lesson-results" | "embeddings" | "upscaling" | "checkpoints";

/** Which generated tables each file holds. */
export const TABLE_FILES: Record<string, TableName[]> = {
  "README.md": ["lesson-results"],
  "docs/results.md": ["lesson-results", "embeddings", "upscaling"],
  "docs/checkpoints.md": ["checkpoints"]
};

/** Classical upscaling of the test set's downscaled images, per scale: the bar super-resolution must clear. */
export type UpscalingBaselines = Record<2 | 4, Record<Upscaling, {bce: number; psnr: number}>>;

/** Measures the baselines on the 10,000 test images (seconds; needs a TensorFlow.js backend). */
export function measureBaselines(): UpscalingBaselines {
  const test = loadMnist("test");
  return {2: measureUpscaling(test, 2), 4: measureUpscaling(test, 4)};
}

/** The command that re-measures a shipped checkpoint under its own settings. */
export function reproduceCommand(name: string): string {
  return `npm run train -- --load ${CHECKPOINT_DIR}/${name}.ckpt --epochs 0 --json`;
}

const TRAINING = "_training_: not yet retrained to its plateau";
const MISSING = "_training_: not in the manifest yet";

/** How an entry was trained: epochs (to its plateau or the cap), what it continued from, batch and learning rates. */
export function describeTraining(entry: CheckpointEntry, entries: CheckpointEntry[]): string {
  const stop = entry.stopped === "plateau" ? "to its plateau" : "(the epoch cap)";
  const init = entry.initFrom && entries.find((e) => e.name === entry.initFrom);
  const after = init ? ` after ${init.name}'s ${entry.totalEpochs - entry.epochs}` : "";
  const rates = [...new Set((entry.curve ?? []).map((point) => point.learningRate))];
  const rate = (rates.length ? rates : [entry.learningRate]).join(" then ");
  return `${entry.epochs} epochs ${stop}${after}, batch ${entry.batchSize}, learning rate ${rate}`;
}

function lessonRow(result: LessonResult, entries: CheckpointEntry[]): string[] {
  const entry = entries.find((e) => e.name === result.checkpoint);
  const model = `${result.model} (\`${result.checkpoint}\`)`;
  const comparison = compareWithLesson(result, entry);
  const command = entry ? `\`${reproduceCommand(result.checkpoint)}\`` : "–";
  const lesson = result.kind === "loss" ? String(result.lesson) : `${result.claim} (no number)`;
  const fields =
    result.kind === "embedding"
      ? "`test.embedding`"
      : result.measure === "lessonLoss"
        ? "`test.loss_with_lesson_kl`; `test.loss`"
        : "`test.loss`";
  if (comparison.status === "training" || !entry)
    return [model, lesson, entry ? TRAINING : MISSING, "–", "–", `${command}: ${fields}`];
  const ours = comparison.beats ? `**${comparison.ours}**` : String(comparison.ours);
  const text =
    result.kind === "embedding"
      ? `${ours} against PCA's ${comparison.pca}`
      : result.measure === "lessonLoss"
        ? `${ours} with the notebook's KL formula; ${entry.test.loss} with the true KL`
        : ours;
  const bar = result.kind === "embedding" ? ` (bar: PCA + ${result.margin})` : "";
  return [
    model,
    lesson,
    text,
    `${comparison.beats ? "yes" : "**no**"}${bar}`,
    describeTraining(entry, entries),
    `${command}: ${fields}`
  ];
}

function table(header: string[], rows: string[][], align?: ("l" | "r")[]): string {
  const line = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  const rule = header.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [line(header), line(rule), ...rows.map(line)].join("\n") + "\n";
}

/** The lesson's numbers against the shipped checkpoints' (README.md and docs/results.md). */
export function lessonResultsTable(manifest: CheckpointManifest): string {
  const {epochs, batchSize} = LESSON_TRAINING;
  return table(
    [
      "model (checkpoint)",
      `lesson (${epochs} epochs, batch ${batchSize})`,
      "ours",
      "beats the lesson",
      "our training",
      "command that reproduces ours: its `--json` field"
    ],
    LESSON_RESULTS.map((result) => lessonRow(result, manifest.checkpoints))
  );
}

/** True when the model's code is two numbers (the embeddings page's, and the VAE page's scatter). */
function hasTwoNumberCode(config: ModelConfig): boolean {
  if (config.model === "super-res") return false;
  const latentDim = config.latentDim ?? (config.model === "dense-vae" || config.model === "conv-vae" ? 2 : undefined);
  return latentDim === 2;
}

function describeModel(entry: CheckpointEntry): string {
  const config = entry.config;
  switch (config.model) {
    case "dense-ae":
      return `dense autoencoder 784-${(config.hidden ?? [128]).join("-")}-2`;
    case "conv-ae":
      return "conv autoencoder with a dense 2-number bottleneck";
    case "dense-vae":
      return `dense VAE 784-${config.hidden ?? 512}-2 (code: z_mean), KL weight ${entry.klWeight ?? 1}`;
    case "conv-vae":
      return `conv VAE (code: z_mean), KL weight ${entry.klWeight ?? 1}`;
    default:
      return config.model;
  }
}

/** kNN accuracy of every 2-number code against PCA's (docs/results.md). */
export function embeddingsTable(manifest: CheckpointManifest): string {
  const rows = manifest.checkpoints
    .filter((entry) => hasTwoNumberCode(entry.config))
    .map((entry) => {
      const model = `${describeModel(entry)} (\`${entry.name}\`)`;
      const command = `\`${reproduceCommand(entry.name)}\`: \`test.embedding\``;
      if (!entry.stopped || !entry.embedding) return [model, TRAINING, "–", "–", command];
      const {knnAccuracy, pcaKnnAccuracy} = entry.embedding;
      return [
        model,
        describeTraining(entry, manifest.checkpoints),
        String(knnAccuracy),
        String(pcaKnnAccuracy),
        command
      ];
    });
  return table(
    ["model (checkpoint)", "training", "kNN accuracy of its code", "kNN accuracy of 2-component PCA", "command"],
    rows,
    ["l", "l", "r", "r", "l"]
  );
}

/** Classical upscalers against the super-resolution checkpoints, on the same inputs (docs/results.md). */
export function upscalingTable(manifest: CheckpointManifest, baselines: UpscalingBaselines): string {
  const rows: string[][] = [];
  for (const scale of [2, 4] as const) {
    const input = scale === 2 ? "14x14" : "7x7";
    for (const [method, {bce, psnr}] of Object.entries(baselines[scale]))
      rows.push([`x${scale} (${input} in)`, method, String(bce), String(psnr)]);
    for (const entry of manifest.checkpoints) {
      if (entry.config.model !== "super-res" || entry.config.scale !== scale) continue;
      const network = entry.config.network === "lesson" ? "the notebook's network" : "the site's network";
      const name = `\`${entry.name}\` (${network})`;
      if (!entry.stopped) rows.push([`x${scale} (${input} in)`, name, TRAINING, "–"]);
      else rows.push([`x${scale} (${input} in)`, name, `**${entry.test.loss}**`, `**${entry.test.psnr}**`]);
    }
  }
  return table(["scale", "method", "test BCE", "PSNR (dB)"], rows, ["l", "l", "r", "r"]);
}

/** Every table, formatted as Prettier formats it in a Markdown file. */
export async function generateTables(
  manifest: CheckpointManifest,
  baselines: UpscalingBaselines
): Promise<Record<TableName, string>> {
  // Imported here: only this needs it, and lib/node/checkpoints.ts imports this module for every training.
  const {format, resolveConfig} = await import("prettier");
  const options = {...(await resolveConfig("README.md")), parser: "markdown"};
  const tables: Record<TableName, string> = {
    "lesson-results": lessonResultsTable(manifest),
    embeddings: embeddingsTable(manifest),
    upscaling: upscalingTable(manifest, baselines),
    checkpoints: markdownTable(manifest.checkpoints)
  };
  for (const name of Object.keys(tables) as TableName[]) tables[name] = await format(tables[name], options);
  return tables;
}

const markers = (name: TableName): RegExp =>
  new RegExp(`(<!-- ${name}:start[^>]*-->\\n)([\\s\\S]*?)(<!-- ${name}:end -->)`);

/** The text between a table's markers in `text` (without the blank lines around it). */
export function extractTable(text: string, name: TableName): string | undefined {
  const match = markers(name).exec(text);
  return match ? match[2].replace(/^\n+/, "").replace(/\n+$/, "\n") : undefined;
}

/** `text` with the table between its markers replaced; throws when the markers are missing. */
export function replaceTable(text: string, name: TableName, table: string): string {
  if (!markers(name).test(text)) throw new Error(`no <!-- ${name}:start --> ... <!-- ${name}:end --> markers`);
  return text.replace(markers(name), (_, start: string, _old: string, end: string) => `${start}\n${table}\n${end}`);
}

/** Rewrites the tables of every file of TABLE_FILES under `root`; returns the files that changed. */
export async function writeTables(
  manifest: CheckpointManifest,
  baselines: UpscalingBaselines,
  root = "."
): Promise<string[]> {
  const tables = await generateTables(manifest, baselines);
  const changed: string[] = [];
  for (const [file, names] of Object.entries(TABLE_FILES)) {
    const path = join(root, file);
    const before = readFileSync(path, "utf8");
    const after = names.reduce((text, name) => replaceTable(text, name, tables[name]), before);
    if (after === before) continue;
    writeFileSync(path, after);
    changed.push(file);
  }
  return changed;
}

/** The manifest as a Markdown table: what each checkpoint is, what it trained on, its size and test metrics. */
export function markdownTable(entries: CheckpointEntry[]): string {
  const settings = (e: CheckpointEntry): string =>
    [
      e.config.model === "super-res" && e.config.network === "lesson" ? "super-res (lesson's network)" : e.config.model,
      "latentDim" in e.config && e.config.latentDim !== undefined ? `latent ${e.config.latentDim}` : "",
      e.config.model === "super-res" ? `x${e.config.scale}` : "",
      e.corruption?.kind === "gaussian"
        ? `noise ${e.corruption.sigma}${e.corruption.mean ? ` mean ${e.corruption.mean}` : ""}`
        : "",
      e.klWeight !== undefined ? `KL weight ${e.klWeight}` : ""
    ]
      .filter(Boolean)
      .join(", ");
  const lines = [
    "| checkpoint | settings | trained | bytes | test loss | reconstruction | KL | PSNR (dB) | SSIM |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ...entries.map(
      (e) =>
        `| ${e.name} | ${settings(e)} | ${e.epochs} x ${e.samples.toLocaleString("en-US")} images${e.initFrom ? ` after ${e.initFrom}` : ""}${e.stopped ? `, ${e.stopped}` : ", _not yet retrained_"} (${Math.round(e.trainSeconds)} s) | ${e.bytes.toLocaleString("en-US")} (${e.dtype}) | ${e.test.loss} | ${e.test.reconstruction} | ${e.test.kl ?? "–"} | ${e.test.psnr} | ${e.test.ssim} |`
    )
  ];
  return `${lines.join("\n")}\n`;
}
