// The super-resolution page: the x2/x4 choice changes the input resolution, the classical upscalings and their
// scores, and starts a fresh model for the new factor, which then trains live; the choice lives in the URL.
import type {Page} from "playwright-core";
import {expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, useSite} from "./browser.js";
import {CANVAS_HELPERS, countDifferentPixels, readCanvas, readMetric} from "./page-canvas.js";
import {waitForTrainer} from "./training.js";

const site = useSite();

const VIEW = ".super-resolution-view";
const metric = (page: Page, row: string, column: number): Promise<string> => readMetric(page, VIEW, row, column);
const inputWidth = (page: Page): Promise<number> =>
  page.locator(`${VIEW} tbody tr:first-child canvas`).evaluate((canvas: HTMLCanvasElement) => canvas.width);

/** The super-resolution scale of the trainer's current model. */
const readScale = (page: Page): Promise<number | undefined> =>
  page.evaluate(() => {
    type Live = {state: {model?: {config: {scale?: number}}}};
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    return lab ? [...lab.trainers][0]?.state.model?.config.scale : undefined;
  });

test("x4 changes the input, the upscalings and their scores, and trains a fresh model live", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.addInitScript(CANVAS_HELPERS);
  await page.goto(`${site.origin}/super-resolution`);
  await waitForTrainer(page, (s) => s.weightsVersion >= 1 && s.phase === "idle");
  // Each row's score fills in when its own computation ends (the model's may come first): wait for all three.
  for (const row of ["Model", "Nearest neighbour", "Bicubic"]) {
    await expect.poll(() => metric(page, row, 0), {timeout: 20_000}).toMatch(/dB$/);
  }
  // Ten 14x14 inputs side by side with 1-pixel gaps.
  expect(await inputWidth(page)).toBe(10 * 15 - 1);
  const x2 = {
    nearest: await metric(page, "Nearest neighbour", 0),
    bicubic: await metric(page, "Bicubic", 0),
    bicubicSsim: await metric(page, "Bicubic", 1),
    model: await metric(page, "Model", 0),
    nearestPixels: await readCanvas(page, `${VIEW} canvas[aria-label="Nearest neighbour"]`)
  };
  console.log(
    `x2 PSNR: nearest ${x2.nearest}, bicubic ${x2.bicubic} (SSIM ${x2.bicubicSsim}), untrained model ${x2.model}`
  );
  // Bicubic beats nearest neighbour at x2.
  expect(parseFloat(x2.bicubic)).toBeGreaterThan(parseFloat(x2.nearest));

  await page.getByLabel("×4", {exact: true}).check();
  await expect.poll(() => inputWidth(page)).toBe(10 * 8 - 1);
  await expect.poll(() => readScale(page)).toBe(4);
  const nearest4 = await readCanvas(page, `${VIEW} canvas[aria-label="Nearest neighbour"]`);
  expect(countDifferentPixels(x2.nearestPixels, nearest4)).toBeGreaterThan(500);
  // The classical scores are recomputed for the new input: wait until both show the new factor's.
  for (const [row, x2Score] of [
    ["Nearest neighbour", x2.nearest],
    ["Bicubic", x2.bicubic]
  ]) {
    await expect
      .poll(async () => {
        const score = await metric(page, row, 0);
        return score.endsWith("dB") && score !== x2Score;
      })
      .toBe(true);
  }
  const x4 = {nearest: await metric(page, "Nearest neighbour", 0), bicubic: await metric(page, "Bicubic", 0)};
  console.log(`x4 PSNR: nearest ${x4.nearest}, bicubic ${x4.bicubic}`);
  // A quarter of the pixels per side loses more: both classical scores drop.
  expect(parseFloat(x4.nearest)).toBeLessThan(parseFloat(x2.nearest));
  expect(parseFloat(x4.bicubic)).toBeLessThan(parseFloat(x2.bicubic));
  expect(await page.evaluate(() => location.search)).toBe("?scale=4");

  // The x4 model trains at once, and its output and scores follow the new weights.
  await expect.poll(() => metric(page, "Model", 0), {timeout: 20_000}).toMatch(/dB$/);
  const before = {
    psnr: await metric(page, "Model", 0),
    pixels: await readCanvas(page, `${VIEW} canvas[aria-label="Model"]`)
  };
  const trained = await waitForTrainer(page, (s) => s.phase === "training" && s.step >= 25, 60_000);
  await expect.poll(() => metric(page, "Model", 0)).not.toBe(before.psnr);
  expect(
    countDifferentPixels(before.pixels, await readCanvas(page, `${VIEW} canvas[aria-label="Model"]`))
  ).toBeGreaterThan(0);
  console.log(
    `x4 model PSNR: ${before.psnr} before training, ${await metric(page, "Model", 0)} at step ${trained.step}`
  );

  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});
