// The VAE page with the convolutional VAE (the lesson's assignment): it opens from its checkpoint, trains live in
// the worker without blocking the page, and its manifold grid is drawn by the trained decoder.
import {expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, readLongTasks, RECORD_LONG_TASKS, useSite} from "./browser.js";
import {waitForTrainer} from "./training.js";

const site = useSite();

test("the convolutional VAE starts from its checkpoint, trains without freezing the page, and draws its manifold", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.addInitScript(RECORD_LONG_TASKS);
  await page.goto(`${site.origin}/vae?model=conv-vae`);
  await expect
    .poll(() => page.locator(".training-checkpoint").first().textContent(), {timeout: 60_000})
    .toMatch(/^Started from a checkpoint trained \d+ epochs?/);
  expect(await page.getByRole("radio", {name: "Convolutional VAE"}).isChecked()).toBe(true);
  const opened = await waitForTrainer(page, (s) => s.phase === "idle" && s.weightsVersion > 0);
  expect(opened.step).toBe(0);

  await page.getByRole("button", {name: "Train", exact: true}).first().click();
  await waitForTrainer(page, (s) => s.phase === "training" && s.step >= 2);
  const from = await page.evaluate(() => performance.now());
  const trained = await waitForTrainer(page, (s) => s.step >= 20, 90_000);
  const tasks = await readLongTasks(page, from);
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  console.log(
    `conv VAE: step ${trained.step}, loss ${trained.loss?.total}; longest main-thread task ${longest.toFixed(0)} ms`
  );
  expect(trained.loss?.kl).toBeGreaterThan(0);
  expect(Number.isFinite(trained.loss?.total)).toBe(true);
  expect(longest).toBeLessThan(100);
  await page.getByRole("button", {name: "Pause"}).first().click();

  // The manifold: 10 x 10 digits decoded on the page by the trained decoder, with ink (not a blank or flat grid).
  const grid = page.locator(".vae-manifold canvas.digits");
  await grid.waitFor({timeout: 30_000});
  const spread = await grid.evaluate((element: HTMLCanvasElement) => {
    const {data} = element.getContext("2d")!.getImageData(0, 0, element.width, element.height);
    let sum = 0;
    let sumSquares = 0;
    const n = data.length / 4;
    for (let i = 0; i < n; i++) {
      sum += data[4 * i];
      sumSquares += data[4 * i] ** 2;
    }
    return Math.sqrt(sumSquares / n - (sum / n) ** 2);
  });
  expect(spread).toBeGreaterThan(10);
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
}, 180_000);
