// The data page draws real digits from the binary dataset, not a blank canvas.
import {expect, test} from "vitest";
import {openWatchedPage, useSite} from "./browser.js";

const site = useSite();

test("the digit grid shows ten classes of real, varied digits", async () => {
  const {page} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/data`);
  const canvas = page.locator("canvas.digits").first();
  await canvas.waitFor();
  const stats = await canvas.evaluate((element: HTMLCanvasElement) => {
    const context = element.getContext("2d")!;
    const {data} = context.getImageData(0, 0, element.width, element.height);
    let lit = 0;
    const rowsLit: number[] = [];
    const rowHeight = 29; // 28 pixels and a 1 pixel gap
    for (let y = 0; y < element.height; y++) {
      let count = 0;
      for (let x = 0; x < element.width; x++) if (data[4 * (y * element.width + x)] > 128) count++;
      lit += count;
      rowsLit[Math.floor(y / rowHeight)] = (rowsLit[Math.floor(y / rowHeight)] ?? 0) + count;
    }
    return {width: element.width, height: element.height, litFraction: lit / (element.width * element.height), rowsLit};
  });
  // 12 digits per row, 10 rows.
  expect(stats.width).toBe(12 * 29 - 1);
  expect(stats.height).toBe(10 * 29 - 1);
  // MNIST digits light up roughly a tenth to a fifth of their pixels; a blank or white canvas fails.
  expect(stats.litFraction).toBeGreaterThan(0.05);
  expect(stats.litFraction).toBeLessThan(0.4);
  // Every class row has ink: a "1" row has the least, but never none.
  expect(stats.rowsLit).toHaveLength(10);
  for (const lit of stats.rowsLit) expect(lit).toBeGreaterThan(100);
  await page.close();
});
