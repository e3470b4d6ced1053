// Direct access to a backend's tensor memory for kernels written as loops over typed arrays: on wasm, views of
// the module's heap (no copy); on cpu, the backend's own arrays.
import type {KernelBackend, TensorInfo} from "@tensorflow/tfjs";

export interface TensorMemory {
  /** A float32 view of a tensor's data. On wasm, take views after the last allocation (the heap may grow). */
  view(info: TensorInfo): Float32Array;
  /** A new float32 tensor of the backend; its contents are undefined until written. */
  alloc(shape: number[]): TensorInfo;
}

// The backends' internals we use, typed narrowly (their classes are not exported as types by @tensorflow/tfjs).
interface WasmBackendInternals {
  makeOutput(shape: number[], dtype: "float32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  dataIdMap: {get(dataId: object): {memoryOffset: number; id: number} | undefined};
  wasm: {HEAPU8: Uint8Array};
}

interface CpuBackendInternals {
  data: {get(dataId: object): {values: unknown} | undefined};
  makeTensorInfo(shape: number[], dtype: "float32", values?: Float32Array): TensorInfo;
}

export function tensorMemory(backendName: string, backend: KernelBackend): TensorMemory {
  if (backendName === "wasm") {
    const wasm = backend as unknown as WasmBackendInternals;
    return {
      view: (info) => wasm.typedArrayFromHeap(info),
      alloc: (shape) => wasm.makeOutput(shape, "float32")
    };
  }
  if (backendName === "cpu") {
    const cpu = backend as unknown as CpuBackendInternals;
    return {
      view: (info) => {
        const values = cpu.data.get(info.dataId)?.values;
        if (!(values instanceof Float32Array)) throw new Error("cpu tensor is not float32");
        return values;
      },
      alloc: (shape) => cpu.makeTensorInfo(shape, "float32", new Float32Array(shape.reduce((a, b) => a * b, 1)))
    };
  }
  throw new Error(`no direct memory access for backend ${backendName}`);
}

/** Byte offset of a wasm tensor's data in the module's heap. */
export function wasmOffset(backend: KernelBackend, info: TensorInfo): number {
  const entry = (backend as unknown as WasmBackendInternals).dataIdMap.get(info.dataId);
  if (!entry) throw new Error("tensor not on the wasm backend");
  return entry.memoryOffset;
}
