// Every page of the built site opens in real headless Chromium with no error of any kind and no
// request to another origin, and leaves a screenshot in tests/screenshots/ to look at.
import {mkdirSync, readdirSync} from "node:fs";
import {join, relative} from "node:path";
import {beforeAll, describe, expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, SITE_DIR, useSite} from "./browser.js";

const DIST = SITE_DIR;
const SCREENSHOTS = "tests/screenshots";

function listPages(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html") && !entry.parentPath.includes("_"))
    .map((entry) => "/" + relative(DIST, join(entry.parentPath, entry.name)).replace(/\.html$/, ""))
    .map((path) => path.replace(/\/index$/, "/"));
}

const site = useSite();

beforeAll(() => {
  mkdirSync(SCREENSHOTS, {recursive: true});
});

const pages = listPages(DIST);

test("the build has the home page and the data page", () => {
  expect(pages).toContain("/");
  expect(pages).toContain("/data");
});

describe.each(pages)("page %s", (path) => {
  test("loads with no error, console error or foreign request", async () => {
    const {page, problems} = await openWatchedPage(site.browser, site.origin);
    const response = await page.goto(site.origin + path, {waitUntil: "load"});
    expect(response?.status()).toBe(200);
    // Cells run after load; wait until the network is quiet and every cell has settled.
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    const name = path === "/" ? "index" : path.slice(1).replaceAll("/", "-");
    await page.screenshot({path: `${SCREENSHOTS}/${name}.png`, fullPage: true});
    expect(await findErrorBlocks(page)).toEqual([]);
    expect(problems.errors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await page.close();
  });
});
