// The inline script in every page's <head> (observablehq.config.ts) that registers the site's service worker
// (./service-worker.ts, built as sw.js): offline use, and cross-origin isolation on hosts that cannot set headers.
// It registers once the page's first results are drawn (or it has no trainer), so that copying the site for offline
// use never competes with them on a slow connection. It is written switched off: `observable build` alone ships no
// sw.js, and a page must not ask for one that is not there. The post-build step that writes sw.js switches it on in
// every page (enableRegistration), unless `SITE_SERVICE_WORKER=off npm run build`; for one browser, `?sw=off` on any
// page switches it off (remembered; `?sw=on` undoes it). Switched off, it removes the worker and its caches wherever
// an earlier build installed them.
import {CACHE_NAME} from "./site-cache.js";

/** The service worker's file, at the root of the built site. */
export const SERVICE_WORKER_FILE = "sw.js";

/** Follows the head script's switch, so that the post-build step finds it. */
const SWITCH = "/* sw.js shipped: lib/node/post-build.ts */";

/** False when the build was asked to ship no service worker (`SITE_SERVICE_WORKER=off`). */
export function serviceWorkerEnabled(env: Record<string, string | undefined>): boolean {
  return !["off", "0", "false", "no"].includes((env.SITE_SERVICE_WORKER ?? "").toLowerCase());
}

/** The service worker's URL relative to the page at `path` (a Framework page path: "/vae", "/id/vae", "/index"). */
export function serviceWorkerUrl(path: string): string {
  const depth = path.split("/").length - 2;
  return `${depth > 0 ? "../".repeat(depth) : "./"}${SERVICE_WORKER_FILE}`;
}

/** A built page's HTML with its head script switched on (the build ships sw.js). */
export function enableRegistration(html: string): string {
  return html.replace(`const shipped = false${SWITCH};`, `const shipped = true${SWITCH};`);
}

/** The inline script for the page at `path`, as HTML (switched off: see enableRegistration). */
export function serviceWorkerHeadScript(path: string): string {
  // Plain ES2015 in a string: it runs as written, before any module.
  return `<script>{
const url = new URL(${JSON.stringify(serviceWorkerUrl(path))}, location.href);
const scope = new URL(".", url).href;
const container = navigator.serviceWorker;
const key = "autoencoders-lab:service-worker";
const asked = /[?&]sw=(on|off)\\b/.exec(location.search);
const shipped = false${SWITCH};
let off = !shipped;
try {
  if (asked) asked[1] === "off" ? localStorage.setItem(key, "off") : localStorage.removeItem(key);
  off = off || localStorage.getItem(key) === "off";
} catch (error) {}
if (container && off) {
  container.getRegistration(scope).then((registration) => registration && registration.scope === scope && registration.unregister());
  if (self.caches) caches.keys().then((names) => names.forEach((name) => name.startsWith(${JSON.stringify(CACHE_NAME)} + " " + new URL(scope).pathname + " ") && caches.delete(name)));
} else if (container) {
  addEventListener("load", () => {
    const since = Date.now();
    // A training page (its trainer starts in a cell, soon after load) waits for its first results to be drawn.
    const wait = () => {
      const lab = window.autoencodersLab;
      const elapsed = Date.now() - since;
      const training = lab && lab.trainers.size > 0;
      const drawn = document.querySelector("[data-results]");
      if (drawn || (!training && elapsed > 1500) || elapsed > 20000) container.register(url.href).catch(() => {});
      else setTimeout(wait, 250);
    };
    wait();
  });
}
}</script>`;
}
