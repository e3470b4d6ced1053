// The two editions of each page: src/SLUG.md (English) and src/id/SLUG.md (Indonesian) hold different prose and
// the same code. `npm run sync-editions` copies the English page's ```js blocks, in order, into its Indonesian
// twin (after a change to an English page's code); tests/unit/node/editions.test.ts fails while they differ.
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {LESSON_PAGES} from "../site-pages.js";

const CODE_BLOCK = /^```js[^\n]*\n[\s\S]*?^```$/gm;

/** The slugs with two editions: the home page and every lesson page. */
export const EDITION_SLUGS: readonly string[] = ["index", ...LESSON_PAGES.map((page) => page.slug)];

export const editionFiles = (slug: string): {en: string; id: string} => ({
  en: `src/${slug}.md`,
  id: `src/id/${slug}.md`
});

export function codeBlocks(markdown: string): string[] {
  return markdown.match(CODE_BLOCK) ?? [];
}

/** `translated` with its code blocks replaced by `english`'s, in order; undefined if their numbers differ. */
export function withCodeOf(english: string, translated: string): string | undefined {
  const blocks = codeBlocks(english);
  if (codeBlocks(translated).length !== blocks.length) return undefined;
  let i = 0;
  return translated.replace(CODE_BLOCK, () => blocks[i++]);
}

function main(): void {
  let problems = 0;
  for (const slug of EDITION_SLUGS) {
    const files = editionFiles(slug);
    if (!existsSync(files.en) || !existsSync(files.id)) continue;
    const english = readFileSync(files.en, "utf8");
    const translated = readFileSync(files.id, "utf8");
    const synced = withCodeOf(english, translated);
    if (synced === undefined) {
      problems++;
      process.stderr.write(
        `${files.id}: ${codeBlocks(translated).length} code blocks, ${files.en} has ${codeBlocks(english).length}: fix by hand\n`
      );
    } else if (synced !== translated) {
      writeFileSync(files.id, synced);
      process.stderr.write(`${files.id}: code blocks copied from ${files.en}\n`);
    }
  }
  if (problems) process.exit(1);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\//, ""))) main();
