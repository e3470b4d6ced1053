// Opens pages of the built site in headless Chromium and records everything that went wrong:
// uncaught errors, console errors, Framework error blocks and requests to any other origin.
import {chromium, type Browser, type Page} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import {serveStatic, type StaticServer} from "../../lib/node/static-server.js";

/** The built site under test: `npm run build` writes dist/; SITE_OUTPUT points elsewhere. */
export const SITE_DIR = process.env.SITE_OUTPUT ?? "dist";

export interface Site {
  readonly browser: Browser;
  readonly origin: string;
}

/** Serves the built site and starts Chromium once for the calling test file, and closes both after it. */
export function useSite(): Site {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveStatic(SITE_DIR);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the site is not served yet: use it inside a test or a later hook");
    return value;
  };
  return {
    get browser() {
      return started(browser);
    },
    get origin() {
      return started(server).origin;
    }
  };
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless Chromium with the flags every run here needs (tests, benches); `extraArgs` add to them. */
export async function launchBrowser(extraArgs: string[] = [], executablePath = CHROMIUM_PATH): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      ...extraArgs
    ]
  });
}

export interface PageProblems {
  errors: string[];
  consoleErrors: string[];
  foreignRequests: string[];
}

/** Opens a new page that records problems; requests to other origins are recorded and aborted. */
export async function openWatchedPage(browser: Browser, origin: string): Promise<{page: Page; problems: PageProblems}> {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const problems: PageProblems = {errors: [], consoleErrors: [], foreignRequests: []};
  await page.addInitScript(RECORD_ERROR_BLOCKS);
  page.on("pageerror", (error) => problems.errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (isForeign(url, origin)) {
      problems.foreignRequests.push(url);
      return route.abort();
    }
    return route.continue();
  });
  return {page, problems};
}

export function isForeign(url: string, origin: string): boolean {
  if (url.startsWith("data:") || url.startsWith("blob:")) return false;
  return new URL(url).origin !== origin;
}

declare global {
  interface Window {
    errorBlocks?: string[];
  }
}

/**
 * Runs in the page before its scripts: records every Framework error block as it appears. A cell that
 * re-runs (on each training update, say) leaves its error block only between runs, so looking at the page
 * once could miss it. A string, not a function: the test runner's transpiler would add helpers to a function.
 */
const RECORD_ERROR_BLOCKS = `{
  const seen = (window.errorBlocks = []);
  const record = (node) => {
    if (!(node instanceof Element)) return;
    for (const element of [node, ...node.querySelectorAll(".observablehq--error")]) {
      if (!element.classList.contains("observablehq--error")) continue;
      const text = element.textContent ?? "";
      if (!seen.includes(text)) seen.push(text);
    }
  };
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      record(mutation.target);
      mutation.addedNodes.forEach(record);
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["class"], childList: true});
}`;

/** Texts of every Framework error block seen so far: a cell that threw still renders, so the build cannot catch it. */
export async function findErrorBlocks(page: Page): Promise<string[]> {
  const current = await page.locator(".observablehq--error").allInnerTexts();
  const seen = await page.evaluate(() => window.errorBlocks ?? []);
  return [...new Set([...seen, ...current])];
}

/** Records main-thread tasks of 50 ms or more from the start of each page; pass to page.addInitScript. */
export const RECORD_LONG_TASKS = `{
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks.push({start: entry.startTime, duration: entry.duration});
  }).observe({type: "longtask", buffered: true});
}`;

export interface LongTask {
  start: number;
  duration: number;
}

/** The long tasks recorded by RECORD_LONG_TASKS that started at or after `since` (performance.now() in the page). */
export async function readLongTasks(page: Page, since: number): Promise<LongTask[]> {
  return page.evaluate(
    (t0) => (window as unknown as {longTasks: LongTask[]}).longTasks.filter((task) => task.start >= t0),
    since
  );
}
