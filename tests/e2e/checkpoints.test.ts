// Instant start: a training page shows a pretrained checkpoint's reconstructions without any training, says where
// its weights came from (exact checkpoint, or the nearest one), and Reset goes back to random weights.
import type {Page} from "playwright-core";
import {expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, useSite} from "./browser.js";
import {pollUntil} from "./training.js";

const site = useSite();

interface Started {
  step: number;
  checkpoint?: {name?: string; exact: boolean; text: string};
  /** Mean binary cross-entropy of the probe reconstructions against the clean probe digits. */
  probeBce?: number;
}

/** The first trainer's checkpoint note and how good its probe reconstructions are. */
async function readStart(page: Page): Promise<Started | undefined> {
  return page.evaluate(() => {
    type State = {
      step: number;
      checkpoint?: {name?: string; exact: boolean; text: string};
      probe?: {inputs: Float32Array; outputs: Float32Array};
    };
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<{state: State}>}}).autoencodersLab;
    const state = lab ? [...lab.trainers][0]?.state : undefined;
    if (!state) return undefined;
    let probeBce: number | undefined;
    const probe = state.probe;
    // Only where inputs are the clean targets (no noise, same size): plain autoencoders.
    if (probe && probe.inputs.length === probe.outputs.length) {
      let sum = 0;
      for (let i = 0; i < probe.inputs.length; i++) {
        const y = Math.min(Math.max(probe.outputs[i], 1e-7), 1 - 1e-7);
        sum -= probe.inputs[i] * Math.log(y) + (1 - probe.inputs[i]) * Math.log(1 - y);
      }
      probeBce = sum / probe.inputs.length;
    }
    return {step: state.step, checkpoint: state.checkpoint, probeBce};
  });
}

function waitForStart(page: Page, done: (s: Started) => boolean): Promise<Started> {
  return pollUntil(page, () => readStart(page), done, 60_000, 100);
}

test("the autoencoder page shows the checkpoint's reconstructions before training; Reset returns to random weights", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/autoencoder`);
  const started = await waitForStart(page, (s) => s.checkpoint !== undefined && s.probeBce !== undefined);
  expect(started.step).toBe(0);
  expect(started.checkpoint).toMatchObject({name: "conv-ae", exact: true});
  // Trained reconstructions: a random conv autoencoder scores about 0.69 per pixel, the checkpoint about 0.1.
  expect(started.probeBce!).toBeLessThan(0.2);
  await expect
    .poll(() => page.locator(".training-checkpoint").first().textContent())
    .toMatch(/^Started from a checkpoint trained \d+ epochs?/);

  await page.getByRole("button", {name: "Reset"}).first().click();
  const reset = await waitForStart(page, (s) => s.checkpoint === undefined);
  expect(reset.checkpoint).toBeUndefined();
  await expect.poll(() => page.locator(".training-checkpoint").first().isHidden()).toBe(true);
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});

test("a noise level without a checkpoint starts from the nearest one, and says so", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/denoising?noise=0.35`);
  const started = await waitForStart(page, (s) => s.checkpoint !== undefined);
  expect(started.checkpoint).toMatchObject({name: "conv-ae-noise0.3", exact: false});
  expect(started.checkpoint!.text).toMatch(
    /^No checkpoint for Noise level 0\.35: started from the one for Noise level 0\.3, trained/
  );
  await expect.poll(() => page.locator(".training-checkpoint").first().textContent()).toBe(started.checkpoint!.text);
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});

/**
 * In the page, every frame: keeps a copy of the first probe the trainer shows while its worker is still loading
 * (the build-time preview), and whether a view had drawn it as trained results by then.
 */
const RECORD_PREVIEW = `(() => {
  const watch = () => {
    const lab = globalThis.autoencodersLab;
    const state = lab ? [...lab.trainers][0]?.state : undefined;
    if (state && state.phase === "loading" && state.probe && !globalThis.__preview) {
      globalThis.__preview = {inputs: state.probe.inputs.slice(), outputs: state.probe.outputs.slice()};
    }
    if (globalThis.__preview && globalThis.__drawnWhileLoading === undefined && state && state.phase === "loading") {
      if (document.querySelector('[data-results="trained"]')) globalThis.__drawnWhileLoading = true;
    }
    if (!state || state.weightsVersion === 0) requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
})()`;

test.each(["autoencoder", "denoising", "super-resolution", "vae"])(
  "%s: the first paint is the checkpoint's build-time preview, and the live model redraws the same pictures",
  async (name) => {
    const {page, problems} = await openWatchedPage(site.browser, site.origin);
    await page.addInitScript(RECORD_PREVIEW);
    await page.goto(`${site.origin}/${name}`);
    // The worker's own probe has arrived once the page holds its weights.
    await page.waitForFunction(
      () => {
        const lab = (globalThis as {autoencodersLab?: {trainers: Set<{state: {weightsVersion: number}}>}})
          .autoencodersLab;
        return (lab ? [...lab.trainers][0]?.state.weightsVersion : 0)! > 0;
      },
      undefined,
      {timeout: 60_000}
    );
    const compared = await page.evaluate(() => {
      type Probe = {inputs: Float32Array; outputs: Float32Array};
      const g = globalThis as {__preview?: Probe; __drawnWhileLoading?: boolean};
      const lab = (globalThis as {autoencodersLab?: {trainers: Set<{state: {probe?: Probe}}>}}).autoencodersLab;
      const live = lab ? [...lab.trainers][0]?.state.probe : undefined;
      const preview = g.__preview;
      if (!preview || !live) return {preview: !!preview, live: !!live};
      const maxDiff = (a: Float32Array, b: Float32Array): number =>
        a.length !== b.length ? Infinity : a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
      return {
        preview: true,
        live: true,
        drawnWhileLoading: g.__drawnWhileLoading === true,
        inputs: maxDiff(preview.inputs, live.inputs),
        outputs: maxDiff(preview.outputs, live.outputs)
      };
    });
    expect(compared).toMatchObject({preview: true, live: true, drawnWhileLoading: true});
    // Bytes (half a level of rounding) against the live floats, plus float noise between Node and the browser.
    expect(compared.inputs).toBeLessThan(0.5 / 255 + 1e-4);
    expect(compared.outputs).toBeLessThan(0.5 / 255 + 2e-3);
    expect(await findErrorBlocks(page)).toEqual([]);
    expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
    await page.close();
  }
);
