// Files every training page needs, referenced once here so that Framework copies them into the build:
// the datasets (written by src/data loaders) and the WebAssembly binaries of TensorFlow.js.
import {FileAttachment} from "observablehq:stdlib";
import type {WasmPaths} from "../lib/backend/browser.js";

// The pretrained checkpoints: one FileAttachment per file, in a module that `npm run checkpoints` writes.
export {checkpointFileUrls, checkpointManifestUrl} from "./checkpoint-files.js";

/** What each checkpoint shows, computed at build time: pages draw it before TensorFlow.js has started. */
export const previewsUrl: string = FileAttachment("../data/previews.bin").href;

export const trainUrl: string = FileAttachment("../data/mnist-train.bin").href;
export const testUrl: string = FileAttachment("../data/mnist-test.bin").href;

export const wasmPaths: WasmPaths = {
  "tfjs-backend-wasm.wasm": FileAttachment("../tfjs-wasm/tfjs-backend-wasm.wasm").href,
  "tfjs-backend-wasm-simd.wasm": FileAttachment("../tfjs-wasm/tfjs-backend-wasm-simd.wasm").href,
  "tfjs-backend-wasm-threaded-simd.wasm": FileAttachment("../tfjs-wasm/tfjs-backend-wasm-threaded-simd.wasm").href
};
