// Offline classrooms: after one visit online, the service worker (lib/offline/service-worker.ts) has the whole build
// in a cache named after it, so that with no connection at all /autoencoder reloads, draws its trained
// reconstructions and trains; its responses carry COOP/COEP, so the page is cross-origin isolated (wasm threads)
// on any host. `?sw=off` removes it. The build ships precompressed copies, served by Accept-Encoding.
import {readFileSync} from "node:fs";
import {join} from "node:path";
import type {BrowserContext, Page} from "playwright-core";
import {afterEach, expect, test} from "vitest";
import {findErrorBlocks, SITE_DIR, useSite} from "./browser.js";
import {pollUntil, readTrainer} from "./training.js";

const site = useSite();
let context: BrowserContext | undefined;

afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** The site's service worker is active and its cache holds every file of the build. */
async function waitForOfflineCopy(page: Page): Promise<{cache: string; files: number; controlled: boolean}> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  return pollUntil(
    page,
    () =>
      page.evaluate(async () => {
        const names = (await caches.keys()).filter((name) => name.startsWith("autoencoders-lab "));
        const files = names.length === 1 ? (await (await caches.open(names[0])).keys()).length : 0;
        return {cache: names.join(", "), files, controlled: Boolean(navigator.serviceWorker.controller)};
      }),
    (state) => state.files > 0 && state.controlled,
    60_000,
    250
  );
}

/** Whether the page's first trainer shows its worker's own reconstructions, and how it runs. */
async function readLive(page: Page): Promise<{live: boolean; isolated: boolean; drawn: boolean} | undefined> {
  return page.evaluate(() => {
    type Live = {state: {backend?: unknown; probe?: unknown; phase: string}; fold: {previewing: boolean}};
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    const trainer = lab ? [...lab.trainers][0] : undefined;
    if (!trainer) return undefined;
    const {backend, probe, phase} = trainer.state;
    return {
      live: Boolean(backend && probe) && !trainer.fold.previewing && phase !== "loading",
      isolated: crossOriginIsolated,
      drawn: document.querySelector('[data-results="trained"]') !== null
    };
  });
}

test("after one visit, /autoencoder reloads offline, draws its trained reconstructions and trains", async () => {
  context = await site.browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(`${site.origin}/autoencoder`);
  await pollUntil(
    page,
    () => readLive(page),
    (s) => s.live && s.drawn,
    60_000
  );
  const copy = await waitForOfflineCopy(page);
  // One cache, named after this build, with every file of the build (sw.js lists them).
  const sw = readFileSync(join(SITE_DIR, "sw.js"), "utf8");
  const id = /\bid:"([0-9a-f]{16})"/.exec(sw)?.[1];
  expect(id).toBeTruthy();
  expect(copy.cache).toBe(`autoencoders-lab / ${id}`);
  const listed = JSON.parse(/\bfiles:(\[[^\]]*\])/.exec(sw)![1]) as string[];
  expect(copy.files).toBe(listed.length);
  expect(listed).toContain("autoencoder.html");

  await context.setOffline(true);
  expect(
    await page.evaluate(() =>
      fetch("/autoencoder?probe-offline").then(
        () => "served",
        () => "failed"
      )
    )
  ).toBe("served");
  await page.reload();
  const offline = await pollUntil(
    page,
    () => readLive(page),
    (s) => s.live && s.drawn,
    60_000
  );
  // Served by the service worker with COOP/COEP: cross-origin isolated, on a server that sends neither.
  expect(offline.isolated).toBe(true);
  expect((await readTrainer(page))?.problem).toBeUndefined();
  // And it trains: the training set comes from the cache too.
  await page.getByRole("button", {name: "Train", exact: true}).first().click();
  const trained = await pollUntil(
    page,
    () => readTrainer(page),
    (s) => s.step >= 5,
    90_000
  );
  expect(trained.problem).toBeUndefined();
  await page.getByRole("button", {name: "Pause"}).first().click();
  // Another page opens offline too.
  await page.goto(`${site.origin}/denoising`);
  await pollUntil(
    page,
    () => readLive(page),
    (s) => s.live && s.drawn,
    60_000
  );
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(errors).toEqual([]);

  // ?sw=off takes the service worker and its cache away.
  await context.setOffline(false);
  await page.goto(`${site.origin}/?sw=off`);
  await pollUntil(
    page,
    () =>
      page.evaluate(async () => ({
        registrations: (await navigator.serviceWorker.getRegistrations()).length,
        caches: (await caches.keys()).filter((name) => name.startsWith("autoencoders-lab ")).length
      })),
    (state) => state.registrations === 0 && state.caches === 0,
    20_000
  );
}, 240_000);

test("the build's precompressed copies are served by Accept-Encoding", async () => {
  const html = readFileSync(join(SITE_DIR, "autoencoder.html"));
  for (const [accept, encoding] of [
    ["br, gzip", "br"],
    ["gzip", "gzip"],
    ["identity", undefined]
  ] as const) {
    const response = await fetch(`${site.origin}/autoencoder`, {headers: {"accept-encoding": accept}});
    expect(response.headers.get("content-encoding") ?? undefined).toBe(encoding);
    expect(response.headers.get("vary")).toMatch(/accept-encoding/i);
    // Node's fetch decodes br and gzip: the page as built, either way.
    expect(Buffer.from(await response.arrayBuffer()).equals(html)).toBe(true);
  }
  const sw = await fetch(`${site.origin}/sw.js`);
  expect(sw.headers.get("cache-control")).toBe("no-cache");
});
