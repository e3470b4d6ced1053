// The site's service worker, bundled into the build as sw.js by lib/node/post-build.ts with the build's manifest in
// BUILD. Two jobs, for every reader:
// - offline: on install it copies every file of the build into a cache named after the build (all or nothing: a
//   failed copy fails the install, and the next visit tries again), then answers the site's requests from it, so
//   that every page opens and trains with no connection. A new build installs beside the old one and takes over
//   once no tab of the old one is open (the browser's rule), so a page never mixes the files of two builds; the
//   old build's cache is deleted as the new one activates.
// - isolation: every response it gives carries COOP/COEP (ISOLATION_HEADERS), so pages are cross-origin isolated
//   and the wasm backend runs threads even on hosts that cannot set headers (GitHub Pages). A page is isolated from
//   the first load this worker controls: the second page a reader opens, or a reload.
// Turned off at build time (SITE_SERVICE_WORKER=off) it only removes itself and its caches. Rules: ./site-cache.ts.
import {
  cacheName,
  fileFor,
  ISOLATION_HEADERS,
  NULL_BODY_STATUSES,
  staleCaches,
  type BuildManifest
} from "./site-cache.js";

declare const BUILD: BuildManifest;

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

interface ServiceWorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: {claim(): Promise<void>};
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as ServiceWorkerScope;
const scope = worker.registration.scope;
const CACHE = cacheName(scope, BUILD.id);
const FILES = new Set(BUILD.files);
/** Downloads at a time while installing: the page's own requests keep a share of a slow connection. */
const PARALLEL = 4;

worker.addEventListener("install", (event) => {
  event.waitUntil(BUILD.enabled ? copySite() : worker.skipWaiting());
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const stale = staleCaches(await caches.keys(), scope, BUILD.enabled ? CACHE : "");
      await Promise.all(stale.map((name) => caches.delete(name)));
      if (BUILD.enabled) await worker.clients.claim();
      else await worker.registration.unregister();
    })()
  );
});

if (BUILD.enabled) {
  worker.addEventListener("fetch", (event) => {
    const {request} = event;
    // Only the site's own files; the site asks for nothing else, and anything else is not ours to change.
    if (request.method !== "GET" || !request.url.startsWith(scope)) return;
    event.respondWith(respond(request));
  });
}

/** Copies every file of the build into its cache (a retried install keeps what an interrupted one copied). */
async function copySite(): Promise<void> {
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((request) => request.url));
  const queue = BUILD.files.map((file) => new URL(file, scope).href).filter((url) => !have.has(url));
  const copyNext = async (): Promise<void> => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      // Files under /_ have a content hash in their name: the HTTP cache's copy is the right one. Pages and the
      // other unhashed files are revalidated, so that a cached old page never joins the new build's files.
      const hashed = new URL(url).pathname.slice(new URL(scope).pathname.length).startsWith("_");
      const response = await fetch(url, {cache: hashed ? "default" : "no-cache"});
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      await cache.put(url, response);
    }
  };
  await Promise.all(Array.from({length: PARALLEL}, copyNext));
}

async function respond(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const file = fileFor(decodeURIComponent(url.pathname.slice(new URL(scope).pathname.length)), FILES);
  if (file) {
    const cached = await caches.match(new URL(file, scope).href, {cacheName: CACHE});
    if (cached) return isolated(cached);
  }
  try {
    return isolated(await fetch(request));
  } catch (error) {
    // Offline, and not a file of the build: a page gets the build's 404 page.
    const missing = request.mode === "navigate" && FILES.has("404.html");
    const page = missing ? await caches.match(new URL("404.html", scope).href, {cacheName: CACHE}) : undefined;
    if (page) return isolated(page, 404);
    throw error;
  }
}

/** The response with the cross-origin isolation headers (a new Response: a redirected one may not answer a page). */
function isolated(response: Response, status = response.status): Response {
  if (response.type === "opaque" || response.type === "opaqueredirect" || response.type === "error") return response;
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  // The body is decoded already (a host's .br or .gz copy): its encoding and length no longer apply.
  headers.delete("content-encoding");
  headers.delete("content-length");
  const body = NULL_BODY_STATUSES.includes(status) ? null : response.body;
  return new Response(body, {status, statusText: status === response.status ? response.statusText : "", headers});
}
