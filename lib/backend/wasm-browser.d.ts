// Types of the wasm backend's browser build (the same API as the package's main entry).
declare module "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js" {
  export * from "@tensorflow/tfjs-backend-wasm";
}
