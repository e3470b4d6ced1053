// The adversarial autoencoder page: both models' codes drawn over samples of the prior with an energy distance
// computed on the page; training live moves the adversarial autoencoder's codes and fills its three loss curves; its
// codes match the prior better than the plain autoencoder's; decoded prior samples of both redraw on request; Pause
// holds the run.
import type {Page} from "playwright-core";
import {expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, useSite} from "./browser.js";
import {pollUntil, readTrainer, waitForTrainer} from "./training.js";

const site = useSite();

interface Card {
  title: string;
  distance: number;
  source: string;
  step: number;
  points: number;
  caption: string;
}

/** The two views of codes over prior samples, in page order (the adversarial autoencoder's first). */
async function readCards(page: Page): Promise<Card[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".prior-match")].map((card) => ({
      title: card.querySelector("h2")?.textContent ?? "",
      distance: Number(card.dataset.energyDistance ?? NaN),
      source: card.dataset.source ?? "",
      step: Number(card.dataset.step ?? 0),
      points: Number(card.querySelector<HTMLCanvasElement>("canvas[data-points]")?.dataset.points ?? 0),
      caption: card.querySelector("h3")?.textContent ?? ""
    }))
  );
}

const measured = (card: Card | undefined): boolean => card !== undefined && Number.isFinite(card.distance);

test("codes over the prior, measured live; training moves the AAE's towards it, past the plain autoencoder", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/adversarial-autoencoder`);
  expect(await page.title()).toMatch(/Adversarial autoencoder/);

  const [aae, plain] = await pollUntil(
    page,
    () => readCards(page),
    (cards) => cards.length === 2 && cards.every(measured),
    60_000
  );
  expect(aae.title).toMatch(/Adversarial autoencoder/);
  expect(plain.title).toMatch(/Plain autoencoder/);
  expect(aae.points).toBe(2000);
  expect(plain.points).toBe(2000);
  // The plain autoencoder opens from its shipped checkpoint; its codes are nowhere near N(0, I).
  expect(plain.caption).toMatch(/checkpoint/);
  // The adversarial autoencoder says where it starts: its checkpoint, or random weights while none ships.
  const note = await page.locator(".training-checkpoint").first().innerText();
  expect(note).toMatch(/checkpoint|random weights/);

  await page.getByRole("button", {name: "Train", exact: true}).click();
  await waitForTrainer(page, (s) => s.phase === "training" && s.step > 0, 60_000);
  // A few hundred steps in, the codes shown are the live model's and the adversarial losses have moved.
  const trained = await pollUntil(
    page,
    () => readCards(page),
    (cards) => measured(cards[0]) && cards[0].source === "trained" && cards[0].step >= 200,
    120_000,
    500
  );
  const [aaeTrained, plainNow] = trained;
  const state = await readTrainer(page);
  expect(state?.loss?.total).toBeGreaterThan(0);
  const losses = await page.evaluate(() => {
    type Live = {state: {history: {loss: {discriminator?: number; generator?: number}}[]}};
    const trainer = [
      ...(globalThis as unknown as {autoencodersLab: {trainers: Set<Live>}}).autoencodersLab.trainers
    ][0];
    return trainer.state.history.map((record) => record.loss);
  });
  expect(losses.every((loss) => Number.isFinite(loss.discriminator) && Number.isFinite(loss.generator))).toBe(true);
  // The discriminator learns: its loss leaves 2 ln 2 (the lesson notebook's never does).
  expect(Math.min(...losses.map((loss) => loss.discriminator!))).toBeLessThan(2 * Math.LN2 - 0.1);
  // The measure: the adversarial autoencoder's codes are far closer to the prior than the plain one's.
  expect(aaeTrained.distance).toBeLessThan(plainNow.distance / 2);
  console.log(
    `adversarial autoencoder: energy distance to the prior ${aaeTrained.distance.toFixed(3)} after ${aaeTrained.step} steps ` +
      `(at opening ${aae.distance.toFixed(3)}, ${aae.source}); plain autoencoder ${plainNow.distance.toFixed(3)}`
  );

  // The loss charts have drawn the run.
  const chart = page.locator(".aae-adversarial-chart");
  expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(0);
  expect(await chart.getAttribute("aria-label")).toMatch(/discriminator \d/);
  expect(Number(await page.locator(".aae-losses .loss-canvas canvas").getAttribute("data-points"))).toBeGreaterThan(0);

  // Both models decode the same prior samples; a new draw redraws both.
  const seeds = () =>
    page.locator(".prior-digits canvas").evaluateAll((canvases) => canvases.map((c) => c.dataset.seed));
  const first = await pollUntil(page, seeds, (s) => s.length === 2 && s.every(Boolean), 30_000);
  expect(first[0]).toBe(first[1]);
  await page.getByRole("button", {name: "Draw new codes"}).click();
  await pollUntil(page, seeds, (s) => s.length === 2 && s[0] !== first[0] && s[0] === s[1], 15_000);

  await page.screenshot({path: "tests/screenshots/adversarial-autoencoder-trained.png", fullPage: true});
  await page.getByRole("button", {name: "Pause", exact: true}).click();
  await waitForTrainer(page, (s) => s.phase === "paused", 15_000);

  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
}, 240_000);
