// What every page's <head> gets besides Framework's own (observablehq.config.ts): the page's language, and fixes
// to Framework 1.13's page template for readers of every kind, which the framework has no option for. The
// template's <html> has no `lang`; its viewport forbids pinch-zoom (maximum-scale=1); its sidebar toggle is named
// by a title only, a <label> sits directly in a list, and a section's link sits in a <summary> (a control). An inline script in the head runs before the body is
// parsed, so the language and the viewport are right before anything is shown.

/** Languages of the site's editions other than English: a page under /id/ is Indonesian. */
const EDITIONS = ["id"] as const;

/** The language of the page at `path` (a Framework page path such as "/vae" or "/id/vae"). */
export function pageLanguage(path: string): string {
  const first = path.split("/")[1] ?? "";
  return (EDITIONS as readonly string[]).includes(first) ? first : "en";
}

/** Accessible names of the template's unnamed parts, per language. */
const NAMES: Record<string, {toggle: string; sidebar: string; toc: string; pager: string}> = {
  en: {
    toggle: "Show or hide the list of pages",
    sidebar: "Pages",
    toc: "Contents of this page",
    pager: "Previous and next page"
  },
  id: {
    toggle: "Tampilkan atau sembunyikan daftar halaman",
    sidebar: "Halaman",
    toc: "Isi halaman ini",
    pager: "Halaman sebelumnya dan berikutnya"
  }
};

/** The inline script for the page at `path`, as HTML. */
export function pageHeadScript(path: string): string {
  const lang = pageLanguage(path);
  const names = NAMES[lang] ?? NAMES.en;
  // Plain ES2015 in a string: it runs as written, before any module.
  return `<script>{
document.documentElement.lang = ${JSON.stringify(lang)};
const viewport = document.querySelector('meta[name="viewport"]');
if (viewport) viewport.content = "width=device-width, initial-scale=1";
const names = ${JSON.stringify(names)};
document.addEventListener("DOMContentLoaded", () => {
  const label = (element, name) => element && element.setAttribute("aria-label", name);
  label(document.getElementById("observablehq-sidebar-toggle"), names.toggle);
  label(document.getElementById("observablehq-sidebar"), names.sidebar);
  label(document.querySelector("#observablehq-toc nav"), names.toc);
  label(document.querySelector("#observablehq-footer nav"), names.pager);
  // A section with a page of its own has its link inside a <summary> (out of any <details>): a link in a control.
  for (const summary of document.querySelectorAll("#observablehq-sidebar section > summary")) {
    if (!summary.querySelector("a, button, input, select, textarea")) continue;
    const heading = document.createElement("div");
    heading.className = summary.className + " observablehq-section-link";
    heading.append(...summary.childNodes);
    summary.replaceWith(heading);
  }
  const close = document.getElementById("observablehq-sidebar-close");
  if (close && close.parentElement && close.parentElement.tagName === "OL") {
    const item = document.createElement("li");
    item.style.display = "contents";
    close.replaceWith(item);
    item.append(close);
  }
});
}</script>`;
}
