// The Indonesian edition in the browser: every /id/ page says lang="id", links to its English twin with the same
// URL state, and shows no English interface string (every string of lib/i18n/en.ts that the Indonesian module says
// differently); "Tingkat noise", "Dimensi laten" and "Bobot KL" each change what their page trains.
import type {Page} from "playwright-core";
import {describe, expect, test} from "vitest";
import {en} from "../../lib/i18n/en.js";
import {id} from "../../lib/i18n/id.js";
import {QUIZZES} from "../../lib/quizzes.js";
import {LESSON_PAGES} from "../../lib/site-pages.js";
import {findErrorBlocks, openWatchedPage, useSite} from "./browser.js";
import {readTrainer, waitForTrainer} from "./training.js";

const site = useSite();

/** The English interface strings the Indonesian edition writes differently (leaves of the strings objects). */
function englishOnly(a: unknown, b: unknown, out: string[] = []): string[] {
  if (typeof a === "string" && typeof b === "string") {
    if (a !== b && a.length >= 4) out.push(a);
  } else if (a && b && typeof a === "object" && typeof b === "object") {
    for (const key of Object.keys(a)) englishOnly((a as never)[key], (b as never)[key], out);
  }
  return out;
}

/**
 * The interface a reader sees or hears (not the prose, which keeps the lesson's English terms): controls, their
 * labels and legends, table headings, captions, status lines, and the accessible names and titles.
 */
const interfaceText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const parts = "button, label, legend, summary, option, th, figcaption, output, .training-controls, [role=status]";
    const texts = [...document.querySelectorAll<HTMLElement>(parts)].map((element) => element.innerText);
    const attributes = [...document.querySelectorAll("[aria-label], [title], [placeholder], [aria-valuetext]")].flatMap(
      (element) => ["aria-label", "title", "placeholder", "aria-valuetext"].map((a) => element.getAttribute(a) ?? "")
    );
    return [...texts, ...attributes].join("\n");
  });

/** Whether `text` holds `english` as whole words ("code" is not in "decoder"). */
function holds(text: string, english: string): boolean {
  const escaped = english.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, "u").test(text);
}

/** Every Indonesian string the site shows: interface and quiz text. */
function leaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object") for (const item of Object.values(value)) leaves(item, out);
  return out;
}
const INDONESIAN = [
  ...leaves(id),
  ...leaves(
    Object.values(QUIZZES)
      .flat()
      .map((q) => [q.prompt.id, q.why.id, q.choices.map((c) => c.id)])
  )
];
// An English string the Indonesian edition itself writes (a term the lesson keeps in English, such as
// "reconstruction loss" or "masking") is not a leftover.
const ENGLISH = englishOnly(en, id).filter((english) => !INDONESIAN.some((text) => holds(text, english.trim())));

describe.each(["", ...LESSON_PAGES.map((p) => p.slug)])("/id/%s", (slug) => {
  test("is Indonesian, links to its English twin, and shows no English interface string", async () => {
    const {page, problems} = await openWatchedPage(site.browser, site.origin);
    await page.goto(`${site.origin}/id/${slug}`);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("id");
    const twin = page.locator("a.language-switch");
    expect(await twin.getAttribute("lang")).toBe("en");
    expect(new URL((await twin.getAttribute("href"))!, site.origin).pathname).toBe(`/${slug}`);
    const text = await interfaceText(page);
    expect(ENGLISH.filter((english) => holds(text, english.trim()))).toEqual([]);
    expect(await findErrorBlocks(page)).toEqual([]);
    expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
    await page.close();
  });
});

test("the English pages link to their Indonesian twins, keeping the URL state", async () => {
  const {page} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/denoising?noise=0.3`);
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
  await page.locator("a.language-switch").click();
  await page.waitForURL(/\/id\/denoising\?noise=0\.3$/);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe("id");
  await page.close();
});

/** Moves the slider named `label` (an Inputs.range or a stop slider) to `value` or to stop number `stop`. */
async function moveSlider(page: Page, label: string, value: number): Promise<void> {
  const input = page.getByLabel(label, {exact: true}).and(page.locator("input[type=range]"));
  await input.evaluate((element: HTMLInputElement, v: number) => {
    element.value = String(v);
    element.dispatchEvent(new Event("input", {bubbles: true}));
  }, value);
}

const configured = (page: Page): Promise<unknown> =>
  page.evaluate(() => {
    type Live = {configured?: unknown};
    const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
    return lab ? JSON.stringify([...lab.trainers][0]?.configured) : undefined;
  });

test.each([
  ["denoising", "Tingkat noise", 0.8, /"sigma":0\.8/],
  ["autoencoder", "Dimensi laten", 8, /"latentDim":8/],
  ["vae", "Bobot KL", 2, /"klWeight":0\.002/]
])("/id/%s: %s changes what the page trains", async (slug, label, value, expected) => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/id/${slug}`);
  await waitForTrainer(page, (s) => s.weightsVersion >= 1);
  await moveSlider(page, label, value);
  await expect.poll(() => configured(page), {timeout: 20_000}).toMatch(expected);
  await waitForTrainer(page, (s) => s.phase === "training" || s.step > 0);
  expect((await readTrainer(page))?.problem).toBeUndefined();
  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});
