// Browser-only backend loaders (pages and workers). Import this module only from browser code: it imports the
// browser build of the wasm backend, which Node cannot load, and the package's main entry, which browsers cannot.
import * as tf from "@tensorflow/tfjs";
// The wasm backend is imported statically (every machine may need it); WebGPU's only once an adapter was found
// (see selectBackend), so that machines without one never evaluate its 300 KB. Literal specifiers, so that bundlers
// (Framework, esbuild) see and bundle both.
import * as wasm from "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js";
import {setBackendLoader} from "./selection.js";

/** URLs of the wasm backend's three files, keyed by file name, as the site serves them (names may be hashed). */
export type WasmPaths = Record<
  "tfjs-backend-wasm.wasm" | "tfjs-backend-wasm-simd.wasm" | "tfjs-backend-wasm-threaded-simd.wasm",
  string
>;

/** The three file URLs under one folder URL ending in "/". */
export function wasmPathsUnder(base: string): WasmPaths {
  return {
    "tfjs-backend-wasm.wasm": `${base}tfjs-backend-wasm.wasm`,
    "tfjs-backend-wasm-simd.wasm": `${base}tfjs-backend-wasm-simd.wasm`,
    "tfjs-backend-wasm-threaded-simd.wasm": `${base}tfjs-backend-wasm-threaded-simd.wasm`
  };
}

export interface BrowserBackendOptions {
  wasmPaths: WasmPaths;
  /** Worker threads for the wasm backend when the page is cross-origin isolated (default: the core count). */
  wasmThreads?: number;
  /** Use the threaded wasm build when cross-origin isolated (default true). */
  allowThreads?: boolean;
}

/** True where SharedArrayBuffer may be used, which wasm threads require (COOP/COEP headers). */
export function wasmThreadsPossible(): boolean {
  return (globalThis as {crossOriginIsolated?: boolean}).crossOriginIsolated === true;
}

export function useBrowserBackends(options: BrowserBackendOptions): void {
  setBackendLoader("webgpu", async () => {
    await import("@tensorflow/tfjs-backend-webgpu");
  });
  setBackendLoader("wasm", async () => {
    const threads = (options.allowThreads ?? true) && wasmThreadsPossible();
    wasm.setWasmPaths(options.wasmPaths, true);
    // The backend probes for threads itself (shared memory needs cross-origin isolation); refusing them here
    // makes it load the single-threaded SIMD build.
    if (!threads) tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    if (threads) {
      const cores = (globalThis as {navigator?: {hardwareConcurrency?: number}}).navigator?.hardwareConcurrency ?? 2;
      wasm.setThreadsCount(options.wasmThreads ?? cores);
    }
  });
}
