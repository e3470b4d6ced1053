// The training CLI end to end on a few MNIST images: it trains, evaluates, saves a checkpoint that loads back,
// and with --json its last stdout line is one JSON object with the promised fields. --load evaluates a checkpoint
// under the settings it was trained with (its header's, or for older files its manifest entry's).
import {execFileSync} from "node:child_process";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {decodeCheckpoint} from "../../../lib/checkpoints/format.js";
import {readManifest} from "../../../lib/node/checkpoint-store.js";

function runCli(args: string[]): Record<string, unknown> {
  const stdout = execFileSync("npx", ["tsx", "lib/node/train.ts", ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"]
  });
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
}

describe("npm run train", () => {
  test("--json prints model, settings, test metrics and throughput as its last line; --save writes a checkpoint", () => {
    const file = join(mkdtempSync(join(tmpdir(), "ae-cli-")), "vae.ckpt");
    const args = ["--model", "dense-vae", "--latent", "3", "--kl-weight", "0.5", "--epochs", "1", "--samples", "64"];
    const out = runCli([...args, "--test-samples", "100", "--backend", "cpu", "--save", file, "--json"]);
    expect(out.model).toBe("dense-vae");
    expect(out.status).toBe("completed");
    expect(out.settings).toMatchObject({latentDim: 3, epochs: 1, samples: 64, testSamples: 100, backend: "cpu"});
    expect(out.settings).toMatchObject({loss: {klWeight: 0.5}});
    const metrics = out.test as Record<string, number | number[]>;
    expect(metrics.loss).toBeCloseTo((metrics.reconstruction as number) + 0.5 * (metrics.kl as number), 3);
    expect(metrics.kl_per_dim).toHaveLength(3);
    expect(metrics.psnr).toBeGreaterThan(0);
    expect(out.samples_per_s).toBeGreaterThan(0);
    const checkpoint = decodeCheckpoint(new Uint8Array(readFileSync(file)));
    expect(checkpoint.header.config).toMatchObject({model: "dense-vae", latentDim: 3});
    // The settings it trained with travel in the header, and --load evaluates under them.
    expect(checkpoint.header.metadata).toMatchObject({klWeight: 0.5, corruption: "null"});
    const loaded = runCli(["--load", file, "--epochs", "0", "--test-samples", "100", "--backend", "cpu", "--json"]);
    expect(loaded.settings).toMatchObject({latentDim: 3, loss: {klWeight: 0.5}, corruption: null});
    const reloaded = loaded.test as Record<string, number>;
    expect(reloaded.loss).toBeCloseTo(reloaded.reconstruction + 0.5 * reloaded.kl, 3);
  });

  test("--load of a shipped denoiser with --epochs 0 evaluates it under the corruption it was trained with", () => {
    const name = "conv-ae-noise0.5-mean0.5";
    const entry = readManifest()!.checkpoints.find((e) => e.name === name)!;
    expect(entry.corruption).toEqual({kind: "gaussian", sigma: 0.5, mean: 0.5});
    const file = `data/checkpoints/${name}.ckpt`;
    const out = runCli(["--load", file, "--epochs", "0", "--test-samples", "100", "--json"]);
    expect(out.settings).toMatchObject({model: "conv-ae", epochs: 0, testSamples: 100, corruption: entry.corruption});
    expect(out.train).toMatchObject({steps: 0});
    // A flag given overrides what is stored: --noise 0 evaluates the same denoiser on clean digits.
    const clean = runCli(["--load", file, "--epochs", "0", "--noise", "0", "--test-samples", "100", "--json"]);
    expect(clean.settings).toMatchObject({corruption: {kind: "gaussian", sigma: 0, mean: 0}});
    expect((clean.test as Record<string, number>).loss).not.toBe((out.test as Record<string, number>).loss);
  });
});
