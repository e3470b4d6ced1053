// The backends a reader can choose, and how the page names them. Plain data (no TensorFlow.js), so that a page's
// controls can show before the heavy modules have loaded.
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

export interface BackendChoice {
  backend: BackendName;
  /** Backends tried before it that did not start, with the reason: said to the reader, not hidden. */
  skipped: {backend: BackendName; reason: string}[];
}
