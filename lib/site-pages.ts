// The lesson's pages in reading order, with their names in both editions: the sidebar and pager of each edition
// (observablehq.config.ts), the language switch and the tests that every English page has its Indonesian twin all
// read this list. Slugs are the same in both editions: /vae and /id/vae.
import type {Language} from "./i18n/index.js";

export interface LessonPage {
  slug: string;
  name: Record<Language, string>;
}

export const LESSON_PAGES: readonly LessonPage[] = [
  {slug: "data", name: {en: "The data", id: "Data"}},
  {slug: "what-is-an-autoencoder", name: {en: "What is an autoencoder", id: "Apa itu autoencoder"}},
  {slug: "autoencoder", name: {en: "Autoencoder", id: "Autoencoder"}},
  {slug: "embeddings", name: {en: "Embeddings", id: "Embedding"}},
  {slug: "denoising", name: {en: "Denoising", id: "Denoising"}},
  {slug: "super-resolution", name: {en: "Super-resolution", id: "Super-resolution"}},
  {slug: "properties", name: {en: "Properties of autoencoders", id: "Sifat-sifat autoencoder"}},
  {slug: "vae", name: {en: "Variational autoencoder", id: "Variational autoencoder"}},
  {slug: "adversarial-autoencoder", name: {en: "Adversarial autoencoder", id: "Adversarial autoencoder"}},
  {slug: "further-reading", name: {en: "Further reading", id: "Bacaan lanjutan"}}
];

/** The edition's path prefix: "" for English, "/id" for Indonesian. */
export function editionPrefix(language: Language): string {
  return language === "en" ? "" : `/${language}`;
}

/** The same page in another edition: "/vae" <-> "/id/vae", "/" <-> "/id/". */
export function pathInEdition(path: string, language: Language): string {
  const slug = path.replace(/^\/id(?=\/|$)/, "").replace(/^\/+/, "");
  return `${editionPrefix(language)}/${slug}`;
}
