// The site's two languages: English and Bahasa Indonesia (the language the lesson reached us in). Plain data and
// formatting, no DOM: components ask for their language's strings (src/components/language.ts knows the page's
// language), the worker gets the language in its init message, and Node code can render either.
import {en, type Strings} from "./en.js";
import {id} from "./id.js";

export {formatNumber, type NumberFormat} from "./numbers.js";

export type {Strings};
export type Language = "en" | "id";
export const LANGUAGES: readonly Language[] = ["en", "id"];

/** The name of each language, in that language (for the switch between editions). */
export const LANGUAGE_NAMES: Record<Language, string> = {en: "English", id: "Bahasa Indonesia"};

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "id";
}

export function stringsFor(language: Language): Strings {
  return language === "id" ? id : en;
}
