// Calls other kernels of the same backend directly (no engine, no tape), so that a kernel can be composed of the
// backend's fast paths (XNNPACK convolutions and matrix products on wasm) without scalar loops.
import * as tf from "@tensorflow/tfjs";
import type {KernelBackend, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo} from "@tensorflow/tfjs";

export type Shape4 = [number, number, number, number];

/** Kernel functions of one backend, looked up once; `stock` holds the originals of the kernels we replace. */
export class KernelRunner {
  constructor(
    readonly backendName: string,
    private readonly stock: ReadonlyMap<string, KernelFunc>
  ) {}

  func(name: string): KernelFunc {
    const stock = this.stock.get(name);
    if (stock) return stock;
    const config = tf.getKernel(name, this.backendName);
    if (!config) throw new Error(`kernel ${name} is not registered for backend ${this.backendName}`);
    return config.kernelFunc;
  }

  run(backend: KernelBackend, name: string, inputs: NamedTensorInfoMap, attrs: object = {}): TensorInfo {
    const out = this.func(name)({inputs, backend, attrs: attrs as NamedAttrMap});
    if (Array.isArray(out)) throw new Error(`kernel ${name} returned several tensors`);
    return out;
  }

  transpose(backend: KernelBackend, x: TensorInfo, perm: number[]): TensorInfo {
    return this.run(backend, "Transpose", {x}, {perm});
  }

  reshape(backend: KernelBackend, x: TensorInfo, shape: number[]): TensorInfo {
    return this.run(backend, "Reshape", {x}, {shape});
  }

  slice(backend: KernelBackend, x: TensorInfo, begin: number[], size: number[]): TensorInfo {
    return this.run(backend, "Slice", {x}, {begin, size});
  }

  reverse(backend: KernelBackend, x: TensorInfo, dims: number[]): TensorInfo {
    return this.run(backend, "Reverse", {x}, {dims});
  }
}

/** Frees intermediate results of kernels (decrements the reference count of their data). */
export function free(backend: KernelBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** A named input of a kernel call; throws if the engine did not pass it. */
export function input(inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`kernel input ${name} is missing`);
  return info;
}
