// A scrolling block of the site's own source code, cut from a file the page read at build time (so that what the
// page shows cannot drift from what runs): the excerpts found, joined by blank lines, or the whole file if one is no
// longer found. Keyboard readers can reach it to scroll (axe: scrollable-region-focusable).
export function sourceExcerpt(source: string, patterns: RegExp[], label: string): HTMLPreElement {
  const excerpts = patterns.map((pattern) => source.match(pattern)?.[0].trim());
  const code = document.createElement("code");
  code.textContent = excerpts.every(Boolean) ? excerpts.join("\n\n") : source;
  const pre = document.createElement("pre");
  pre.tabIndex = 0;
  pre.setAttribute("aria-label", label);
  pre.append(code);
  return pre;
}
