// Picks the TensorFlow.js backend in a browser page or worker: the reader's choice, or the fastest that
// works here in the order WebGPU, WebGL, WebAssembly, CPU. Importing this module registers the WebGPU and
// WebAssembly backends (browser builds only: Node uses @tensorflow/tfjs-backend-wasm's main entry).
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import {setWasmPaths} from "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js";
import {registerFastKernels} from "./kernels/index.js";
import {loadSimdModule} from "./kernels/simd/index.js";

export type BackendName = "webgpu" | "webgl" | "wasm" | "cpu";
export type BackendPreference = "auto" | BackendName;

export const BACKEND_ORDER: readonly BackendName[] = ["webgpu", "webgl", "wasm", "cpu"];
export const BACKEND_LABELS: Record<BackendPreference, string> = {
  auto: "Automatic",
  webgpu: "WebGPU",
  webgl: "WebGL",
  wasm: "WebAssembly",
  cpu: "CPU (plain JavaScript)"
};

export function isBackendPreference(value: unknown): value is BackendPreference {
  return value === "auto" || BACKEND_ORDER.includes(value as BackendName);
}

/** URLs of the three .wasm files, keyed by their file names, as the site serves them. */
export type WasmPaths = Record<string, string>;

export interface BackendChoice {
  backend: BackendName;
  /** Backends tried before it that did not start, with the reason: said to the reader, not hidden. */
  skipped: {backend: BackendName; reason: string}[];
}

let wasmPathsSet = false;

/** Starts the preferred backend, falling back along BACKEND_ORDER past any that cannot start here. */
export async function selectBackend(preference: BackendPreference, wasmPaths?: WasmPaths): Promise<BackendChoice> {
  if (wasmPaths && !wasmPathsSet) {
    setWasmPaths(wasmPaths);
    wasmPathsSet = true;
  }
  registerFastKernels();
  await loadSimdModule();
  const start = preference === "auto" ? 0 : BACKEND_ORDER.indexOf(preference);
  const skipped: BackendChoice["skipped"] = [];
  for (const backend of BACKEND_ORDER.slice(start)) {
    // A forced backend runs even on a software renderer; automatic mode skips those for WebAssembly.
    const reason = await tryBackend(backend, preference === "auto");
    if (reason === undefined) return {backend, skipped};
    skipped.push({backend, reason});
  }
  throw new Error(
    `no TensorFlow.js backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join("; ")}`
  );
}

async function tryBackend(backend: BackendName, skipSoftware: boolean): Promise<string | undefined> {
  if (backend === "webgpu" && !(typeof navigator !== "undefined" && "gpu" in navigator))
    return "not offered by this browser";
  if (backend === "webgpu" && !(await hasGpuAdapter())) return "no GPU adapter available";
  if (backend === "webgl") {
    const renderer = webglRenderer();
    if (renderer === undefined) return "not available";
    if (skipSoftware && isSoftwareRenderer(renderer)) return `software renderer (${renderer}), slower than WebAssembly`;
  }
  try {
    if (await tf.setBackend(backend)) {
      await tf.ready();
      return undefined;
    }
    return "failed to start";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The WebGL renderer's name, or undefined where WebGL cannot start. */
function webglRenderer(): string | undefined {
  if (typeof OffscreenCanvas === "undefined") return undefined;
  const gl = new OffscreenCanvas(1, 1).getContext("webgl2");
  if (!gl) return undefined;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return renderer;
}

/** Software rasterisers (no GPU behind them) train slower than WebAssembly: skip them in automatic mode. */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

/** Asks for a WebGPU adapter first: tfjs would otherwise log an error when there is none. */
async function hasGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as Navigator & {gpu?: {requestAdapter(): Promise<unknown>}}).gpu;
  try {
    return (await gpu?.requestAdapter()) != null;
  } catch {
    return false;
  }
}
