// `npm run build` = `observable build`, then this step on its output (SITE_OUTPUT, default dist/):
// 1. the service worker (lib/offline/service-worker.ts) bundled as sw.js, with the build's manifest: its id (a hash
//    of every file) names its cache, and its list of every file is what it copies for offline use; every page's
//    head script is switched on to register it (lib/offline/registration.ts). SITE_SERVICE_WORKER=off leaves the
//    pages switched off and writes a sw.js that removes itself from browsers an earlier build reached;
// 2. precompressed copies of every file that compresses (file.br and file.gz beside it), for hosts that serve them
//    (`npm run serve` does, by the request's Accept-Encoding: lib/node/static-server.ts).
import {createHash} from "node:crypto";
import {readdirSync, readFileSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {brotliCompressSync, constants, gzipSync} from "node:zlib";
import {build} from "esbuild";
import {enableRegistration, SERVICE_WORKER_FILE, serviceWorkerEnabled} from "../offline/registration.js";
import type {BuildManifest} from "../offline/site-cache.js";

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), "..", "offline", "service-worker.ts");

/** Endings of files worth compressing (images, fonts and gzipped data are compressed already). */
const COMPRESSIBLE = /\.(html|js|mjs|css|json|wasm|svg|txt|ts|md|map|ckpt|bin)$/;
/** Copies are kept only when at least this much smaller. */
const MIN_SAVING = 0.05;

/** Every file under `dir`, relative to it and "/"-separated, but precompressed copies. */
export function siteFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/\.(br|gz)$/.test(name)) files.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return files;
}

/** The build's id: a hash of every file's path and bytes. */
export function buildId(dir: string, files: readonly string[]): string {
  const hash = createHash("sha256");
  for (const file of files)
    hash
      .update(file)
      .update("\0")
      .update(
        createHash("sha256")
          .update(readFileSync(join(dir, file)))
          .digest()
      );
  return hash.digest("hex").slice(0, 16);
}

export async function writeServiceWorker(dir: string, enabled: boolean): Promise<BuildManifest> {
  rmSync(join(dir, SERVICE_WORKER_FILE), {force: true});
  if (enabled) {
    let switched = 0;
    for (const file of siteFiles(dir).filter((f) => f.endsWith(".html"))) {
      const path = join(dir, file);
      const html = readFileSync(path, "utf8");
      const on = enableRegistration(html);
      if (on !== html) switched++;
      writeFileSync(path, on);
    }
    if (switched === 0)
      throw new Error(`no page of ${dir} has the service worker's head script (observablehq.config.ts)`);
  }
  const files = siteFiles(dir);
  const manifest: BuildManifest = {id: buildId(dir, files), files: enabled ? files : [], enabled};
  const result = await build({
    entryPoints: [SOURCE],
    bundle: true,
    format: "iife",
    target: "es2020",
    minify: true,
    write: false,
    define: {BUILD: JSON.stringify(manifest)},
    legalComments: "none"
  });
  writeFileSync(join(dir, SERVICE_WORKER_FILE), result.outputFiles[0].contents);
  return manifest;
}

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** Writes file.br and file.gz beside each file that compresses; returns bytes before and after (the best copy). */
export function precompress(dir: string): {files: number; bytes: number; compressed: number} {
  const totals = {files: 0, bytes: 0, compressed: 0};
  for (const file of siteFiles(dir)) {
    const path = join(dir, file);
    const bytes = readFileSync(path);
    totals.bytes += bytes.length;
    let best = bytes.length;
    for (const suffix of [".br", ".gz"]) rmSync(path + suffix, {force: true});
    if (COMPRESSIBLE.test(file) && bytes.length >= 1024 && !isGzip(bytes)) {
      const brotli = brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: bytes.length > 4 << 20 ? 9 : 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length
        }
      });
      const gzip = gzipSync(bytes, {level: 9});
      for (const [suffix, copy] of [
        [".br", brotli],
        [".gz", gzip]
      ] as const) {
        if (copy.length > bytes.length * (1 - MIN_SAVING)) continue;
        writeFileSync(path + suffix, copy);
        best = Math.min(best, copy.length);
        totals.files += suffix === ".gz" ? 1 : 0;
      }
    }
    totals.compressed += best;
  }
  return totals;
}

async function main(): Promise<void> {
  const dir = resolve(process.env.SITE_OUTPUT ?? "dist");
  const started = performance.now();
  const enabled = serviceWorkerEnabled(process.env);
  const manifest = await writeServiceWorker(dir, enabled);
  const {files, bytes, compressed} = precompress(dir);
  const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  console.log(
    `post-build: ${SERVICE_WORKER_FILE} for build ${manifest.id} (${enabled ? `${manifest.files.length} files to keep offline` : "turned off: it removes itself"}); ` +
      `${files} files precompressed, ${mib(bytes)} → ${mib(compressed)} served compressed; ${((performance.now() - started) / 1000).toFixed(1)} s`
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (error) {
    console.error(`post-build: ${(error as Error).message}`);
    process.exit(1);
  }
}
