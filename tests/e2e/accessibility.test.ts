// Every page for every reader: no critical or serious axe-core violation (Framework's theme included), the page's
// language on <html>, pinch-zoom allowed, no sideways scrolling on a 390 px or 360 px phone, a result on the first
// screen of each training page with the backend's details folded away, focus handed on when a focused button
// disables itself, and no motion for readers who ask for less.
import {readFileSync, readdirSync} from "node:fs";
import {createRequire} from "node:module";
import {join, relative} from "node:path";
import type {Browser, Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, SITE_DIR, useSite} from "./browser.js";
import {readTrainer, waitForTrainer} from "./training.js";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PHONE_WIDTHS = [390, 360];
const PHONE_HEIGHT = 844;

function listPages(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html") && !entry.parentPath.includes("_"))
    .map((entry) => "/" + relative(dir, join(entry.parentPath, entry.name)).replace(/\.html$/, ""))
    .map((path) => path.replace(/\/index$/, "/"))
    .filter((path) => path !== "/404")
    .sort();
}

const site = useSite();
const pages = listPages(SITE_DIR);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's critical and serious violations on the page as it is now. */
async function runAxe(page: Page): Promise<Violation[]> {
  await page.addScriptTag({content: AXE_SOURCE});
  return page.evaluate(async () => {
    type Result = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: {target: string[]; failureSummary?: string}[];
      }[];
    };
    const axe = (globalThis as unknown as {axe: {run(context: Document, options: object): Promise<Result>}}).axe;
    const result = await axe.run(document, {resultTypes: ["violations"]});
    return result.violations
      .filter((v) => v.impact === "critical" || v.impact === "serious")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ").trim()}`)
      }));
  });
}

/** Opens `path` as a phone of `width` x 844 would, and waits until its cells have settled. */
async function openOnPhone(browser: Browser, path: string, width: number): Promise<Page> {
  const page = await browser.newPage({viewport: {width, height: PHONE_HEIGHT}, isMobile: true, hasTouch: true});
  await page.goto(site.origin + path, {waitUntil: "load"});
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  return page;
}

/** How wide the page is, and the outermost elements that stick out past the right edge of the screen. */
async function measureOverflow(page: Page): Promise<{width: number; offenders: string[]}> {
  return page.evaluate(() => {
    const screen = document.documentElement.clientWidth;
    const sticksOut = (element: Element): boolean => element.getBoundingClientRect().right > screen + 0.5;
    const describe = (element: Element): string =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${
        element.classList.length ? `.${[...element.classList].join(".")}` : ""
      } (right edge ${Math.round(element.getBoundingClientRect().right)} px)`;
    const offenders = [...document.body.querySelectorAll("*")]
      .filter((element) => sticksOut(element) && !(element.parentElement && sticksOut(element.parentElement)))
      .slice(0, 10)
      .map(describe);
    return {width: document.documentElement.scrollWidth, offenders};
  });
}

describe.each(pages)("page %s", (path) => {
  test("has no critical or serious axe-core violation, its language and a zoomable viewport (1280 px)", async () => {
    const {page, problems} = await openWatchedPage(site.browser, site.origin);
    await page.goto(site.origin + path, {waitUntil: "load"});
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(path.startsWith("/id/") ? "id" : "en");
    expect(await page.locator('meta[name="viewport"]').getAttribute("content")).not.toMatch(
      /maximum-scale|user-scalable=no/
    );
    const violations = await runAxe(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(await findErrorBlocks(page)).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  test.each(PHONE_WIDTHS)("fits a %i px phone without scrolling sideways", async (width) => {
    const page = await openOnPhone(site.browser, path, width);
    const overflow = await measureOverflow(page);
    expect(overflow.width, `wider than the screen: ${overflow.offenders.join("; ")}`).toBeLessThanOrEqual(width);
    await page.close();
  });
});

// Pages that train a model: their controls say so.
const trainingPages = pages.filter((path) =>
  readFileSync(join(SITE_DIR, `${path.endsWith("/") ? `${path}index` : path}.html`), "utf8").includes(
    "components/training-controls."
  )
);

test("the training pages are found", () => {
  expect(trainingPages).toEqual(expect.arrayContaining(["/autoencoder", "/denoising", "/vae"]));
});

describe.each(trainingPages)("training page %s on a 390 x 844 phone", (path) => {
  test("shows a result on the first screen, and the backend's details folded away", async () => {
    const page = await openOnPhone(site.browser, path, 390);
    await waitForTrainer(page, (s) => s.phase === "idle" && s.weightsVersion >= 0);
    // A result: the controls' row of the model's outputs, or one of the page's own views of its results.
    const results = page.locator(".training-result canvas, [data-results]");
    await expect.poll(() => results.count(), {timeout: 30_000}).toBeGreaterThan(0);
    const onFirstScreen = await page.evaluate((height) => {
      return [...document.querySelectorAll(".training-result canvas, [data-results]")].some((element) => {
        const box = element.getBoundingClientRect();
        return box.height > 0 && box.width > 0 && box.top >= 0 && box.bottom <= height;
      });
    }, PHONE_HEIGHT);
    expect(onFirstScreen).toBe(true);
    const backend = page.locator("details.training-backend").first();
    expect(await backend.evaluate((details: HTMLDetailsElement) => details.open)).toBe(false);
    expect(await page.locator(".training-backend-detail").first().isVisible()).toBe(false);
    await page.close();
  });
});

test("a focused button that disables itself hands the focus on: Train to Pause, Pause to Resume", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/autoencoder`);
  await waitForTrainer(page, (s) => s.phase === "idle");
  const focusedAction = (): Promise<string | null> =>
    page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action ?? null);
  await page.locator('[data-action="train"]').first().focus();
  await page.keyboard.press("Enter");
  await expect.poll(focusedAction, {timeout: 30_000}).toBe("pause");
  expect((await readTrainer(page))?.phase).toBe("training");
  await page.keyboard.press("Enter");
  await expect.poll(focusedAction, {timeout: 30_000}).toBe("train");
  await waitForTrainer(page, (s) => s.phase === "paused");
  expect(await page.locator('[data-action="train"]').first().textContent()).toBe("Resume");
  expect(problems.errors).toEqual([]);
  await page.close();
});

test("a reader who asks for less motion gets no transitions or animations", async () => {
  const page = await site.browser.newPage({viewport: {width: 1280, height: 900}, reducedMotion: "reduce"});
  await page.goto(`${site.origin}/data`, {waitUntil: "load"});
  const durations = await page.evaluate(() =>
    ["#observablehq-sidebar", "#observablehq-toc"]
      .map((selector) => document.querySelector(selector))
      .filter((element): element is Element => element !== null)
      .flatMap((element) => {
        const style = getComputedStyle(element);
        return [...style.transitionDuration.split(","), ...style.animationDuration.split(",")].map(parseFloat);
      })
  );
  expect(durations.length).toBeGreaterThan(0);
  expect(Math.max(...durations)).toBeLessThan(0.001);
  await page.close();
});
