// The intro page's architecture diagram is drawn from the built model: one box per tensor, with the shapes of
// the lesson's layers, and it follows the model chooser.
import {expect, test} from "vitest";
import {findErrorBlocks, openWatchedPage, useSite} from "./browser.js";

const site = useSite();

test("the diagram has one box per tensor of the chosen model, with its shapes", async () => {
  const {page, problems} = await openWatchedPage(site.browser, site.origin);
  await page.goto(`${site.origin}/what-is-an-autoencoder`);
  const diagram = page.locator("svg.architecture-diagram");
  await diagram.waitFor({timeout: 30_000});
  const shapes = () => diagram.locator(".layer-box .layer-shape").allTextContents();

  // The lesson's conv autoencoder: the input, 6 encoder layers (the last one is the code), 7 decoder layers.
  expect(await diagram.locator(".layer-box").count()).toBe(14);
  expect(await shapes()).toEqual([
    ...["28×28×1", "28×28×16", "14×14×16", "14×14×8", "7×7×8", "7×7×8", "4×4×8"],
    ...["4×4×8", "8×8×8", "8×8×8", "16×16×8", "14×14×16", "28×28×16", "28×28×1"]
  ]);
  expect(await diagram.locator(".layer-code").count()).toBe(1);
  expect(await diagram.locator(".layer-code .layer-shape").textContent()).toBe("4×4×8");

  // A 2-number code adds flatten + dense in the encoder and dense + reshape in the decoder.
  await page.getByLabel("The same with a 2-number code (for plotting)").check();
  await expect.poll(() => diagram.locator(".layer-box").count()).toBe(18);
  expect(await diagram.locator(".layer-code .layer-shape").textContent()).toBe("2");

  await page.getByLabel("A dense autoencoder (784 → 128 → 32)").check();
  await expect.poll(() => diagram.locator(".layer-box").count()).toBe(7);
  expect(await shapes()).toEqual(["28×28×1", "784", "128", "32", "128", "784", "28×28×1"]);

  expect(await findErrorBlocks(page)).toEqual([]);
  expect(problems).toEqual({errors: [], consoleErrors: [], foreignRequests: []});
  await page.close();
});
