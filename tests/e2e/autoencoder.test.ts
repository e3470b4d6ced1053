// The autoencoder page: live training keeps the page responsive, the "Latent dimension" slider rebuilds and
// retrains the model (and only one worker ever runs, leaking nothing), and the URL restores the slider.
import type {Page} from "playwright-core";
import {expect, test} from "vitest";
import {
  findErrorBlocks,
  openWatchedPage,
  type PageProblems,
  readLongTasks,
  RECORD_LONG_TASKS,
  useSite
} from "./browser.js";
import {pollUntil, readWorkerTensors, setRange} from "./training.js";

const site = useSite();

interface ModelSnapshot {
  phase: string;
  step: number;
  latentDim?: number;
  model?: string;
}

/** The trainer's phase, step and current model config (readTrainer leaves the config out). */
async function readModel(page: Page): Promise<ModelSnapshot | undefined> {
  return page.evaluate(() => {
    type Live = {state: {phase: string; step: number; model?: {config: {model: string; latentDim?: number}}}};
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    const trainer = lab ? [...lab.trainers][0] : undefined;
    if (!trainer) return undefined;
    const {phase, step, model} = trainer.state;
    return {phase, step, latentDim: model?.config.latentDim, model: model?.config.model};
  });
}

function waitForModel(page: Page, done: (s: ModelSnapshot) => boolean): Promise<ModelSnapshot> {
  return pollUntil(page, () => readModel(page), done);
}

/** Width and height of the first code canvas: 8 tiles of 4x4 for the lesson's code, a strip for a dense one. */
async function readCodeCanvas(page: Page): Promise<{width: number; height: number}> {
  const canvas = page.locator("canvas.codes").first();
  await canvas.waitFor();
  return canvas.evaluate((element: HTMLCanvasElement) => ({width: element.width, height: element.height}));
}

async function openPage(query = ""): Promise<{page: Page; problems: PageProblems}> {
  const opened = await openWatchedPage(site.browser, site.origin);
  await opened.page.addInitScript(RECORD_LONG_TASKS);
  await opened.page.goto(`${site.origin}/autoencoder${query}`);
  await waitForModel(opened.page, (s) => s.phase === "idle" && s.model === "conv-ae");
  return opened;
}

async function expectNoProblems(page: Page, problems: PageProblems): Promise<void> {
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
}

test("training never blocks the page for 50 ms, and the slider retrains with the new bottleneck", async () => {
  const {page, problems} = await openPage();
  // Opening the page builds the lesson's model (no dense bottleneck) and does not train it.
  expect(await readModel(page)).toMatchObject({phase: "idle", step: 0, latentDim: undefined});
  expect(await readCodeCanvas(page)).toEqual({width: 8 * 5 - 1, height: 4});

  await page.getByRole("button", {name: "Train", exact: true}).click();
  await waitForModel(page, (s) => s.phase === "training" && s.step >= 3);
  const from = await page.evaluate(() => performance.now());
  // 10 s of training, or the whole run if it ends sooner (3 epochs of 10,000 digits take about that long here).
  for (let waited = 0; waited < 10_000; waited += 250) {
    await page.waitForTimeout(250);
    if ((await readModel(page))?.phase !== "training") break;
  }
  const tasks = await readLongTasks(page, from);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  const trained = await readModel(page);
  const seconds = ((await page.evaluate(() => performance.now())) - from) / 1000;
  console.log(
    `longest main-thread task in ${seconds.toFixed(1)} s of training: ${longest.toFixed(0)} ms (${tasks.length} over 50 ms); reached step ${trained?.step} (${trained?.phase})`
  );
  expect(["training", "idle"]).toContain(trained?.phase);
  expect(trained!.step).toBeGreaterThan(10);
  expect(longest).toBeLessThan(50);

  // The slider: a dense bottleneck of 8 numbers, a fresh model (steps start over), training on.
  const before = trained!.step;
  await setRange(page, "Latent dimension", 8);
  const restarted = await waitForModel(page, (s) => s.latentDim === 8 && s.phase === "training");
  expect(restarted.step).toBeLessThan(before);
  const later = await waitForModel(page, (s) => s.latentDim === 8 && s.step > restarted.step + 3);
  expect(later.phase).toBe("training");
  // The codes view follows: one strip of 8 numbers per digit instead of 8 tiles of 4x4.
  await expect.poll(() => readCodeCanvas(page)).toEqual({width: 8, height: 1});
  expect(await page.evaluate(() => location.search)).toBe("?latent=8");
  await expectNoProblems(page, problems);
  await page.close();
});

test("50 rapid slider moves leave one worker, no extra tensors and no error", async () => {
  const {page, problems} = await openPage();
  await page.getByRole("button", {name: "Train", exact: true}).click();
  await waitForModel(page, (s) => s.phase === "training" && s.step >= 2);
  await page.getByRole("button", {name: "Pause"}).click();
  await waitForModel(page, (s) => s.phase === "paused");
  const tensorsBefore = await readWorkerTensors(page);

  for (let i = 0; i < 50; i++) {
    await setRange(page, "Latent dimension", i === 49 ? 128 : 1 + ((i * 37) % 127));
    await page.waitForTimeout(10);
  }
  // Back at the lesson's code: training restarts from step 0 with it; pause at the same kind of point.
  await waitForModel(page, (s) => s.phase === "training" && s.latentDim === undefined && s.step >= 2);
  await page.getByRole("button", {name: "Pause"}).click();
  await waitForModel(page, (s) => s.phase === "paused");
  const tensorsAfter = await readWorkerTensors(page);
  console.log(`worker tensors before ${tensorsBefore}, after 50 moves ${tensorsAfter}`);
  expect(page.workers()).toHaveLength(1);
  expect(tensorsAfter).toBeLessThanOrEqual(tensorsBefore);
  await expectNoProblems(page, problems);
  await page.close();
});

test("a reload with ?latent=8 restores the slider and its model, without training", async () => {
  const {page, problems} = await openPage("?latent=8");
  const slider = page.getByLabel("Latent dimension", {exact: true}).and(page.locator("input[type=range]"));
  expect(await slider.inputValue()).toBe("8");
  const state = await waitForModel(page, (s) => s.latentDim === 8);
  expect(state).toMatchObject({phase: "idle", step: 0});
  expect(await readCodeCanvas(page)).toEqual({width: 8, height: 1});
  await expectNoProblems(page, problems);
  await page.close();
});
