// npm run bench [-- --json] : training samples/s of the lesson's conv autoencoder and dense VAE at batch 128,
// per backend and runtime, with and without our kernels (lib/backend/kernels), held against PyTorch run in the same
// invocation (before and after ours, one thread each), with a loss check against stock kernels.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {dirname, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import {buildModel} from "../lib/models/registry.js";
import {type ModelConfig, type ModelName} from "../lib/models/config.js";
import {loadMnist, mnistDataDir} from "../lib/node/mnist.js";
import {simdKernelsFor} from "../lib/backend/kernels/simd/index.js";
import {ceiling, cpuGhz, trainingMacsPerSample} from "./flops.js";
import {gradientRelDiff, gradientsOnce, lossAfter, measureTraining, useBackend, type KernelSet} from "./measure.js";
import {runTorch, type TorchRow} from "./torch.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

// --site: the built site's instant-start targets (bench/site.ts), a separate bench with its own options.
if (process.argv.includes("--site")) {
  const {runSiteBench} = await import("./site.js");
  const rows = await runSiteBench(process.argv.slice(2));
  process.exit(rows.every((row) => row.ok) ? 0 : 1);
}

const {values: args} = parseArgs({
  options: {
    json: {type: "boolean", default: false},
    models: {type: "string", default: "conv-ae,dense-vae"},
    backends: {type: "string", default: "wasm,cpu"},
    kernels: {type: "string", default: "fast,stock"},
    steps: {type: "string", default: "30"},
    "min-steps": {type: "string", default: "4"},
    warmup: {type: "string", default: "2"},
    batch: {type: "string", default: "128"},
    budget: {type: "string", default: "12"},
    rounds: {type: "string", default: "3"},
    torch: {type: "string", default: resolve(REPO, "../shared/baselines/torch_baseline.py")},
    python: {type: "string", default: "/usr/bin/python3"},
    "no-torch": {type: "boolean", default: false},
    "no-browser": {type: "boolean", default: false},
    "browser-backends": {type: "string", default: "wasm,webgl,webgpu"},
    "no-check": {type: "boolean", default: false},
    "check-steps": {type: "string", default: "5"},
    "check-batch": {type: "string", default: "16"},
    tolerance: {type: "string", default: "5e-3"},
    "grad-tolerance": {type: "string", default: "1e-4"},
    slow: {type: "boolean", default: false},
    help: {type: "boolean", default: false}
  }
});

if (args.help) {
  console.log(`npm run bench -- [--json] [--models conv-ae,dense-vae] [--backends wasm,cpu] [--kernels fast,stock]
  [--steps 30] [--rounds 3 (PyTorch/ours pairs)] [--budget 12 (s per configuration)] [--batch 128] [--torch PATH (default ../shared/baselines/torch_baseline.py)]
  [--python /usr/bin/python3] [--no-torch] [--no-browser] [--browser-backends wasm,webgl,webgpu] [--no-check] [--check-steps 5] [--check-batch 16]
  [--tolerance 5e-3 (relative loss difference after the steps)] [--grad-tolerance 1e-4 (gradients, relative)] [--slow (also time stock cpu conv training, ~10 s a step)]`);
  process.exit(0);
}

type Row = Record<string, string | number | boolean | null>;
const rows: Row[] = [];
function emit(row: Row): void {
  rows.push(row);
  if (args.json) console.log(JSON.stringify(row));
  else
    console.error(
      Object.entries(row)
        .map(([k, v]) => `${k}=${typeof v === "number" ? round(v) : v}`)
        .join(" ")
    );
}
const round = (v: number): number => (Math.abs(v) >= 100 ? Math.round(v * 10) / 10 : Number(v.toPrecision(4)));
const list = (s: string): string[] =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

const models = list(args.models) as ModelName[];
const backends = list(args.backends);
const kernelSets = list(args.kernels) as KernelSet[];
const batch = Number(args.batch);
const torchSamples = Number(args.steps) * batch;

const data = loadMnist("train");
const rounds = Math.max(1, Number(args.rounds));

/** PyTorch rows of one round, or undefined (and a "skipped" row the first time) when it cannot run. */
let torchSkipped = false;
function torch(round: number): TorchRow[] | undefined {
  if (args["no-torch"] || torchSkipped) return undefined;
  const result = runTorch(args.torch, {python: args.python, dataDir: mnistDataDir(), samples: torchSamples, models});
  if (!result.ok) {
    torchSkipped = true;
    emit({kind: "skipped", backend: "pytorch", runtime: "python", reason: result.reason});
    return undefined;
  }
  for (const r of result.rows) {
    emit({
      kind: "train",
      model: r.model,
      backend: "pytorch-cpu",
      runtime: "python",
      kernels: r.framework,
      threads: r.threads,
      batch: r.batch,
      steps: Math.round(r.samples / r.batch),
      samples_per_s: r.samples_per_s,
      last_loss: r.last_loss,
      round
    });
  }
  return result.rows;
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function measureRow(model: ModelName, backend: string, kernels: KernelSet, extra: Row = {}): Promise<Row> {
  const base: Row = {kind: "train", model, backend, runtime: "node", kernels, threads: 1, batch, ...extra};
  if (backend === "cpu" && kernels === "stock" && model === "conv-ae" && !args.slow) {
    const row = {...base, samples_per_s: null, skipped: "stock cpu Conv2DBackpropFilter: ~10 s per step (--slow)"};
    emit(row);
    return row;
  }
  try {
    await useBackend(backend, kernels);
    const m = await measureTraining(model, data, {
      steps: Number(args.steps),
      minSteps: Number(args["min-steps"]),
      warmup: Number(args.warmup),
      batch,
      budgetS: Number(args.budget)
    });
    const simd = backend === "wasm" && kernels === "fast" ? simdKernelsFor(tf.backend()) !== undefined : null;
    const row = {...base, simd, steps: m.steps, samples_per_s: m.samplesPerS, last_loss: m.lastLoss};
    emit(row);
    return row;
  } catch (error) {
    const row = {...base, samples_per_s: null, error: (error as Error).message.split("\n")[0]};
    emit(row);
    return row;
  }
}

// Rounds of PyTorch then our wasm training, one right after the other, so that both see the same machine load
// (the machine is shared); the ratio is taken per round and the median reported.
const headline = backends.includes("wasm") && kernelSets.includes("fast");
const perRound: {model: string; ours: number; torch: number}[] = [];
const measured: Row[] = [];
for (let round = 1; round <= rounds; round++) {
  const torchRows = torch(round);
  if (!headline) break;
  for (const model of models) {
    const row = await measureRow(model, "wasm", "fast", {round});
    measured.push(row);
    const t = torchRows?.find((r) => r.model === model);
    if (t && typeof row.samples_per_s === "number")
      perRound.push({model, ours: row.samples_per_s, torch: t.samples_per_s});
  }
}

// The other configurations, once each.
for (const model of models)
  for (const backend of backends)
    for (const kernels of kernelSets) {
      if (headline && backend === "wasm" && kernels === "fast") continue;
      measured.push(await measureRow(model, backend, kernels));
    }

/** Median PyTorch samples/s of a model over the rounds of this invocation. */
function torchRate(model: string): number | undefined {
  const rates = perRound.filter((r) => r.model === model).map((r) => r.torch);
  return rates.length ? median(rates) : undefined;
}

for (const model of models) {
  const rs = perRound.filter((r) => r.model === model);
  if (!rs.length) continue;
  const ratios = rs.map((r) => r.ours / r.torch);
  emit({
    kind: "ratio",
    model,
    backend: "wasm",
    runtime: "node",
    kernels: "fast",
    samples_per_s: median(rs.map((r) => r.ours)),
    pytorch_samples_per_s: median(rs.map((r) => r.torch)),
    vs_pytorch: median(ratios),
    per_round: ratios.map((r) => r.toFixed(3)).join(","),
    target: 1.5
  });
}

// Loss check: the fast kernels against the stock ones, same weights, data order and samples.
if (!args["no-check"]) {
  const steps = Number(args["check-steps"]);
  const checkBatch = Number(args["check-batch"]);
  const tolerance = Number(args.tolerance);
  const gradTolerance = Number(args["grad-tolerance"]);
  for (const model of models) {
    for (const backend of backends) {
      await useBackend(backend, "fast");
      const fast = await lossAfter(model, data, steps, checkBatch);
      const fastGrads = gradientsOnce(model, data, checkBatch);
      // Same backend, stock kernels (plain loops stand in where wasm lacks the filter gradient and where cpu's
      // ResizeNearestNeighborGrad disagrees with its own forward pass).
      const refBackend = backend;
      await useBackend(refBackend, "reference");
      const stock = await lossAfter(model, data, steps, checkBatch);
      const stockGrads = gradientsOnce(model, data, checkBatch);
      const rel = Math.abs(fast - stock) / Math.max(1e-12, Math.abs(stock));
      const gradRel = gradientRelDiff(fastGrads, stockGrads);
      emit({
        kind: "check",
        model,
        backend,
        runtime: "node",
        steps,
        batch: checkBatch,
        reference: `${refBackend} stock kernels (plain loops where missing or wrong, see useReferenceKernels)`,
        // First-step gradients of every variable: the direct test (float32 summation order only).
        grad_rel_diff: gradRel,
        grad_tolerance: gradTolerance,
        // Loss after N Adam/RMSprop steps: these optimizers turn rounding-level differences of near-zero
        // gradients into whole-step updates, so the loss tolerance is wider than the gradient one.
        loss_fast: fast,
        loss_stock: stock,
        rel_diff: rel,
        tolerance,
        ok: rel <= tolerance && gradRel <= gradTolerance
      });
    }
  }
}

// Physical ceiling: one core's 128-bit SIMD FMA peak against each model's training flops per sample.
const ghz = cpuGhz() ?? 2.5;
await useBackend("wasm", "fast");
for (const model of models) {
  const ae = buildModel({model, seed: 1} as ModelConfig);
  const macs = trainingMacsPerSample(ae).total;
  ae.dispose();
  const c = ceiling(macs, ghz);
  const best = measured
    .filter((r) => r.model === model && r.backend === "wasm" && r.kernels === "fast")
    .map((r) => Number(r.samples_per_s));
  const torchRateValue = torchRate(model);
  emit({
    kind: "ceiling",
    model,
    ghz: c.ghz,
    train_mflops_per_sample: c.flopsPerSample / 1e6,
    fma128_peak_gflops: c.peakGflops,
    ceiling_samples_per_s: c.ceilingSamplesPerS,
    wasm_nofma_ceiling_samples_per_s: c.wasmCeilingSamplesPerS,
    wasm_fast_samples_per_s: best.length ? Math.max(...best) : null,
    wasm_fraction_of_ceiling: best.length ? Math.max(...best) / c.ceilingSamplesPerS : null,
    pytorch_fraction_of_ceiling: torchRateValue !== undefined ? torchRateValue / c.ceilingSamplesPerS : null
  });
}

if (!args["no-browser"]) {
  // A PyTorch round right before the browser rows, which are held against it (and the Node rounds' median).
  const before = torch(rounds + 1);
  const {runBrowserBench} = await import("./browser/run.js");
  const browserRows = await runBrowserBench({
    models,
    batch,
    steps: Number(args.steps),
    budgetS: Number(args.budget),
    backends: list(args["browser-backends"])
  });
  for (const row of browserRows) {
    const adjacent = before?.find((r) => r.model === row.model)?.samples_per_s;
    const rate = adjacent ?? torchRate(String(row.model));
    // Two threads (two workers splitting each batch) against the same model on one, in the same browser.
    const oneThread =
      row.backend === "wasm-threads"
        ? browserRows.find((r) => r.backend === "wasm" && r.model === row.model)?.samples_per_s
        : undefined;
    emit({
      ...row,
      ...(typeof row.samples_per_s === "number" && rate
        ? {pytorch_samples_per_s: rate, vs_pytorch: row.samples_per_s / rate}
        : {}),
      ...(typeof row.samples_per_s === "number" && typeof oneThread === "number"
        ? {vs_one_thread: row.samples_per_s / oneThread, threads_target: 1.7}
        : {})
    });
  }
}

const failedChecks = rows.filter((r) => r.kind === "check" && r.ok === false);
if (failedChecks.length) {
  console.error(`loss check failed for ${failedChecks.map((r) => `${r.model}/${r.backend}`).join(", ")}`);
  process.exitCode = 1;
}
tf.disposeVariables();
