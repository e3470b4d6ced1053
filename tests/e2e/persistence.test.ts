// Progress survives: the model a reader trained on a page is kept in the browser (IndexedDB), and a reload or a
// step back in history restores it (more steps than the checkpoint, the same reconstructions) and says so; other
// settings start from their own checkpoint; Reset forgets it.
import type {BrowserContext, Page} from "playwright-core";
import {afterEach, expect, test} from "vitest";
import {findErrorBlocks, useSite} from "./browser.js";
import {pollUntil} from "./training.js";

const site = useSite();
let context: BrowserContext | undefined;

afterEach(async () => {
  await context?.close();
  context = undefined;
});

interface Kept {
  phase: string;
  step: number;
  savedSteps?: number;
  backend?: string;
  checkpoint?: {name?: string; text: string; restored?: {steps: number}};
  latentDim?: number;
  /** The worker's own probe is in (not only the build-time or saved preview). */
  live: boolean;
  outputs?: number[];
}

async function readKept(page: Page): Promise<Kept | undefined> {
  return page.evaluate(() => {
    type State = {
      phase: string;
      step: number;
      savedSteps?: number;
      backend?: {backend: string};
      checkpoint?: {name?: string; text: string; restored?: {steps: number}};
      model?: {config: {latentDim?: number}};
      probe?: {outputs: Float32Array};
    };
    type Live = {state: State; fold: {previewing: boolean}};
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    const trainer = lab ? [...lab.trainers][0] : undefined;
    if (!trainer) return undefined;
    const {phase, step, savedSteps, backend, checkpoint, model, probe} = trainer.state;
    return {
      phase,
      step,
      savedSteps,
      backend: backend?.backend,
      checkpoint,
      latentDim: model?.config.latentDim,
      live: Boolean(backend) && Boolean(probe) && !trainer.fold.previewing,
      outputs: probe ? Array.from(probe.outputs) : undefined
    };
  });
}

const waitFor = (page: Page, done: (k: Kept) => boolean, timeout = 90_000): Promise<Kept> =>
  pollUntil(page, () => readKept(page), done, timeout, 100);

/** The model's reconstructions of the ten shown digits, asked of the worker (float32, not the page's bytes). */
async function reconstructShown(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    type Live = {
      state: {probe: {inputs: Float32Array; count: number}};
      query(kind: "reconstruct", request: {images: Float32Array; count: number}): Promise<{outputs: Float32Array}>;
    };
    const trainer = [
      ...(globalThis as unknown as {autoencodersLab: {trainers: Set<Live>}}).autoencodersLab.trainers
    ][0];
    const {inputs, count} = trainer.state.probe;
    return Array.from((await trainer.query("reconstruct", {images: inputs, count})).outputs);
  });
}

const largestDifference = (a: number[], b: number[]): number =>
  a.length === b.length ? Math.max(...a.map((x, i) => Math.abs(x - b[i]))) : Infinity;

test("a reload restores the model trained on the page, other settings their checkpoint, and Reset forgets it", async () => {
  context = await site.browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));

  await page.goto(`${site.origin}/autoencoder`);
  const opened = await waitFor(page, (k) => k.live && k.phase === "idle");
  expect(opened).toMatchObject({step: 0, checkpoint: {name: "conv-ae"}});

  // Train a little, then pause: the pause keeps the model in this browser.
  await page.getByRole("button", {name: "Train", exact: true}).first().click();
  await waitFor(page, (k) => k.phase === "training" && k.step >= 20);
  await page.getByRole("button", {name: "Pause"}).first().click();
  const paused = await waitFor(page, (k) => k.phase === "paused" && k.savedSteps === k.step);
  expect(paused.step).toBeGreaterThanOrEqual(20);
  const trained = await reconstructShown(page);

  // A reload: the page draws the kept model's reconstructions at once, then the worker restores it.
  await page.reload();
  const first = await waitFor(page, (k) => k.checkpoint?.restored !== undefined && k.outputs !== undefined);
  expect(first.step).toBe(paused.step);
  // The page's first picture (bytes, from the saved note) is the restored model's.
  expect(largestDifference(first.outputs!, trained)).toBeLessThanOrEqual(1 / 255 + 1e-6);
  const restored = await waitFor(page, (k) => k.live && k.phase === "idle");
  expect(restored).toMatchObject({
    step: paused.step,
    savedSteps: paused.step,
    checkpoint: {restored: {steps: paused.step}}
  });
  expect(restored.checkpoint?.name).toBeUndefined();
  expect(largestDifference(await reconstructShown(page), trained)).toBeLessThan(1e-5);
  await expect
    .poll(() => page.locator(".training-checkpoint").first().textContent())
    .toMatch(new RegExp(`^Restored the model you trained in this browser \\(${paused.step} steps\\)`));
  expect(await page.getByRole("button", {name: "Train more"}).count()).toBeGreaterThan(0);

  // Another latent dimension has its own checkpoint, and nothing kept.
  await page.goto(`${site.origin}/autoencoder?latent=8`);
  const other = await waitFor(page, (k) => k.live && k.phase === "idle");
  expect(other).toMatchObject({step: 0, latentDim: 8, checkpoint: {name: "conv-ae-latent8"}});
  expect(other.checkpoint?.restored).toBeUndefined();

  // Back in history: the trained model again.
  await page.goBack();
  const back = await waitFor(page, (k) => k.live && k.phase === "idle" && k.latentDim === undefined);
  expect(back).toMatchObject({step: paused.step, checkpoint: {restored: {steps: paused.step}}});

  // Reset forgets it: a reload opens on the checkpoint.
  await page.getByRole("button", {name: "Reset"}).first().click();
  await waitFor(page, (k) => k.phase === "idle" && k.checkpoint === undefined && k.step === 0);
  await page.waitForTimeout(300);
  await page.reload();
  const fresh = await waitFor(page, (k) => k.live && k.phase === "idle");
  expect(fresh).toMatchObject({step: 0, checkpoint: {name: "conv-ae"}});
  expect(fresh.checkpoint?.restored).toBeUndefined();
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(errors).toEqual([]);
}, 240_000);
