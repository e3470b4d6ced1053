// Both editions of every page: each English page has its Indonesian twin, and the twins run the same code (the
// Indonesian page is Indonesian prose around the English page's code blocks; `npm run sync-editions` copies them).
import {existsSync, readFileSync} from "node:fs";
import {describe, expect, test} from "vitest";
import {codeBlocks, EDITION_SLUGS, editionFiles, withCodeOf} from "../../../lib/node/editions.js";

describe("the two editions", () => {
  test.each(EDITION_SLUGS)("%s has an English and an Indonesian page with the same code blocks", (slug) => {
    const files = editionFiles(slug);
    expect(existsSync(files.en), files.en).toBe(true);
    expect(existsSync(files.id), files.id).toBe(true);
    const english = codeBlocks(readFileSync(files.en, "utf8"));
    const translated = codeBlocks(readFileSync(files.id, "utf8"));
    expect(translated, `${files.id} differs from ${files.en} in its code: run npm run sync-editions`).toEqual(english);
  });

  test("syncing copies code blocks in order and refuses pages whose numbers of blocks differ", () => {
    const english = "# A\n\n```js\nconst x = 1;\n```\n\ntext\n\n```js\nx;\n```\n";
    const translated = "# B\n\n```js\nconst x = 2;\n```\n\nteks\n\n```js\nold;\n```\n";
    expect(withCodeOf(english, translated)).toBe("# B\n\n```js\nconst x = 1;\n```\n\nteks\n\n```js\nx;\n```\n");
    expect(withCodeOf(english, "```js\nonly;\n```\n")).toBeUndefined();
  });
});
