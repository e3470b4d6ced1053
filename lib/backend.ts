// Picks the TensorFlow.js backend: webgpu -> webgl -> wasm -> cpu, or a forced one. Safe to import in Node and
// browsers alike: backends that need a browser-specific build are loaded through loaders that
// lib/backend-browser.ts installs (Node uses the defaults below).
import * as tf from "@tensorflow/tfjs";
import {registerFastKernels} from "./kernels/index.js";
import {loadSimdModule} from "./kernels/simd/index.js";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
export type BackendPreference = "auto" | BackendName;

export const BACKEND_ORDER: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];

/** Makes a backend's factory known to tf (imports its module); may throw where the backend cannot exist. */
export type BackendLoader = () => Promise<void>;

const loaders = new Map<BackendName, BackendLoader>([
  // cpu and webgl ship inside @tensorflow/tfjs.
  ["cpu", async () => {}],
  ["webgl", async () => {}],
  // Node: the package's main entry (loads its .wasm files from node_modules). Browsers need the browser build:
  // see lib/backend-browser.ts.
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

/** Whether this environment could have the backend at all (skips slow, noisy failures in Node). */
function plausible(name: BackendName): boolean {
  const g = globalThis as {navigator?: {gpu?: unknown}; document?: unknown; OffscreenCanvas?: unknown};
  if (name === "webgpu") return g.navigator?.gpu !== undefined;
  if (name === "webgl") return g.document !== undefined || g.OffscreenCanvas !== undefined;
  return true;
}

async function tryBackend(name: BackendName): Promise<boolean> {
  if (!plausible(name)) return false;
  try {
    await loaders.get(name)?.();
    if (name === "wasm" || name === "cpu") {
      registerFastKernels();
      await loadSimdModule();
    }
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Selects a backend and returns the one that actually runs. "auto" tries webgpu, webgl, wasm, cpu in that order.
 * A forced backend is tried first; if it cannot start, the ones after it in that order are tried (cpu always
 * works), so the return value may differ from the preference. Our fast kernels are registered for wasm and cpu.
 */
export async function selectBackend(preference: BackendPreference = "auto"): Promise<string> {
  const start = preference === "auto" ? 0 : BACKEND_ORDER.indexOf(preference);
  if (start < 0) throw new Error(`unknown backend preference ${String(preference)}`);
  for (const name of BACKEND_ORDER.slice(start)) {
    if (await tryBackend(name)) {
      await tf.ready();
      return tf.getBackend();
    }
  }
  throw new Error("no TensorFlow.js backend could start");
}
