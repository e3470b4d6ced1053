// The page's language, for components: every page's <html lang> is set from its path before anything runs
// (lib/page-head.ts: /id/... is Indonesian). Components take their strings and number formats from here and never
// write English themselves.
import {
  formatNumber as formatFor,
  isLanguage,
  stringsFor,
  type Language,
  type NumberFormat,
  type Strings
} from "../lib/i18n/index.js";

export function pageLanguage(): Language {
  const lang = typeof document === "undefined" ? "en" : document.documentElement.lang;
  return isLanguage(lang) ? lang : "en";
}

/** The interface strings of the page's language. */
export function uiStrings(language: Language = pageLanguage()): Strings {
  return stringsFor(language);
}

/** A number as the page's readers write it (20,000 / 20.000; 0.5 / 0,5). */
export function formatNumber(value: number, format?: NumberFormat): string {
  return formatFor(pageLanguage(), value, format);
}

/** A chart's tick (or tip) value as the page's readers write numbers: for Plot's tickFormat and the canvas charts. */
export function formatTick(value: number): string {
  return formatNumber(value, {maxDigits: 6});
}
