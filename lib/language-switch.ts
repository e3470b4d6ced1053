// The link on every page to the same page in the other edition, keeping the page's URL state (its controls' values
// live in the query string, rewritten as the reader moves them). An inline script, as lib/page-head.ts: it finds the
// other edition's link for this page in the sidebar (each edition has its own section there, with paths that work
// wherever the site is hosted), and adds the current query string when the reader follows it.
import {stringsFor, type Language} from "./i18n/index.js";
import {pageLanguage} from "./page-head.js";

export function languageSwitchScript(path: string): string {
  const language = pageLanguage(path) as Language;
  const other: Language = language === "id" ? "en" : "id";
  const {site} = stringsFor(language);
  // Plain ES2015 in a string: it runs as written, before any module.
  return `<script>{
const other = ${JSON.stringify(other)};
const label = ${JSON.stringify(site.otherEdition)};
const title = ${JSON.stringify(site.otherEditionLabel)};
document.addEventListener("DOMContentLoaded", () => {
  const sections = document.querySelectorAll("#observablehq-sidebar > section");
  const section = sections[other === "id" ? 1 : 0];
  if (!section) return;
  const here = location.pathname.replace(/\\/index$/, "/").replace(/\\/$/, "/index").split("/").pop();
  const links = [...section.querySelectorAll("a")];
  const same = (a) => new URL(a.href).pathname.replace(/\\/$/, "/index").split("/").pop() === here;
  // The home page's twin is the section's own link (its summary), or the site title for English.
  const target = links.find(same) || (here === "index" ? (other === "id" ? links[0] : document.querySelector("#observablehq-sidebar > ol a")) : null);
  if (!target) return;
  const link = document.createElement("a");
  link.className = "language-switch";
  link.lang = other;
  link.hreflang = other;
  link.href = target.href;
  link.textContent = label;
  link.title = title;
  link.addEventListener("click", () => (link.href = target.href.replace(/[?#].*$/, "") + location.search));
  const main = document.getElementById("observablehq-main");
  if (main) main.prepend(link);
});
}</script>`;
}
