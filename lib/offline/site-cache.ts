// The rules of the site's service worker (./service-worker.ts), as plain functions that unit tests check: one cache
// per build, named after it (so a new build never mixes its hashed files with an old one's); which cached file
// answers a request for a clean URL; and the headers that make every page cross-origin isolated. No DOM, no Node.

/** What the post-build step (lib/node/post-build.ts) writes into sw.js. */
export interface BuildManifest {
  /** A hash of every file of the build: a new build gets a new cache. */
  id: string;
  /** Every file of dist/ (but its precompressed copies and sw.js), relative to the site's root, "/"-separated. */
  files: string[];
  /** False: the service worker was turned off at build time, and this one only removes itself and its caches. */
  enabled: boolean;
}

/** The first word of the site's cache names. */
export const CACHE_NAME = "autoencoders-lab";

/** The start of every cache name of the site at `scope` (a site may share its origin with others, as on GitHub Pages). */
export function cachePrefix(scope: string): string {
  return `${CACHE_NAME} ${new URL(scope).pathname} `;
}

export function cacheName(scope: string, buildId: string): string {
  return `${cachePrefix(scope)}${buildId}`;
}

/** The caches of the site at `scope` that belong to another build than `current`: deleted once it is active. */
export function staleCaches(names: readonly string[], scope: string, current: string): string[] {
  return names.filter((name) => name.startsWith(cachePrefix(scope)) && name !== current);
}

/**
 * The file of the build that answers `path` (a URL path under the site's root, without it and without a leading
 * "/"), as a static host maps clean URLs: "vae" is vae.html, "id/" is id/index.html. Undefined: not in the build.
 */
export function fileFor(path: string, files: ReadonlySet<string>): string | undefined {
  const clean = path.replace(/^\/+/, "");
  const candidates =
    clean === "" || clean.endsWith("/") ? [`${clean}index.html`] : [clean, `${clean}.html`, `${clean}/index.html`];
  return candidates.find((candidate) => files.has(candidate));
}

/**
 * The headers that make a page cross-origin isolated (SharedArrayBuffer, so wasm threads), on every response of the
 * site: hosts such as GitHub Pages cannot set them, so the service worker adds them.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin"
};

/** Statuses whose responses have no body. */
export const NULL_BODY_STATUSES: readonly number[] = [101, 204, 205, 304];
