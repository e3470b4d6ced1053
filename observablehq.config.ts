import {serviceWorkerHeadScript} from "./lib/offline/registration.js";
import {languageSwitchScript} from "./lib/language-switch.js";
import {stringsFor, type Language} from "./lib/i18n/index.js";
import {pageHeadScript, pageLanguage} from "./lib/page-head.js";
import {LESSON_PAGES} from "./lib/site-pages.js";

// Framework configuration. The site must be fully self-contained: no CDN, no web fonts from other origins.
export default {
  title: "Autoencoders Lab",
  root: "src",
  // SITE_OUTPUT lets several builds (parallel work, benchmarks) write to separate folders.
  output: process.env.SITE_OUTPUT ?? "dist",
  // The default theme pulls a Google Fonts stylesheet at run time; our own stylesheet uses system fonts instead.
  globalStylesheets: [],
  style: "style.css",
  pager: true,
  search: false,
  // In the page's own language (Framework's pager labels follow it in src/style.css).
  footer: ({path}: {path: string}) => stringsFor(pageLanguage(path) as Language).site.footer,
  // An inline icon: without one, every page's first request for /favicon.ico ends in a 404 in the console. Then the
  // page's language (from its path: /id/... is Indonesian) and fixes to Framework's template for phones and screen
  // readers (lib/page-head.ts). Last, the service worker's registration: offline use and cross-origin isolation
  // (lib/offline/registration.ts: `npm run build` switches it on, unless SITE_SERVICE_WORKER=off).
  head: ({path}: {path: string}) =>
    `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f2937"/><path d="M4 4h8l-5 9" stroke="#fff" stroke-width="2" fill="none"/></svg>'
    )}">\n${pageHeadScript(path)}\n${languageSwitchScript(path)}\n${serviceWorkerHeadScript(path)}`,
  // One section per edition, each with its own pager (so "next page" never changes language); each page shows only
  // its own edition's section (src/style.css).
  pages: [
    {name: "Lesson", pager: "main", pages: LESSON_PAGES.map(({slug, name}) => ({name: name.en, path: `/${slug}`}))},
    {
      name: "Pelajaran",
      path: "/id/",
      pager: "id",
      pages: LESSON_PAGES.map(({slug, name}) => ({name: name.id, path: `/id/${slug}`}))
    }
  ]
};
