// What the lesson asks the learner to do, in the browser: the quizzes answer with feedback; "Code noise" changes the
// decoded digits at once; Step advances exactly one batch; a downloaded checkpoint loads back and draws the same
// reconstructions, and a damaged one is refused with a message; a point picked on the VAE's latent plane is decoded.
import {readFileSync} from "node:fs";
import type {Page} from "playwright-core";
import {expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, useSite} from "./browser.js";
import {CANVAS_HELPERS, countDifferentPixels, readCanvas, setSlider} from "./page-canvas.js";
import {pollUntil, readTrainer, waitForTrainer} from "./training.js";

const site = useSite();

/** The worker's latest reconstructions of the probe digits, summed (a fingerprint of the model's weights). */
const probeSum = (page: Page): Promise<number | undefined> =>
  page.evaluate(() => {
    type Live = {state: {probe?: {outputs: Float32Array}}};
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    const outputs = lab ? [...lab.trainers][0]?.state.probe?.outputs : undefined;
    return outputs ? Array.from(outputs).reduce((a, b) => a + b, 0) : undefined;
  });

test("the quizzes say right or wrong, and why, for every question answered", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  let answered = 0;
  for (const path of ["/", "/autoencoder", "/further-reading"]) {
    await page.goto(`${site.origin}${path}`);
    const fieldsets = page.locator(".quiz fieldset");
    await expect.poll(() => fieldsets.count(), {timeout: 20_000}).toBeGreaterThan(0);
    for (let i = 0; i < (await fieldsets.count()); i++) {
      const fieldset = fieldsets.nth(i);
      expect(await fieldset.locator("legend").innerText()).not.toBe("");
      // The first choice by keyboard: focus it and press Space, as a keyboard reader would.
      await fieldset.locator("input[type=radio]").first().focus();
      await page.keyboard.press("Space");
      const feedback = fieldset.locator(".quiz-feedback");
      expect(await feedback.getAttribute("aria-live")).toBe("polite");
      await expect.poll(() => feedback.getAttribute("data-result")).toMatch(/^(right|wrong)$/);
      expect((await feedback.innerText()).length).toBeGreaterThan(20);
      answered++;
    }
  }
  expect(answered).toBeGreaterThanOrEqual(6);
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});

test("Code noise changes the decoded digits at once; Step advances exactly one batch", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.addInitScript(CANVAS_HELPERS);
  await page.goto(`${site.origin}/autoencoder`);
  await waitForTrainer(page, (s) => s.weightsVersion >= 1 && s.phase === "idle");
  const rows = page.locator(".digit-rows", {hasText: /moved by noise/});
  await expect.poll(() => rows.count(), {timeout: 20_000}).toBe(1);
  const selector = ".code-noise-row";
  await pollUntil(
    page,
    () => readCanvas(page, selector),
    (pixels) => pixels !== null && pixels.some((v) => v > 0)
  );
  const before = await readCanvas(page, selector);
  await setSlider(page, "Code noise", 1.5);
  // Drawn synchronously from the input event: the next frame already shows the new digits.
  await page.evaluate(() => new Promise(requestAnimationFrame));
  expect(countDifferentPixels(before, await readCanvas(page, selector))).toBeGreaterThan(200);

  const start = (await readTrainer(page))!.step;
  await page.getByRole("button", {name: "Step", exact: true}).click();
  await waitForTrainer(page, (s) => s.step === start + 1 && s.phase === "paused");
  await page.waitForTimeout(1500);
  expect((await readTrainer(page))!.step).toBe(start + 1);
  await page.getByRole("button", {name: "Step", exact: true}).click();
  await waitForTrainer(page, (s) => s.step === start + 2);
  await page.waitForTimeout(1000);
  expect((await readTrainer(page))!.step).toBe(start + 2);

  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});

test("a downloaded checkpoint loads back and draws the same reconstructions; a damaged one is refused", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/autoencoder`);
  await waitForTrainer(page, (s) => s.weightsVersion >= 1 && s.phase === "idle");
  // Train a little, so that the weights differ from the checkpoint the page opened with.
  await page.getByRole("button", {name: "Train", exact: true}).click();
  await waitForTrainer(page, (s) => s.step >= 20);
  await page.getByRole("button", {name: "Pause", exact: true}).click();
  await waitForTrainer(page, (s) => s.phase === "paused");
  await page.waitForTimeout(500);
  const trained = await probeSum(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", {name: "Download weights"}).click()
  ]);
  const file = await download.path();
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 4).toString()).toBe("AECK");

  await page.getByRole("button", {name: "Reset", exact: true}).click();
  await pollUntil(
    page,
    () => probeSum(page),
    (sum) => Math.abs(sum - trained!) > 1
  );
  const input = page.locator(".weights-file-input").first();
  await input.setInputFiles({name: "trained.ckpt", mimeType: "application/octet-stream", buffer: bytes});
  await pollUntil(
    page,
    () => probeSum(page),
    (sum) => Math.abs(sum - trained!) < 1e-2 * Math.abs(trained!)
  );
  await expect.poll(() => page.locator(".weights-file-status").first().innerText()).toMatch(/Loaded/);

  const loaded = await probeSum(page);
  const damaged = Buffer.from(bytes.subarray(0, Math.floor(bytes.length / 2)));
  await input.setInputFiles({name: "damaged.ckpt", mimeType: "application/octet-stream", buffer: damaged});
  await expect
    .poll(() => page.locator(".weights-file-status").first().innerText())
    .toMatch(/damaged\.ckpt was not loaded/);
  await page.waitForTimeout(800);
  expect(await probeSum(page)).toBe(loaded);

  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});

test("a point picked on the VAE's 2-D latent plane is decoded, and another point draws another digit", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.addInitScript(CANVAS_HELPERS);
  await page.goto(`${site.origin}/vae`);
  await waitForTrainer(page, (s) => s.weightsVersion >= 1);
  const plane = page.locator(".latent-pick-stage canvas");
  await expect.poll(() => plane.count(), {timeout: 30_000}).toBe(1);
  // Clicks at points of the canvas (scrolled into view first), as a reader's pointer would.
  const box = (await plane.boundingBox())!;
  await plane.click({position: {x: box.width * 0.3, y: box.height * 0.3}});
  const digit = ".latent-pick-digit canvas";
  await pollUntil(
    page,
    () => readCanvas(page, digit),
    (pixels) => pixels !== null && pixels.some((v) => v > 0)
  );
  const first = await readCanvas(page, digit);
  const firstCode = await page.locator(".latent-pick-digit").getAttribute("data-code");
  await plane.click({position: {x: box.width * 0.75, y: box.height * 0.7}});
  await expect.poll(() => page.locator(".latent-pick-digit").getAttribute("data-code")).not.toBe(firstCode);
  expect(countDifferentPixels(first, await readCanvas(page, digit))).toBeGreaterThan(100);
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});

test("the VAE page's assignment opens its solution by keyboard: the conv VAE's code and both shipped losses", async () => {
  const manifest = JSON.parse(readFileSync("data/checkpoints/manifest.json", "utf8")) as {
    checkpoints: {name: string; test: {loss: number}}[];
  };
  const testLoss = (name: string): number => manifest.checkpoints.find((e) => e.name === name)!.test.loss;
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/vae`);
  const solution = page.locator("details.vae-assignment-solution");
  await expect.poll(() => solution.count(), {timeout: 30_000}).toBe(1);
  expect(await solution.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  await solution.locator("summary").focus();
  await page.keyboard.press("Enter");
  expect(await solution.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  // The excerpt, not the whole file: the function that builds the conv VAE and nothing before it.
  const code = await solution.locator("pre code").innerText();
  expect(code).toMatch(/^\/\*\* The lesson's conv encoder/);
  expect(code).toContain("export function buildConvVae");
  const rows = solution.locator("tbody tr");
  await expect.poll(() => rows.count(), {timeout: 20_000}).toBe(2);
  const shown = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll("td")[1].textContent)));
  expect(shown[0]).toBeCloseTo(testLoss("dense-vae-latent2"), 2);
  expect(shown[1]).toBeCloseTo(testLoss("conv-vae-latent2"), 2);
  expect(await solution.innerText()).toMatch(shown[1] < shown[0] ? /lower than/ : /higher than/);
  // The KL paragraph: the dense VAE's loss under both formulas, as the manifest has them.
  const gap = await page.locator(".lesson-kl-gap").innerText();
  const dense = manifest.checkpoints.find((e) => e.name === "dense-vae-latent2") as unknown as {lessonLoss: number};
  expect(gap).toContain(testLoss("dense-vae-latent2").toFixed(2));
  expect(gap).toContain(dense.lessonLoss.toFixed(2));
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});
