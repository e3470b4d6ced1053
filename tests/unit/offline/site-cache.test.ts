// The service worker's rules (lib/offline/site-cache.ts) and its registration script (lib/offline/registration.ts).
import {describe, expect, test} from "vitest";
import {
  enableRegistration,
  serviceWorkerEnabled,
  serviceWorkerHeadScript,
  serviceWorkerUrl
} from "../../../lib/offline/registration.js";
import {cacheName, fileFor, ISOLATION_HEADERS, staleCaches} from "../../../lib/offline/site-cache.js";

describe("site cache", () => {
  const files = new Set(["index.html", "vae.html", "id/index.html", "id/vae.html", "_node/a.1234.js", "404.html"]);

  test("clean URLs map to the build's files as a static host maps them", () => {
    expect(fileFor("", files)).toBe("index.html");
    expect(fileFor("vae", files)).toBe("vae.html");
    expect(fileFor("vae.html", files)).toBe("vae.html");
    expect(fileFor("id/", files)).toBe("id/index.html");
    expect(fileFor("id/vae", files)).toBe("id/vae.html");
    expect(fileFor("_node/a.1234.js", files)).toBe("_node/a.1234.js");
    expect(fileFor("missing", files)).toBeUndefined();
  });

  test("one cache per build and site: the others of the same site are stale, other sites' are not", () => {
    const scope = "https://example.github.io/lab/";
    const current = cacheName(scope, "b2");
    expect(current).toBe("autoencoders-lab /lab/ b2");
    const names = [cacheName(scope, "b1"), current, cacheName("https://example.github.io/other/", "b1"), "unrelated"];
    expect(staleCaches(names, scope, current)).toEqual([cacheName(scope, "b1")]);
  });

  test("the isolation headers", () => {
    expect(ISOLATION_HEADERS).toMatchObject({
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp"
    });
  });
});

describe("registration", () => {
  test("the worker's URL from each page, relative so that the site works under any folder", () => {
    expect(serviceWorkerUrl("/index")).toBe("./sw.js");
    expect(serviceWorkerUrl("/vae")).toBe("./sw.js");
    expect(serviceWorkerUrl("/id/vae")).toBe("../sw.js");
    expect(serviceWorkerUrl("/id/index")).toBe("../sw.js");
  });

  test("SITE_SERVICE_WORKER=off turns it off", () => {
    expect(serviceWorkerEnabled({})).toBe(true);
    expect(serviceWorkerEnabled({SITE_SERVICE_WORKER: "off"})).toBe(false);
    expect(serviceWorkerEnabled({SITE_SERVICE_WORKER: "on"})).toBe(true);
  });

  test("the head script is written switched off; the post-build step switches it on; it parses as a script", () => {
    const off = serviceWorkerHeadScript("/id/vae");
    const on = enableRegistration(`<html><head>${off}</head></html>`);
    expect(off).toContain('"../sw.js"');
    expect(off).toMatch(/const shipped = false\b/);
    expect(on).toMatch(/const shipped = true\b/);
    expect(enableRegistration(on)).toBe(on);
    for (const script of [off, on.replace(/^<html><head>|<\/head><\/html>$/g, "")]) {
      const body = script.replace(/^<script>/, "").replace(/<\/script>$/, "");
      expect(() => new Function(body)).not.toThrow();
    }
  });
});
