// A shared link's values are snapped to what each control allows before any model or worker sees them
// (lib/page-state.ts): the slider, the model and the URL then agree, and opening the page still trains nothing.
import type {Page} from "playwright-core";
import {expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, type PageProblems, useSite} from "./browser.js";
import {rangeInput} from "./page-canvas.js";
import {pollUntil} from "./training.js";

const site = useSite();

interface Opened {
  phase: string;
  step: number;
  weightsVersion: number;
  latentDim?: number;
  model?: string;
  configured?: string;
  problem?: string;
}

/** The page's first trainer: its phase, its model and the settings it was last given. */
async function readOpened(page: Page): Promise<Opened | undefined> {
  return page.evaluate(() => {
    type Live = {
      state: {
        phase: string;
        step: number;
        weightsVersion: number;
        problem?: string;
        model?: {config: {model: string; latentDim?: number}};
      };
      configured?: unknown;
    };
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    const trainer = lab ? [...lab.trainers][0] : undefined;
    if (!trainer) return undefined;
    const {phase, step, weightsVersion, problem, model} = trainer.state;
    return {
      phase,
      step,
      weightsVersion,
      problem,
      latentDim: model?.config.latentDim,
      model: model?.config.model,
      configured: JSON.stringify(trainer.configured)
    };
  });
}

async function expectNoProblems(page: Page, problems: PageProblems): Promise<void> {
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  expect(await page.locator(".training-problem").first().isHidden()).toBe(true);
}

/** The number box beside an Inputs.range, by its label. */
const numberBox = (page: Page, label: string) =>
  page.locator("form", {has: page.locator("label", {hasText: new RegExp(`^${label}$`)})}).locator("input[type=number]");

test("/autoencoder?latent=2.5 opens with the latent dimension the slider shows: 3, in the model too", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  let alerted = "";
  page.on("dialog", (dialog) => {
    alerted = dialog.message();
    void dialog.dismiss();
  });
  await page.goto(`${site.origin}/autoencoder?latent=2.5`);
  const state = await pollUntil(
    page,
    () => readOpened(page),
    (s) => s.phase === "idle" && s.latentDim !== undefined
  );
  expect(state).toMatchObject({phase: "idle", step: 0, latentDim: 3, model: "conv-ae"});
  expect(await rangeInput(page, "Latent dimension").inputValue()).toBe("3");
  expect(await numberBox(page, "Latent dimension").inputValue()).toBe("3");
  await expect.poll(() => page.evaluate(() => location.search)).toBe("?latent=3");
  expect(alerted).toBe("");
  await expectNoProblems(page, problems);
  await page.close();
});

test("/denoising?noise=0.33 shows the snapped level, 0.35, gives the worker that level and does not train", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/denoising?noise=0.33`);
  await pollUntil(
    page,
    () => readOpened(page),
    (s) => s.phase === "idle" && s.weightsVersion >= 1
  );
  expect(await rangeInput(page, "Noise level").inputValue()).toBe("0.35");
  expect(await numberBox(page, "Noise level").inputValue()).toBe("0.35");
  // Opening the page trains nothing, however long it stays open.
  await page.waitForTimeout(3000);
  const state = await readOpened(page);
  expect(state).toMatchObject({phase: "idle", step: 0});
  expect(state?.configured).toContain('"sigma":0.35');
  await expect.poll(() => page.evaluate(() => location.search)).toBe("?noise=0.35");
  await expectNoProblems(page, problems);
  await page.close();
});
