// Time per kernel of a few training steps (npm run bench is the throughput; this says where the time goes).
// Usage: tsx bench/profile.ts [--model conv-ae] [--backend wasm] [--steps 5] [--stock]
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {parseArgs} from "node:util";
import {loadMnist} from "../lib/node/mnist.js";
import type {ModelName} from "../lib/models/config.js";
import {measureTraining, useBackend} from "./measure.js";

const {values: args} = parseArgs({
  options: {
    model: {type: "string", default: "conv-ae"},
    backend: {type: "string", default: "wasm"},
    steps: {type: "string", default: "5"},
    stock: {type: "boolean", default: false}
  }
});

/** Wraps every kernel of the backend with a timer; returns the table. */
function instrument(backendName: string): Map<string, {ms: number; calls: number; min: number}> {
  // min: the fastest single call, a load-robust estimate on a shared machine (report min x calls per step).
  const table = new Map<string, {ms: number; calls: number; min: number}>();
  for (const config of tf.getKernelsForBackend(backendName)) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel({
      ...config,
      kernelFunc: (a) => {
        const t0 = performance.now();
        const out = inner(a);
        const key = process.env.PROFILE_SHAPES
          ? `${config.kernelName} ${Object.values(a.inputs)
              .map((t) => t?.shape.join("x"))
              .join(",")}`
          : config.kernelName;
        const e = table.get(key) ?? {ms: 0, calls: 0, min: Infinity};
        const ms = performance.now() - t0;
        e.ms += ms;
        e.min = Math.min(e.min, ms);
        e.calls++;
        table.set(key, e);
        return out;
      }
    });
  }
  return table;
}

await useBackend(args.backend, args.stock ? "stock" : "fast");
const data = loadMnist("train");
const steps = Number(args.steps);
await measureTraining(args.model as ModelName, data, {steps: 1, minSteps: 1, warmup: 1, batch: 128, budgetS: 1});
const table = instrument(args.backend);
const t0 = performance.now();
const m = await measureTraining(args.model as ModelName, data, {
  steps,
  minSteps: steps,
  warmup: 1,
  batch: 128,
  budgetS: 1e9
});
const wall = performance.now() - t0;
const totalSteps = steps + 1;
const rows = [...table].sort((a, b) => b[1].min * b[1].calls - a[1].min * a[1].calls);
const kernelMs = rows.reduce((s, [, e]) => s + e.ms, 0);
const minTotal = rows.reduce((t, [, e]) => t + (e.min * e.calls) / totalSteps, 0);
console.log(`min-based sum over kernels: ${minTotal.toFixed(1)} ms/step (double counts kernels called by our kernels)`);
console.log(
  `${args.model} on ${args.backend}: ${m.samplesPerS.toFixed(0)} samples/s; per step: wall ${(wall / totalSteps).toFixed(1)} ms, in kernels ${(kernelMs / totalSteps).toFixed(1)} ms`
);
for (const [name, e] of rows.slice(0, Number(process.env.PROFILE_ROWS ?? 25))) {
  console.log(
    `${name.padEnd(44)} ${(e.ms / totalSteps).toFixed(2).padStart(8)} ms/step  min-based ${((e.min * e.calls) / totalSteps).toFixed(2).padStart(7)} ms/step ${String(e.calls / totalSteps).padStart(6)} calls/step`
  );
}
