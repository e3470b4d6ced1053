// Direct access to a backend's tensor memory for kernels written as loops over typed arrays: on wasm, views of
// the module's heap (no copy); on cpu, the backend's own arrays.
import type {KernelBackend, TensorInfo} from "@tensorflow/tfjs";

export interface TensorMemory {
  /** A float32 view of a tensor's data. On wasm, take views after the last allocation (the heap may grow). */
  view(info: TensorInfo): Float32Array;
  /** A new tensor of the backend (float32 unless said); its contents are undefined until written. */
  alloc(shape: number[], dtype?: "float32" | "int32"): TensorInfo;
}

// The backends' internals we use, typed narrowly (their classes are not exported as types by @tensorflow/tfjs).
interface WasmBackendInternals {
  makeOutput(shape: number[], dtype: "float32" | "int32"): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

interface CpuBackendInternals {
  data: {get(dataId: object): {values: unknown} | undefined};
  makeTensorInfo(shape: number[], dtype: "float32" | "int32", values?: Float32Array | Int32Array): TensorInfo;
}

export function tensorMemory(backendName: string, backend: KernelBackend): TensorMemory {
  if (backendName === "wasm") {
    const wasm = backend as unknown as WasmBackendInternals;
    return {
      view: (info) => wasm.typedArrayFromHeap(info),
      alloc: (shape, dtype = "float32") => wasm.makeOutput(shape, dtype)
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
      alloc: (shape, dtype = "float32") => {
        const size = shape.reduce((a, b) => a * b, 1);
        return cpu.makeTensorInfo(shape, dtype, dtype === "int32" ? new Int32Array(size) : new Float32Array(size));
      }
    };
  }
  throw new Error(`no direct memory access for backend ${backendName}`);
}
