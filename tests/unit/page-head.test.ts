import {expect, test} from "vitest";
import {pageHeadScript, pageLanguage} from "../../lib/page-head.js";

test("a page's language comes from its path: the Indonesian edition lives under /id/", () => {
  expect(pageLanguage("/")).toBe("en");
  expect(pageLanguage("/vae")).toBe("en");
  expect(pageLanguage("/id")).toBe("id");
  expect(pageLanguage("/id/")).toBe("id");
  expect(pageLanguage("/id/vae")).toBe("id");
  expect(pageLanguage("/idea")).toBe("en");
  expect(pageLanguage("/data/id")).toBe("en");
});

test("the head script sets the language and allows pinch-zoom", () => {
  expect(pageHeadScript("/vae")).toContain('document.documentElement.lang = "en"');
  expect(pageHeadScript("/id/vae")).toContain('document.documentElement.lang = "id"');
  expect(pageHeadScript("/vae")).toContain('"width=device-width, initial-scale=1"');
  expect(pageHeadScript("/vae")).not.toContain("maximum-scale");
});
