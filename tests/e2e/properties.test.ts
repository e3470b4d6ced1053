// The properties page: the reconstruction error is shown for digits and clothes; a stroke drawn with the mouse
// becomes a non-empty 28x28 input with a reconstruction and an error, which the measured comparison includes;
// Clear works from the keyboard; after some training, digits reconstruct better than clothes.
import type {Page} from "playwright-core";
import {expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, useSite} from "./browser.js";
import {CANVAS_HELPERS, countInkedPixels, readCanvas} from "./page-canvas.js";
import {waitForTrainer} from "./training.js";

const site = useSite();

/** The drawing pad's 28x28 image: how many of its pixels have ink (-1 while it is empty). */
const inkedInput = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const pad = document.querySelector(".drawing-pad") as unknown as {value: Float32Array | null};
    return pad.value ? pad.value.filter((v) => v > 0).length : -1;
  });

/** The labels and mean-error texts of the measured comparison chart. */
const readComparison = (page: Page): Promise<string[]> =>
  page.locator("figure.error-comparison svg text").allTextContents();

test("a drawn stroke becomes a 28x28 input with a reconstruction; clothes reconstruct worse than digits", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.addInitScript(CANVAS_HELPERS);
  await page.goto(`${site.origin}/properties`);
  await waitForTrainer(page, (s) => s.weightsVersion >= 1 && s.phase === "idle");
  // Digits and clothes each have a reconstruction and an error.
  const errors = page.locator(".reconstruction-view td.metric");
  await expect
    .poll(() => errors.allTextContents())
    .toEqual(expect.arrayContaining([expect.stringMatching(/^0\.\d{4}$/)]));
  expect(countInkedPixels(await readCanvas(page, '.reconstruction-view canvas[aria-label="Clothes"]'))).toBeGreaterThan(
    1000
  );
  await page.locator("figure.error-comparison").waitFor({timeout: 30_000});
  expect((await readComparison(page)).join(" ")).not.toContain("Your drawing");

  // Draw a stroke: a slanted line, as a reader would with the mouse.
  expect(await inkedInput(page)).toBe(-1);
  const pad = page.locator(".drawing-pad canvas");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 100, box.y + 50);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 100 + i * 3, box.y + 50 + i * 9);
  await page.mouse.up();
  const inked = await inkedInput(page);
  console.log(`inked pixels of the drawing's 28x28 input: ${inked}`);
  expect(inked).toBeGreaterThan(20);
  const drawingRows = '.reconstruction-view canvas[aria-label="Your drawing"]';
  await page.locator(drawingRows).waitFor();
  expect(countInkedPixels(await readCanvas(page, drawingRows))).toBeGreaterThan(20);
  // The reconstruction is drawn: a 28x28 image with some ink.
  const reconstruction = page
    .locator(".reconstruction-view", {has: page.locator('canvas[aria-label="Your drawing"]')})
    .locator('canvas[aria-label="Reconstruction"]');
  const reconstructed = await reconstruction.evaluate((c: HTMLCanvasElement) =>
    Array.from(c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data)
  );
  expect(reconstructed.length).toBe(28 * 28 * 4);
  expect(countInkedPixels(reconstructed)).toBeGreaterThan(5);
  await expect.poll(() => readComparison(page).then((t) => t.join(" ")), {timeout: 30_000}).toContain("Your drawing");

  // Clear, from the keyboard.
  await page.getByRole("button", {name: "Clear"}).focus();
  await page.keyboard.press("Enter");
  expect(await inkedInput(page)).toBe(-1);
  await expect.poll(() => page.locator(drawingRows).count()).toBe(0);

  // Train a little, measure again: the digits' mean error is below the clothes'.
  await page.getByRole("button", {name: "Train", exact: true}).click();
  await waitForTrainer(page, (s) => s.step >= 40, 60_000);
  await page.locator("button", {hasText: "Measure again"}).click();
  // Wait for the new measurement: its caption names the training step it was taken at.
  const stepOfChart = async (): Promise<number> => {
    const caption = (await page.locator("figure.error-comparison figcaption").textContent()) ?? "";
    return Number(/after ([\d,]+) training steps/.exec(caption)?.[1].replaceAll(",", "") ?? -1);
  };
  await expect.poll(stepOfChart, {timeout: 30_000}).toBeGreaterThanOrEqual(40);
  const means = (await readComparison(page)).filter((t) => t.startsWith("mean ")).map((t) => parseFloat(t.slice(5)));
  console.log(`mean squared error after 40+ steps: digits ${means[0]}, clothes ${means[1]}`);
  expect(means[0]).toBeLessThan(means[1]);

  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});
