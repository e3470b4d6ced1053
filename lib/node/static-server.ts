// A minimal static server for the built site (tests, benchmarks and `npm run serve`), as any static host would serve it: clean URLs
// (`/data` -> `data.html`), the build's precompressed copies (file.br, file.gz: lib/node/post-build.ts) to clients
// that accept them, and optionally the cross-origin isolation headers that wasm threads need.
import {createReadStream, existsSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, normalize, resolve} from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf"
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, {isolated = false, port = 0} = {}): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = resolveFile(base, path);
    if (!file) {
      response.writeHead(404, {"content-type": "text/plain"}).end(`not found: ${path}`);
      return;
    }
    const headers: Record<string, string> = {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      vary: "accept-encoding"
    };
    const encoding = precompressed(file, String(request.headers["accept-encoding"] ?? ""));
    if (encoding) headers["content-encoding"] = encoding.name;
    const served = encoding?.file ?? file;
    headers["content-length"] = String(statSync(served).size);
    // Framework puts a content hash in the name of every file under /_* (modules, data, wasm): like a production
    // host, let the browser keep them, so that the training worker reuses the modules the page already fetched.
    if (path.startsWith("/_")) headers["cache-control"] = "public, max-age=31536000, immutable";
    // The service worker must be checked for a new build on every visit.
    else if (path === "/sw.js") headers["cache-control"] = "no-cache";
    if (isolated) {
      headers["cross-origin-opener-policy"] = "same-origin";
      headers["cross-origin-embedder-policy"] = "require-corp";
    }
    response.writeHead(200, headers);
    if (request.method === "HEAD") response.end();
    else createReadStream(served).pipe(response);
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const address = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((done) => server.close(() => done()))
  };
}

/** The best precompressed copy of `file` that the client accepts (brotli, then gzip), if the build wrote one. */
function precompressed(file: string, accept: string): {name: string; file: string} | undefined {
  const accepted = new Set(
    accept
      .split(",")
      .map((part) => part.trim().split(";"))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, "")) > 0)
      .map(([name]) => name.trim().toLowerCase())
  );
  for (const [name, suffix] of [
    ["br", ".br"],
    ["gzip", ".gz"]
  ]) {
    if ((accepted.has(name) || accepted.has("*")) && existsSync(file + suffix)) return {name, file: file + suffix};
  }
  return undefined;
}

function resolveFile(base: string, path: string): string | undefined {
  const target = normalize(join(base, path));
  if (!target.startsWith(base)) return undefined;
  for (const candidate of [target, `${target}.html`, join(target, "index.html")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}
