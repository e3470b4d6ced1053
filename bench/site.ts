// npm run bench -- --site [--dist DIR | --no-clone] [--pages a,b] [--runs 3] [--slow-runs 1] [--slow-only] [--json]
// The "instant start" targets, measured on the built site in headless Chromium against a local static server:
// - build: `npm run build` in a fresh clone of HEAD (node_modules linked, no Framework cache), seconds;
// - size: bytes of the whole built site;
// - first results: per training page, ms from navigation start until a view has drawn the checkpoint's results
//   (it marks itself data-results="trained") and the next frame has painted them;
// - inference slider: on pages with a "Noise level" slider, ms from moving it until a canvas has changed;
// - checkpoint switch: on pages with a "Latent dimension" slider, ms from moving it to another checkpointed
//   value until that checkpoint's reconstructions are in.
// Each page is opened in a new browser context (an empty cache), `--runs` times; the median is reported.
// Then, on the slow profile (Fast 3G: 1.6 Mbps down, 750 kbps up, 150 ms round trips, and a CPU 4x slower, through
// CDP's Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate, on the page and on its workers), each
// training page once more (`--slow-runs`; 0 skips it): time to first results, the bytes received before them, and
// the bytes received in all once the worker has shown its own results and the network has been quiet for 3 s (the
// service worker's copy of the site for offline use, fetched in the background meanwhile, is reported apart).
import {execFileSync} from "node:child_process";
import {existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync} from "node:fs";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {parseArgs} from "node:util";
import type {Browser, CDPSession, Locator, Page} from "playwright-core";
import {launchBrowser} from "../tests/e2e/browser.js";
import {serveStatic} from "../lib/node/static-server.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The targets of issue 7 (instant start). */
export const SITE_TARGETS = {
  firstResultsMs: 1500,
  inferenceSliderMs: 100,
  siteBytes: 20 * 1024 * 1024,
  buildSeconds: 600,
  slowFirstResultsMs: 3000
};

/** Fast 3G and a 4x slower CPU (issue "every reader: slow connections, offline classrooms"). */
export const SLOW_PROFILE = {
  network: {offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8},
  cpuRate: 4
};

interface Row {
  metric: string;
  page?: string;
  value: number;
  unit: string;
  target: number;
  ok: boolean;
  detail?: string;
}

/** Bytes of the site's files (`compressed`: each as served to a browser that takes brotli, its .br copy if any). */
function folderBytes(dir: string, compressed = false): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    // The build's precompressed copies (lib/node/post-build.ts) are other encodings of the same files.
    if (/\.(br|gz)$/.test(name)) continue;
    if (stat.isDirectory()) total += folderBytes(path, compressed);
    else total += compressed && existsSync(`${path}.br`) ? statSync(`${path}.br`).size : stat.size;
  }
  return total;
}

/** Clones HEAD into a fresh folder and times `npm run build` there (no cache: data loaders run). */
function buildFreshClone(work: string): {dist: string; seconds: number} {
  const clone = join(work, "clone");
  rmSync(clone, {recursive: true, force: true});
  execFileSync("git", ["clone", "--quiet", "--no-hardlinks", REPO, clone], {stdio: "inherit"});
  symlinkSync(join(REPO, "node_modules"), join(clone, "node_modules"));
  const started = performance.now();
  execFileSync("npm", ["run", "build", "--silent"], {
    cwd: clone,
    stdio: ["ignore", "ignore", "inherit"],
    env: {...process.env, SITE_OUTPUT: "dist"}
  });
  return {dist: join(clone, "dist"), seconds: (performance.now() - started) / 1000};
}

/** The range input of the Inputs.range labelled `label` (its label names the number box, not the range). */
function rangeInput(page: Page, label: string): Locator {
  return page
    .locator("form", {has: page.locator("label", {hasText: new RegExp(`^${label}$`)})})
    .locator("input[type=range]");
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * In the page, polled every frame: once a view says it shows a trained model's results (data-results="trained",
 * set by the views when they have drawn them: see markResults in src/components/trainer.ts), waits for the next
 * frame to be painted and returns that time (ms since navigation start). Measured in the page, so that the
 * harness's round trips (slow on a loaded machine) do not count.
 */
const FIRST_RESULTS = `() => {
  if (globalThis.__benchPainted !== undefined) return globalThis.__benchPainted;
  if (globalThis.__benchSeen === undefined && document.querySelector('[data-results="trained"]')) {
    globalThis.__benchSeen = performance.now();
    requestAnimationFrame(() => setTimeout(() => (globalThis.__benchPainted = performance.now()), 0));
  }
  return false;
}`;

async function waitForFirstResults(page: Page, timeout: number): Promise<number> {
  const handle = await page.waitForFunction(`(${FIRST_RESULTS})()`, undefined, {polling: "raf", timeout});
  return (await handle.jsonValue()) as number;
}

/**
 * In the page: moves the range input `window.__benchInput` to `value`, then checks each animation frame whether any
 * canvas changed (a cheap fingerprint: every 13th byte); resolves with the ms from the input event to that frame,
 * or -1 after `timeout`. A string, so that the bundler's helpers never reach the page.
 */
const REDRAW_TIMER = `(async ({value, timeout}) => {
  const fingerprint = () => [...document.querySelectorAll("canvas")].map((c) => {
    if (!c.width || !c.height) return 0;
    const data = c.getContext("2d")?.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    if (data) for (let i = 0; i < data.length; i += 13) sum = (sum * 31 + data[i]) % 1000000007;
    return sum;
  }).join(",");
  const input = window.__benchInput;
  const before = fingerprint();
  const started = performance.now();
  input.value = String(value);
  input.dispatchEvent(new Event("input", {bubbles: true}));
  return new Promise((resolve) => {
    const check = () => {
      const now = performance.now();
      if (fingerprint() !== before) resolve(now - started);
      else if (now - started > timeout) resolve(-1);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
})`;

/** ms from moving the slider `label` to `value` until a canvas has changed (undefined: no such slider). */
async function timeSliderRedraw(
  page: Page,
  label: string,
  value: number,
  timeout: number
): Promise<number | undefined> {
  const input = rangeInput(page, label);
  if ((await input.count()) === 0) return undefined;
  await input.first().evaluate((element) => ((window as unknown as {__benchInput: Element}).__benchInput = element));
  const ms = (await page.evaluate(`${REDRAW_TIMER}(${JSON.stringify({value, timeout})})`)) as number;
  return ms < 0 ? NaN : ms;
}

/** Whether the page starts a trainer within `timeout` ms (the lesson pages without one are not measured). */
function hasTrainerWithin(page: Page, timeout: number): Promise<boolean> {
  return page
    .waitForFunction(
      () => {
        const lab = (globalThis as {autoencodersLab?: {trainers: Set<unknown>}}).autoencodersLab;
        return lab && lab.trainers.size > 0;
      },
      undefined,
      {timeout}
    )
    .then(() => true)
    .catch(() => false);
}

async function measurePage(browser: Browser, origin: string, name: string, timeout: number): Promise<Row[]> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const rows: Row[] = [];
  try {
    await page.goto(`${origin}/${name}`, {waitUntil: "commit"});
    const hasTrainer = await hasTrainerWithin(page, 10_000);
    if (!hasTrainer) return rows;
    // A page without a checkpoint would show no trained results until the reader trains: NaN, not a failure.
    const first = await waitForFirstResults(page, timeout).catch(() => NaN);
    const note = await page.locator(".training-checkpoint").first().textContent();
    rows.push(row("first results", name, first, "ms", SITE_TARGETS.firstResultsMs, note ?? ""));
    if (Number.isNaN(first)) return rows;
    // Let the page settle (other views, queries) before timing a slider.
    await page.waitForTimeout(1500);
    const noise = await timeSliderRedraw(page, "Noise level", 0.3, timeout);
    if (noise !== undefined)
      rows.push(row("inference slider (Noise level)", name, noise, "ms", SITE_TARGETS.inferenceSliderMs));
    const latent = rangeInput(page, "Latent dimension");
    if ((await latent.count()) > 0) {
      const started = await latent.first().evaluate((element: HTMLInputElement) => {
        const t = performance.now();
        element.value = "8";
        element.dispatchEvent(new Event("input", {bubbles: true}));
        return t;
      });
      const switched = await page
        .waitForFunction(
          () => {
            type Live = {state: {probe?: unknown; checkpoint?: {name?: string}}};
            const lab = (globalThis as {autoencodersLab?: {trainers: Set<Live>}}).autoencodersLab;
            const state = lab ? [...lab.trainers][0]?.state : undefined;
            return state?.probe && state.checkpoint?.name?.includes("latent8") ? performance.now() : false;
          },
          undefined,
          {polling: "raf", timeout}
        )
        .then(async (handle) => (await handle.jsonValue()) as number)
        .catch(() => NaN);
      rows.push(
        row("checkpoint switch (Latent dimension 8)", name, switched - started, "ms", SITE_TARGETS.firstResultsMs)
      );
    }
  } finally {
    await context.close();
  }
  return rows;
}

/** Bytes received, counted from CDP's Network events of the page and of its workers (each request once). */
class ByteCounter {
  private received = new Map<string, number>();
  private finished = new Map<string, number>();

  event(method: string, params: {requestId?: string; encodedDataLength?: number}): void {
    const id = params.requestId;
    if (!id) return;
    if (method === "Network.dataReceived")
      this.received.set(id, (this.received.get(id) ?? 0) + (params.encodedDataLength ?? 0));
    if (method === "Network.loadingFinished") this.finished.set(id, params.encodedDataLength ?? 0);
  }

  /** Headers and bodies of finished requests, plus what has arrived of the others. */
  get total(): number {
    let sum = 0;
    for (const [id, bytes] of this.received) if (!this.finished.has(id)) sum += bytes;
    for (const bytes of this.finished.values()) sum += bytes;
    return sum;
  }

  get requests(): number {
    return new Set([...this.received.keys(), ...this.finished.keys()]).size;
  }

  /** Last time (ms) any byte arrived. */
  lastActivity = performance.now();
  touch(): void {
    this.lastActivity = performance.now();
  }
}

/**
 * Puts the page, and every worker it starts (through the page's own session: auto-attach without flattening, so that
 * commands go as Target.sendMessageToTarget), on the slow profile, counting the bytes they receive: the page's and
 * its dedicated workers' in `counter`, the service worker's (its copy of the site for offline use) in `offline`.
 */
async function applySlowProfile(cdp: CDPSession, counter: ByteCounter, offline: ByteCounter): Promise<void> {
  const count = (into: ByteCounter, method: string, params: object): void => {
    if (method.startsWith("Network.")) {
      into.event(method, params);
      if (method === "Network.dataReceived" || method === "Network.loadingFinished") into.touch();
    }
  };
  cdp.on("Network.dataReceived", (params) => count(counter, "Network.dataReceived", params));
  cdp.on("Network.loadingFinished", (params) => count(counter, "Network.loadingFinished", params));
  let id = 0;
  const serviceWorkers = new Set<string>();
  cdp.on("Target.receivedMessageFromTarget", ({sessionId, message}) => {
    const parsed = JSON.parse(message) as {method?: string; params?: object};
    if (parsed.method) count(serviceWorkers.has(sessionId) ? offline : counter, parsed.method, parsed.params ?? {});
  });
  cdp.on("Target.attachedToTarget", ({sessionId, targetInfo, waitingForDebugger}) => {
    if (targetInfo.type === "service_worker") serviceWorkers.add(sessionId);
    const send = (method: string, params: object = {}): Promise<unknown> =>
      cdp.send("Target.sendMessageToTarget", {sessionId, message: JSON.stringify({id: ++id, method, params})});
    void (async () => {
      for (const [method, params] of [
        ["Network.enable", {}],
        ["Network.emulateNetworkConditions", SLOW_PROFILE.network],
        ["Emulation.setCPUThrottlingRate", {rate: SLOW_PROFILE.cpuRate}]
      ] as const)
        await send(method, params).catch(() => {});
      if (waitingForDebugger) await send("Runtime.runIfWaitingForDebugger").catch(() => {});
    })();
  });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW_PROFILE.network);
  await cdp.send("Emulation.setCPUThrottlingRate", {rate: SLOW_PROFILE.cpuRate});
  await cdp.send("Target.setAutoAttach", {autoAttach: true, waitForDebuggerOnStart: true, flatten: false});
}

/** True once the page's first trainer shows its worker's own results (not only the build-time preview). */
const WORKER_RESULTS = `() => {
  const lab = globalThis.autoencodersLab;
  const trainer = lab ? [...lab.trainers][0] : undefined;
  const state = trainer && trainer.state;
  return Boolean(state && state.backend && state.probe && state.phase !== "loading");
}`;

/** One page on the slow profile: time to first results, bytes before them, bytes in all. */
async function measureSlowPage(browser: Browser, origin: string, name: string, timeout: number): Promise<Row[]> {
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  const counter = new ByteCounter();
  const offline = new ByteCounter();
  const rows: Row[] = [];
  const profile = "Fast 3G + CPU 4x";
  try {
    await applySlowProfile(await context.newCDPSession(page), counter, offline);
    await page.goto(`${origin}/${name}`, {waitUntil: "commit"});
    const hasTrainer = await hasTrainerWithin(page, 60_000);
    if (!hasTrainer) return rows;
    const first = await waitForFirstResults(page, timeout).catch(() => NaN);
    const before = counter.total;
    rows.push(row(`first results (${profile})`, name, first, "ms", SITE_TARGETS.slowFirstResultsMs));
    rows.push(row(`bytes before first results (${profile})`, name, before / 1024, "KiB", NaN));
    // Everything the page fetches once open: until its worker's own results are in and nothing arrives for 3 s.
    await page.waitForFunction(`(${WORKER_RESULTS})()`, undefined, {timeout: 4 * timeout}).catch(() => {});
    const deadline = performance.now() + 4 * timeout;
    while (performance.now() - counter.lastActivity < 3000 && performance.now() < deadline)
      await page.waitForTimeout(250);
    const worker = await page.evaluate(`(${WORKER_RESULTS})()`);
    rows.push(
      row(
        `total bytes (${profile})`,
        name,
        counter.total / 1024,
        "KiB",
        NaN,
        `${counter.requests} requests${worker ? "" : "; the worker's results had not arrived"}; meanwhile the ` +
          `service worker's offline copy of the site had received ${Math.round(offline.total / 1024)} KiB`
      )
    );
  } finally {
    await context.close();
  }
  return rows;
}

function row(
  metric: string,
  page: string | undefined,
  value: number,
  unit: string,
  target: number,
  detail?: string
): Row {
  return {
    metric,
    ...(page ? {page} : {}),
    value: Math.round(value * 10) / 10,
    unit,
    target,
    // NaN: a number reported, with no target.
    ok: Number.isNaN(target) || value <= target,
    ...(detail ? {detail} : {})
  };
}

export async function runSiteBench(argv: string[]): Promise<Row[]> {
  const {values: args} = parseArgs({
    args: argv,
    options: {
      site: {type: "boolean", default: true},
      dist: {type: "string"},
      pages: {type: "string"},
      runs: {type: "string", default: "3"},
      timeout: {type: "string", default: "30000"},
      "slow-runs": {type: "string", default: "1"},
      "slow-only": {type: "boolean", default: false},
      json: {type: "boolean", default: false}
    },
    strict: true
  });
  const work = join(REPO, ".tmp", "site-bench");
  mkdirSync(work, {recursive: true});
  const rows: Row[] = [];
  const report = (r: Row): void => {
    rows.push(r);
    if (args.json) console.log(JSON.stringify(r));
    else
      console.log(
        `${r.ok ? "ok  " : "MISS"} ${r.metric}${r.page ? ` [${r.page}]` : ""}: ${r.value} ${r.unit}${Number.isNaN(r.target) ? "" : ` (target <= ${r.target})`}${r.detail ? `  ${r.detail}` : ""}`
      );
  };
  let dist = args.dist ? resolve(args.dist) : undefined;
  if (!dist) {
    const built = buildFreshClone(work);
    dist = built.dist;
    report(row("npm run build, fresh clone", undefined, built.seconds, "s", SITE_TARGETS.buildSeconds));
  }
  if (!existsSync(join(dist, "index.html"))) throw new Error(`${dist} holds no built site`);
  const bytes = folderBytes(dist);
  report(row("built site size", undefined, bytes / 1024 / 1024, "MiB", SITE_TARGETS.siteBytes / 1024 / 1024));
  report(row("built site size, served compressed", undefined, folderBytes(dist, true) / 1024 / 1024, "MiB", NaN));

  const pages =
    args.pages?.split(",") ??
    readdirSync(dist)
      .filter((f) => f.endsWith(".html") && f !== "404.html")
      .map((f) => f.replace(/\.html$/, ""));
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  try {
    for (const name of args["slow-only"] ? [] : pages) {
      const runs: Row[][] = [];
      for (let i = 0; i < Number(args.runs); i++)
        runs.push(await measurePage(browser, server.origin, name, Number(args.timeout)));
      if (!runs[0]?.length) continue;
      // The median of each metric over the runs (each run in a fresh context: nothing cached).
      for (const first of runs[0]) {
        const values = runs.map((r) => r.find((x) => x.metric === first.metric)?.value ?? NaN).filter(Number.isFinite);
        const value = median(values);
        report({
          ...first,
          value,
          ok: value <= first.target,
          detail: `${first.detail ? `${first.detail}; ` : ""}runs ${values.join(", ")}`
        });
      }
    }
    for (const name of pages) {
      const runs: Row[][] = [];
      for (let i = 0; i < Number(args["slow-runs"]); i++)
        runs.push(await measureSlowPage(browser, server.origin, name, Number(args.timeout)));
      if (!runs[0]?.length) continue;
      for (const first of runs[0]) {
        const values = runs.map((r) => r.find((x) => x.metric === first.metric)?.value ?? NaN).filter(Number.isFinite);
        const value = values.length ? median(values) : NaN;
        report({
          ...first,
          value,
          ok: Number.isNaN(first.target) || value <= first.target,
          detail: [first.detail, runs.length > 1 ? `runs ${values.join(", ")}` : ""].filter(Boolean).join("; ")
        });
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return rows;
}
