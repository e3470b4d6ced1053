// Browser rows of the bench: bundles bench/browser/worker.ts with esbuild, serves it with the wasm files and
// MNIST from a local http server (cross-origin isolated under /iso/, for wasm threads), and drives headless
// Chromium through playwright-core.
import {build} from "esbuild";
import {createReadStream, existsSync, mkdtempSync, rmSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {mnistFiles} from "../../lib/node/mnist.js";
import {CHROMIUM_PATH, launchBrowser} from "../../tests/e2e/browser.js";
import type {WorkerConfig} from "./worker.js";

export type BrowserRow = Record<string, string | number | boolean | null>;

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, "../..");
const WASM_DIR = join(REPO, "node_modules/@tensorflow/tfjs-backend-wasm/dist");

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".map": "application/json"
};

function serve(bundleDir: string): Promise<Server> {
  const mnist = mnistFiles("train");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const isolated = url.pathname.startsWith("/iso/");
    const path = url.pathname.replace(/^\/(iso|plain)\//, "/");
    let file: string | undefined;
    if (path === "/" || path === "/index.html") file = join(HERE, "index.html");
    else if (path === "/worker.js") file = join(bundleDir, "worker.js");
    else if (path.startsWith("/wasm/") && /^[\w.-]+\.wasm$/.test(path.slice(6))) file = join(WASM_DIR, path.slice(6));
    else if (path === "/data/train-images") file = mnist.images;
    else if (path === "/data/train-labels") file = mnist.labels;
    if (!file || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string | number> = {
      "content-type": TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream",
      "content-length": statSync(file).size,
      "cache-control": "no-store"
    };
    if (isolated) {
      headers["cross-origin-opener-policy"] = "same-origin";
      headers["cross-origin-embedder-policy"] = "require-corp";
      headers["cross-origin-resource-policy"] = "same-origin";
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

interface BrowserConfig {
  backend: WorkerConfig["backend"];
  threads: boolean;
}

const CONFIGS: BrowserConfig[] = [
  {backend: "wasm", threads: false},
  {backend: "wasm", threads: true},
  {backend: "webgl", threads: false},
  {backend: "webgpu", threads: false}
];

export async function runBrowserBench(options: {
  models: readonly string[];
  batch: number;
  steps: number;
  budgetS: number;
  backends?: readonly string[];
  chromium?: string;
  timeoutS?: number;
}): Promise<BrowserRow[]> {
  const executablePath = options.chromium ?? CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    return [
      {kind: "skipped", runtime: "browser", reason: `no Chromium at ${executablePath} (apt-get install chromium)`}
    ];
  }
  const bundleDir = mkdtempSync(join(tmpdir(), "aelab-bench-"));
  const rows: BrowserRow[] = [];
  let server: Server | undefined;
  // Software WebGL and WebGPU (no GPU here): SwiftShader.
  const browser = await launchBrowser(
    [
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--enable-unsafe-webgpu",
      "--enable-features=Vulkan",
      "--use-webgpu-adapter=swiftshader"
    ],
    executablePath
  );
  try {
    await build({
      entryPoints: [join(HERE, "worker.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(bundleDir, "worker.js"),
      logLevel: "error"
    });
    server = await serve(bundleDir);
    const port = (server.address() as AddressInfo).port;
    for (const c of CONFIGS) {
      if (options.backends && !options.backends.includes(c.backend)) continue;
      const config: WorkerConfig = {
        backend: c.backend,
        threads: c.threads,
        models: options.models as WorkerConfig["models"],
        steps: options.steps,
        minSteps: c.backend === "wasm" ? 4 : 1,
        warmup: c.backend === "wasm" ? 2 : 1,
        batch: options.batch,
        budgetS: options.budgetS
      };
      const page = await browser.newPage();
      const label = c.backend === "wasm" && c.threads ? "wasm-threads" : c.backend;
      try {
        const prefix = c.threads ? "iso" : "plain";
        await page.goto(`http://127.0.0.1:${port}/${prefix}/index.html#${encodeURIComponent(JSON.stringify(config))}`);
        const handle = await page.waitForFunction(() => (window as {__bench?: unknown}).__bench, undefined, {
          timeout: (options.timeoutS ?? (c.backend === "wasm" ? 240 : 150)) * 1000,
          polling: 500
        });
        const result = (await handle.jsonValue()) as {rows?: BrowserRow[]; error?: string};
        if (result.rows) rows.push(...result.rows);
        else rows.push({kind: "skipped", backend: label, runtime: "browser", reason: result.error ?? "no result"});
      } catch (error) {
        rows.push({
          kind: "skipped",
          backend: label,
          runtime: "browser",
          reason: (error as Error).message.split("\n")[0]
        });
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server?.close();
    rmSync(bundleDir, {recursive: true, force: true});
  }
  return rows;
}
