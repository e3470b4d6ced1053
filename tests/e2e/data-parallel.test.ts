// Training over two workers in the browser (lib/training/data-parallel.ts): on a device with cores to spare, the
// page's training worker starts a peer that takes half of every batch of a small model; the run trains as before.
// This machine has two cores, where the site keeps to one worker, so the test tells the page it has four.
import {expect, test} from "vitest";
import type {Worker} from "playwright-core";
import {findErrorBlocks, openWatchedPage, useSite} from "./browser.js";
import {waitForTrainer} from "./training.js";

const site = useSite();

async function answeredByPeers(workers: Worker[]): Promise<number> {
  const counts = await Promise.all(
    workers.map((worker) =>
      worker
        .evaluate(() => (globalThis as {autoencodersLabPeer?: {answered: number}}).autoencodersLabPeer?.answered ?? 0)
        .catch(() => 0)
    )
  );
  return counts.reduce((a, b) => a + b, 0);
}

test("with cores to spare, the denoising autoencoder trains over two workers, the second answering half of each batch", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "hardwareConcurrency", {get: () => 4}));
  await page.goto(`${site.origin}/denoising`);
  await waitForTrainer(page, (s) => s.phase === "idle" && s.weightsVersion > 0);
  expect(await answeredByPeers(page.workers())).toBe(0);

  await page.getByRole("button", {name: "Train", exact: true}).first().click();
  const trained = await waitForTrainer(page, (s) => s.phase === "training" && s.step >= 10, 90_000);
  await page.getByRole("button", {name: "Pause"}).first().click();
  const answered = await answeredByPeers(page.workers());
  console.log(`two workers: ${page.workers().length} workers, the peer answered ${answered} of ${trained.step} steps`);
  expect(answered).toBeGreaterThanOrEqual(trained.step - 1);
  expect(Number.isFinite(trained.loss?.total)).toBe(true);
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
}, 180_000);
