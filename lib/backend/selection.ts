// Picks the TensorFlow.js backend: the reader's choice, or the fastest that works here in the order WebGPU,
// WebGL, WebAssembly, CPU. Safe to import in Node and browsers alike: backends that need a browser-specific
// build are loaded through loaders that lib/backend/browser.ts installs (Node uses the defaults below).
import * as tf from "@tensorflow/tfjs";
import {registerFastKernels} from "./kernels/index.js";
import {loadSimdModule} from "./kernels/simd/index.js";
import {BACKEND_ORDER, type BackendChoice, type BackendName, type BackendPreference} from "./names.js";
import {en, type Strings} from "../i18n/en.js";

/** Makes a backend's factory known to tf (imports its module); may throw where the backend cannot exist. */
export type BackendLoader = () => Promise<void>;

const loaders = new Map<BackendName, BackendLoader>([
  // cpu and webgl ship inside @tensorflow/tfjs.
  ["cpu", async () => {}],
  ["webgl", async () => {}],
  // Node: the package's main entry (loads its .wasm files from node_modules). Browsers need the browser build:
  // see lib/backend/browser.ts.
  [
    "wasm",
    async () => {
      await import("@tensorflow/tfjs-backend-wasm");
    }
  ],
  [
    "webgpu",
    async () => {
      await import("@tensorflow/tfjs-backend-webgpu");
    }
  ]
]);

export function setBackendLoader(name: BackendName, loader: BackendLoader): void {
  loaders.set(name, loader);
}

/** Why the backend cannot run here, in the reader's words, or undefined when it may (skips slow, noisy failures). */
async function findObstacle(
  name: BackendName,
  skipSoftware: boolean,
  text: Strings["backends"]
): Promise<string | undefined> {
  const g = globalThis as {navigator?: {gpu?: {requestAdapter(): Promise<unknown>}}; OffscreenCanvas?: unknown};
  if (name === "webgpu") {
    if (!g.navigator?.gpu) return text.notOffered;
    // Asking for an adapter first: tfjs would otherwise log an error when there is none.
    const adapter = await g.navigator.gpu.requestAdapter().catch(() => null);
    if (adapter == null) return text.noAdapter;
  }
  if (name === "webgl") {
    const renderer = findWebglRenderer();
    if (renderer === undefined) return text.notOffered;
    if (skipSoftware && isSoftwareRenderer(renderer)) return text.softwareRenderer(renderer);
  }
  return undefined;
}

/** The WebGL renderer's name, or undefined where WebGL cannot start. */
function findWebglRenderer(): string | undefined {
  if (typeof OffscreenCanvas === "undefined") return undefined;
  const gl = new OffscreenCanvas(1, 1).getContext("webgl2");
  if (!gl) return undefined;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return renderer;
}

/** Software rasterisers (no GPU behind them) train slower than WebAssembly: automatic mode skips them. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

async function tryBackend(
  name: BackendName,
  skipSoftware: boolean,
  text: Strings["backends"]
): Promise<string | undefined> {
  const obstacle = await findObstacle(name, skipSoftware, text);
  if (obstacle) return obstacle;
  try {
    await loaders.get(name)?.();
    if (name === "wasm" || name === "cpu") {
      registerFastKernels();
      await loadSimdModule();
    }
    return (await tf.setBackend(name)) ? undefined : text.failedToStart;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Selects a backend and says which one actually runs and why the ones before it did not. "auto" tries webgpu,
 * webgl, wasm, cpu in that order, skipping software renderers; a forced backend runs even on a software renderer,
 * and if it cannot start, the ones after it are tried (cpu always works). Our fast kernels serve wasm and cpu.
 * The reasons are written for the reader, in `strings`' language (the training controls show them).
 */
export function selectBackend(preference: BackendPreference = "auto", strings: Strings = en): Promise<BackendChoice> {
  // One at a time: tf keeps one backend for the whole page, and two initialisations of the same backend at once make
  // tf drop the first as outdated (its caller then falls back to cpu, under models the other built on wasm).
  const selection = lastSelection.catch(() => undefined).then(() => selectNow(preference, strings));
  lastSelection = selection;
  return selection;
}

let lastSelection: Promise<unknown> = Promise.resolve();

async function selectNow(preference: BackendPreference, strings: Strings): Promise<BackendChoice> {
  const text = strings.backends;
  const start = preference === "auto" ? 0 : BACKEND_ORDER.indexOf(preference);
  if (start < 0) throw new Error(`unknown backend preference ${String(preference)}`);
  const skipped: BackendChoice["skipped"] = [];
  for (const backend of BACKEND_ORDER.slice(start)) {
    const reason = await tryBackend(backend, preference === "auto", text);
    if (reason === undefined) {
      await tf.ready();
      return {backend, skipped};
    }
    skipped.push({backend, reason});
  }
  throw new Error(text.noneStarted(skipped.map((s) => `${text.names[s.backend]}: ${s.reason}`).join("; ")));
}
