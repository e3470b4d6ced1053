// The VAE page: the KL weight does what the lesson says (measured: a larger beta, same budget, gives a smaller KL
// and a larger reconstruction error), both sliders retrain live, and after a rebuild to another latent dimension
// the latent scatter, the KL bars and the manifold grid come back for the new model.
import type {Page} from "playwright-core";
import {beforeAll, expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, type PageProblems, useSite} from "./browser.js";
import {pollUntil, setRange} from "./training.js";

const site = useSite();
let page: Page;
let problems: PageProblems;

interface VaeSnapshot {
  phase: string;
  step: number;
  weightsVersion: number;
  latentDim?: number;
  historyLength: number;
}

/** The page's first trainer (the VAE's). */
async function readVae(page: Page): Promise<VaeSnapshot | undefined> {
  return page.evaluate(() => {
    type Live = {
      state: {
        phase: string;
        step: number;
        weightsVersion: number;
        history: unknown[];
        model?: {config: {latentDim?: number}};
      };
    };
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    const trainer = lab ? [...lab.trainers][0] : undefined;
    if (!trainer) return undefined;
    const {phase, step, weightsVersion, history, model} = trainer.state;
    return {phase, step, weightsVersion, latentDim: model?.config.latentDim, historyLength: history.length};
  });
}

function waitForVae(done: (s: VaeSnapshot) => boolean): Promise<VaeSnapshot> {
  return pollUntil(page, () => readVae(page), done);
}

/** Pixel statistics of the manifold grid: a blank, flat or stale grid is caught by comparing them. */
async function readManifold(): Promise<{cells: number; mean: number; spread: number; signature: number}> {
  const canvas = page.locator(".vae-manifold canvas.digits");
  await canvas.waitFor();
  return canvas.evaluate((element: HTMLCanvasElement) => {
    const {data} = element.getContext("2d")!.getImageData(0, 0, element.width, element.height);
    let sum = 0;
    let sumSquares = 0;
    let signature = 0;
    const n = data.length / 4;
    for (let i = 0; i < n; i++) {
      const v = data[4 * i];
      sum += v;
      sumSquares += v * v;
      signature = (signature * 31 + v) % 1_000_003;
    }
    const mean = sum / n;
    const cells = Math.round((element.width + 1) / 29) * Math.round((element.height + 1) / 29);
    return {cells, mean, spread: Math.sqrt(sumSquares / n - mean * mean), signature};
  });
}

async function countScatterDots(): Promise<number> {
  return Number(await page.locator(".vae-scatter canvas").getAttribute("data-points"));
}

beforeAll(async () => {
  ({page, problems} = await openWatchedPage(site.browser, site.origin));
  await page.goto(`${site.origin}/vae`);
  // Opening the page builds the dense VAE with a 2-D code and does not train it.
  await waitForVae((s) => s.phase === "idle" && s.latentDim === 2 && s.weightsVersion > 0);
}, 90_000);

test("a larger KL weight gives a smaller KL and a larger reconstruction error, over the same budget", async () => {
  // The same fresh weights (Reset rebuilds from the model's fixed seed), the same 60 steps of 32 images, once at
  // beta = 0.1 and once at beta = 4; the loss parts are averaged over the last 20 steps (single batches are noisy).
  const measure = (beta: number) =>
    page.evaluate(async (klWeight: number) => {
      type Loss = {total: number; reconstruction: number; kl?: number};
      type Live = {
        state: {phase: string; step: number; history: {loss: Loss}[]};
        configure(settings: object, start: boolean): void;
        reset(): void;
        train(): void;
      };
      const trainer = [
        ...(globalThis as unknown as {autoencodersLab: {trainers: Set<Live>}}).autoencodersLab.trainers
      ][0];
      const steps = 60;
      const batchSize = 32;
      trainer.configure(
        {model: {model: "dense-vae", latentDim: 2}, klWeight, epochs: 1, trainImages: steps * batchSize, batchSize},
        false
      );
      // Reset starts a new history: until then the state may still be the previous run's, finished at `steps`.
      const previous = trainer.state.history;
      trainer.reset();
      trainer.train();
      const deadline = performance.now() + 60_000;
      const finished = () =>
        trainer.state.history !== previous && trainer.state.phase === "idle" && trainer.state.step === steps;
      while (!finished()) {
        if (performance.now() > deadline) throw new Error(`no finished run: ${JSON.stringify(trainer.state.step)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const last = trainer.state.history.slice(-20);
      const mean = (part: "reconstruction" | "kl") =>
        last.reduce((sum, record) => sum + (record.loss[part] ?? NaN), 0) / last.length;
      return {reconstruction: mean("reconstruction"), kl: mean("kl"), steps: trainer.state.history.length};
    }, beta);
  const low = await measure(0.1);
  const high = await measure(4);
  console.log(`beta 0.1: ${JSON.stringify(low)}; beta 4: ${JSON.stringify(high)}`);
  expect(low.steps).toBe(60);
  expect(high.steps).toBe(60);
  expect(high.kl).toBeLessThan(low.kl);
  expect(high.reconstruction).toBeGreaterThan(low.reconstruction);
}, 120_000);

test("the KL weight slider retrains live from the current weights", async () => {
  const before = await waitForVae((s) => s.phase === "idle");
  // 4 is the last of the slider's stops (0, 0.001, ..., 2, 4).
  await setRange(page, "KL weight", 12);
  await expect.poll(() => page.locator(".stop-slider output").textContent()).toBe("β = 4");
  await expect.poll(() => new URL(page.url()).searchParams.get("klWeight")).toBe("4");
  // Same architecture: training goes on from the current model (its step count continues, no rebuild).
  const after = await waitForVae((s) => s.phase === "training" && s.step >= before.step + 10);
  expect(after.latentDim).toBe(2);
  expect(after.historyLength).toBeGreaterThan(before.historyLength);
}, 60_000);

test("the Latent dimension slider rebuilds and retrains the model; the scatter, bars and grid come back", async () => {
  const gridBefore = await readManifold();
  expect(gridBefore.cells).toBe(100);
  await setRange(page, "Latent dimension", 3);
  await expect.poll(() => new URL(page.url()).searchParams.get("latent")).toBe("3");
  await waitForVae((s) => s.latentDim === 3 && s.phase === "training" && s.step >= 15);
  // The scatter shows the new model's codes (3-D, so through PCA), 2,000 test digits.
  await expect
    .poll(() => page.locator(".vae-scatter figcaption").textContent(), {timeout: 30_000})
    .toContain("principal components");
  expect(await countScatterDots()).toBe(2000);
  // One KL bar per latent dimension.
  await expect.poll(() => page.locator(".vae-active strong").textContent(), {timeout: 20_000}).toMatch(/^\d of 3$/);
  // The grid is redrawn by the new decoder: still 10 x 10 digits, with ink, and not the old picture.
  await expect.poll(async () => (await readManifold()).signature, {timeout: 20_000}).not.toBe(gridBefore.signature);
  const gridAfter = await readManifold();
  expect(gridAfter.cells).toBe(100);
  expect(gridAfter.spread).toBeGreaterThan(10);
  await page.getByRole("button", {name: "Pause"}).first().click();
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
}, 90_000);
