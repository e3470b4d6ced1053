// Trains the checkpoints the site ships (lib/checkpoints/list.ts) on all 60,000 MNIST training images until each
// one's test loss plateaus (lib/checkpoints/plateau.ts), and writes data/checkpoints/*.ckpt, their manifest and
// src/components/checkpoint-files.ts (the FileAttachment references that make Framework copy the files).
// Usage: npm run checkpoints [-- --only name,name] [--jobs 2] [--commit] [--evaluate] [--table] [--docs] [--list]
//   (default) train what is missing or not yet at its plateau, --jobs at once (one process each), resuming from
//             the saved weights and optimizer state in data/checkpoints/training/ after any epoch;
//   --commit  commit each checkpoint (file, manifest, modules, results tables) as it finishes;
//   --evaluate  re-measure the stored files (no training) and update their metrics in the manifest;
//   --table   print the manifest as a Markdown table;  --list  print the checkpoints' names;
//   --docs    rewrite the results tables of README.md, docs/results.md and docs/checkpoints.md from the manifest
//             (lib/node/results-tables.ts).
// Run it niced on a shared machine: nice -n 15 npm run checkpoints -- --commit.
import {spawn, spawnSync} from "node:child_process";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {registerFastKernels} from "../backend/kernels/index.js";
import type {CheckpointEntry} from "../checkpoints/manifest.js";
import {CHECKPOINT_SPECS, findSpec, type CheckpointSpec} from "../checkpoints/list.js";
import {
  CHECKPOINT_DIR,
  FILES_MODULE,
  PREVIEWS_MODULE,
  installCheckpoint,
  loadStoredModel,
  MANIFEST_PATH,
  readManifest,
  writeManifest
} from "./checkpoint-store.js";
import {isFinished, measure, trainOne} from "./checkpoint-training.js";
import {markdownTable, measureBaselines, TABLE_FILES, writeTables} from "./results-tables.js";

const log = (line: string): void => void process.stderr.write(`checkpoints: ${line}\n`);

/**
 * Installs a finished checkpoint and rewrites the results tables from the new manifest (so that every commit passes
 * the tables' test); with `commit`, commits exactly those files (file, manifest, modules, tables).
 */
function install(entry: CheckpointEntry, entries: Map<string, CheckpointEntry>, commit: boolean): void {
  installCheckpoint(entry, entries);
  // In a process of its own: the tables measure the classical upscalers with tf, which this process does not start.
  spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--docs"], {stdio: "inherit"});
  if (!commit) return;
  const files = [
    join(CHECKPOINT_DIR, entry.file),
    MANIFEST_PATH,
    FILES_MODULE,
    PREVIEWS_MODULE,
    ...Object.keys(TABLE_FILES)
  ];
  const message = `Checkpoint ${entry.name} trained to its ${entry.stopped === "plateau" ? "plateau" : "epoch cap"}: ${entry.epochs} epochs, test loss ${entry.test.loss}`;
  // Another git command may hold the index for a moment: retry.
  for (let attempt = 0; attempt < 10; attempt++) {
    const add = spawnSync("git", ["add", "--", ...files]);
    const done =
      add.status === 0 && spawnSync("git", ["commit", "-q", "-m", message, "--only", "--", ...files]).status === 0;
    if (done) return log(`committed ${entry.name}`);
    spawnSync("sleep", ["3"]);
  }
  log(`could not commit ${entry.name}: commit it by hand`);
}

/** Runs `--train NAME` in a child process per checkpoint, `jobs` at a time, each after the one it starts from. */
async function trainAll(specs: CheckpointSpec[], jobs: number, commit: boolean): Promise<number> {
  const entries = new Map((readManifest()?.checkpoints ?? []).map((entry) => [entry.name, entry]));
  const pending = specs.filter((spec) => !isFinished(entries.get(spec.name), spec));
  const running = new Set<string>();
  let failures = 0;
  log(`to train: ${pending.map((s) => s.name).join(", ") || "nothing"}`);
  const script = fileURLToPath(import.meta.url);
  await new Promise<void>((resolve) => {
    const isReady = (spec: CheckpointSpec): boolean =>
      !spec.initFrom || isFinished(entries.get(spec.initFrom), findSpec(spec.initFrom)!);
    const startNext = (): void => {
      while (running.size < jobs) {
        const index = pending.findIndex(isReady);
        if (index < 0) break;
        const [spec] = pending.splice(index, 1);
        running.add(spec.name);
        const child = spawn(process.execPath, [...process.execArgv, script, "--train", spec.name], {
          stdio: ["ignore", "pipe", "inherit"]
        });
        let stdout = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.on("close", (code) => {
          running.delete(spec.name);
          if (code === 0) {
            const entry = JSON.parse(stdout.trim().split("\n").pop()!) as CheckpointEntry;
            install(entry, entries, commit);
            log(`${spec.name}: ${entry.epochs} epochs (${entry.stopped}), ${JSON.stringify(entry.test)}`);
          } else {
            failures++;
            log(`${spec.name}: failed (exit ${code}); its saved state resumes next time`);
          }
          startNext();
        });
      }
      if (running.size === 0) {
        if (pending.length)
          log(`not started (what they start from is missing): ${pending.map((s) => s.name).join(", ")}`);
        resolve();
      }
    };
    startNext();
  });
  return failures + pending.length;
}

async function startBackend(): Promise<void> {
  if (!(await tf.setBackend("wasm"))) throw new Error("the wasm backend is not available");
  // Stock wasm cannot train conv layers; these kernels can (and are what the CLI and the browser use).
  registerFastKernels(["wasm"]);
}

async function main(): Promise<void> {
  const {values: args} = parseArgs({
    options: {
      only: {type: "string"},
      jobs: {type: "string", default: "2"},
      commit: {type: "boolean", default: false},
      train: {type: "string"},
      list: {type: "boolean", default: false},
      evaluate: {type: "boolean", default: false},
      table: {type: "boolean", default: false},
      docs: {type: "boolean", default: false}
    },
    strict: true
  });
  const wanted = args.only?.split(",").map((s) => s.trim());
  const unknown = [...(wanted ?? []), ...(args.train ? [args.train] : [])].filter((name) => !findSpec(name));
  if (unknown.length) {
    log(`unknown ${unknown.join(", ")}; known: ${CHECKPOINT_SPECS.map((s) => s.name).join(", ")}`);
    process.exit(2);
  }
  const specs = CHECKPOINT_SPECS.filter((spec) => !wanted || wanted.includes(spec.name));
  if (args.table) return void process.stdout.write(markdownTable(readManifest()?.checkpoints ?? []));
  if (args.list) return void process.stdout.write(specs.map((s) => `${s.name}\n`).join(""));
  if (args.docs) {
    const manifest = readManifest();
    if (!manifest) throw new Error(`${MANIFEST_PATH} is missing: train the checkpoints first`);
    await startBackend();
    const changed = await writeTables(manifest, measureBaselines());
    log(changed.length ? `rewrote the tables of ${changed.join(", ")}` : "the tables match the manifest");
    return;
  }
  if (args.train) {
    await startBackend();
    process.stdout.write(`${JSON.stringify(await trainOne(findSpec(args.train)!))}\n`);
    return;
  }
  if (args.evaluate) {
    await startBackend();
    const entries = new Map((readManifest()?.checkpoints ?? []).map((entry) => [entry.name, entry]));
    for (const spec of specs) {
      const entry = entries.get(spec.name);
      if (!entry) throw new Error(`${spec.name} is not in the manifest: train it first`);
      const model = loadStoredModel(entry);
      entries.set(spec.name, {...entry, ...(await measure(model, entry))});
      model.dispose();
      log(`${spec.name}: ${JSON.stringify(entries.get(spec.name)?.test)}`);
      writeManifest(entries);
    }
    return;
  }
  const jobs = Number(args.jobs);
  if (!(Number.isInteger(jobs) && jobs >= 1)) throw new Error(`--jobs must be a positive integer, got ${args.jobs}`);
  if ((await trainAll(specs, jobs, args.commit)) > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""))) await main();
