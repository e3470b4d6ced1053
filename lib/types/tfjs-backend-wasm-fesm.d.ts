// The browser build of the wasm backend has the same API as its package entry, which types it.
declare module "@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.js" {
  export * from "@tensorflow/tfjs-backend-wasm";
}
