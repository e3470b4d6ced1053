// Loads kernels.c (compiled to wasm simd128) into the tfjs wasm backend's own memory, so that its functions work
// on tensors in place. One instance per backend memory; none where the memory cannot be reached (then callers
// use their other paths).
import type {KernelBackend, TensorInfo} from "@tensorflow/tfjs";
import {KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64} from "./wasm-module.js";

type Ptr = number;

export interface SimdKernels {
  conv2d_backprop_filter(
    x: Ptr,
    dy: Ptr,
    dw: Ptr,
    n: number,
    h: number,
    w: number,
    ci: number,
    oh: number,
    ow: number,
    co: number,
    kh: number,
    kw: number,
    padTop: number,
    padLeft: number
  ): void;
  max_pool_grad(
    x: Ptr,
    dy: Ptr,
    dx: Ptr,
    n: number,
    h: number,
    w: number,
    c: number,
    oh: number,
    ow: number,
    fh: number,
    fw: number,
    sh: number,
    sw: number,
    padTop: number,
    padLeft: number,
    /** 1: x is a ReLU's output, and dx also takes its gradient (0 where the window's maximum is 0). */
    relu: number
  ): void;
  /** Per-row binary cross-entropy, averaged over the row (cols % 4 == 0), p clipped to [eps, 1 - eps]. */
  bce_rows(t: Ptr, p: Ptr, out: Ptr, rows: number, cols: number, eps: number): void;
  /** x: 0, or the upsampling's input when a ReLU's output: dx then also takes its gradient (0 where x is 0). */
  upsample_grad(dy: Ptr, dx: Ptr, n: number, h: number, w: number, c: number, sy: number, sx: number, x: Ptr): void;
  upsample(x: Ptr, y: Ptr, n: number, h: number, w: number, c: number, sy: number, sx: number): void;
  /** Returns 0 where the shape is outside the kernel's scope (nothing written). bias 0: none; act 0 linear, 1 relu. */
  conv2d(
    x: Ptr,
    w: Ptr,
    bias: Ptr,
    y: Ptr,
    n: number,
    h: number,
    width: number,
    ci: number,
    oh: number,
    ow: number,
    co: number,
    kh: number,
    kw: number,
    padTop: number,
    padLeft: number,
    act: number
  ): number;
  sum_rows(x: Ptr, out: Ptr, rows: number, cols: number): void;
  add_bias(x: Ptr, b: Ptr, y: Ptr, rows: number, cols: number): void;
  relu_grad(x: Ptr, dy: Ptr, dx: Ptr, size: number): void;
  /** One-channel image: 3x3 same conv + bias + ReLU + 2x2 max pool for images [n0, n1); arg: int32 per pooled
   *  pixel, 2 bits a channel. Returns 0 outside its scope (CO 4, 8 or 16). */
  conv_relu_pool(
    x: Ptr,
    w: Ptr,
    bias: Ptr,
    y: Ptr,
    arg: Ptr,
    n0: number,
    n1: number,
    h: number,
    width: number,
    co: number,
    oh: number,
    ow: number
  ): number;
  /** Accumulates dw, db (zeroed by the caller). Returns 0 outside its scope. */
  conv_relu_pool_filter_grad(
    x: Ptr,
    dy: Ptr,
    y: Ptr,
    arg: Ptr,
    dw: Ptr,
    db: Ptr,
    n0: number,
    n1: number,
    h: number,
    width: number,
    co: number,
    oh: number,
    ow: number
  ): number;
  /** The dense gradient of the conv's output. */
  conv_relu_pool_output_grad(
    dy: Ptr,
    y: Ptr,
    arg: Ptr,
    dz: Ptr,
    n0: number,
    n1: number,
    h: number,
    width: number,
    co: number,
    oh: number,
    ow: number
  ): void;
  /** RMSprop's update of one variable (lib/backend/kernels/rmsprop.ts); od = 1 - decay. */
  rmsprop_update(
    x: Ptr,
    s: Ptr,
    p: Ptr,
    g: Ptr,
    x1: Ptr,
    s1: Ptr,
    p1: Ptr,
    size: number,
    rate: number,
    decay: number,
    od: number,
    momentum: number,
    eps: number
  ): void;
  /** Adam's update of one variable (lib/backend/kernels/adam.ts). */
  adam_update(
    x: Ptr,
    m: Ptr,
    v: Ptr,
    g: Ptr,
    x1: Ptr,
    m1: Ptr,
    v1: Ptr,
    size: number,
    negRate: number,
    b1: number,
    b2: number,
    ob1: number,
    ob2: number,
    c1: number,
    c2: number,
    eps: number
  ): void;
  /** Folds a [3, 3, CI, 1] filter into the four phases' 2x2 filters (16 * CI floats) for upsample_conv. */
  upsample_conv_fold(w: Ptr, e: Ptr, ci: number): void;
  /** 2x upsampling then 3x3 same conv to one channel, from the folded filter, for images [n0, n1). */
  upsample_conv(z: Ptr, e: Ptr, bias: Ptr, y: Ptr, n0: number, n1: number, h: number, width: number, ci: number): void;
  /** Its gradient: writes dz, accumulates dw, db (zeroed by the caller); relu 1: z is a ReLU's output. */
  upsample_conv_grad(
    z: Ptr,
    w: Ptr,
    dy: Ptr,
    dz: Ptr,
    dw: Ptr,
    db: Ptr,
    n0: number,
    n1: number,
    h: number,
    width: number,
    ci: number,
    relu: number
  ): void;
}

// The wasm backend's emscripten module keeps its WebAssembly.Memory in `asm.memory` (single-threaded build) or
// `wasmMemory` (threaded build); neither is typed by @tensorflow/tfjs-backend-wasm.
interface WasmBackendInternals {
  wasm: {asm?: {memory?: unknown}; wasmMemory?: unknown};
  dataIdMap: {get(dataId: object): {memoryOffset: number} | undefined};
}

type Variant = "plain" | "shared";
const SOURCES: Record<Variant, string> = {plain: KERNELS_WASM_BASE64, shared: KERNELS_SHARED_WASM_BASE64};
const compiled: Record<Variant, WebAssembly.Module | null | undefined> = {plain: undefined, shared: undefined};
const instances = new WeakMap<WebAssembly.Memory, SimdKernels | null>();
let disabled = false;

function decodeBase64(text: string): ArrayBuffer {
  const binary = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function compile(variant: Variant): WebAssembly.Module | null {
  if (compiled[variant] !== undefined) return compiled[variant];
  try {
    compiled[variant] = new WebAssembly.Module(decodeBase64(SOURCES[variant]));
  } catch {
    compiled[variant] = null; // no simd128, or a main thread that refuses synchronous compiles of this size
  }
  return compiled[variant];
}

/**
 * Compiles the modules asynchronously. Browsers refuse synchronous compiles of modules over 4 KB on the main
 * thread; after this resolves, the kernels work there too (workers and Node compile on first use anyway).
 */
export async function loadSimdModule(): Promise<boolean> {
  for (const variant of ["plain", "shared"] as const) {
    if (compiled[variant] !== undefined) continue;
    try {
      compiled[variant] = await WebAssembly.compile(decodeBase64(SOURCES[variant]));
    } catch {
      compiled[variant] = null;
    }
  }
  return compiled.plain !== null;
}

/** Turns the SIMD kernels off (benchmarks of the other paths). */
export function setSimdKernelsEnabled(enabled: boolean): void {
  disabled = !enabled;
}

/** The SIMD kernels bound to this wasm backend's heap, or undefined where that is not possible. */
export function simdKernelsFor(backend: KernelBackend): SimdKernels | undefined {
  if (disabled) return undefined;
  const internals = backend as unknown as WasmBackendInternals;
  const memory = internals.wasm?.asm?.memory ?? internals.wasm?.wasmMemory;
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    // The threaded build's heap is shared memory, which only a module declaring it shared may import.
    const shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
    const module = compile(shared ? "shared" : "plain");
    kernels = null;
    if (module) {
      try {
        kernels = new WebAssembly.Instance(module, {env: {memory}}).exports as unknown as SimdKernels;
      } catch {
        kernels = null;
      }
    }
    instances.set(memory, kernels);
  }
  return kernels ?? undefined;
}

/** Byte offset of a wasm tensor's data in the heap. */
export function heapOffset(backend: KernelBackend, info: TensorInfo): Ptr {
  const entry = (backend as unknown as WasmBackendInternals).dataIdMap.get(info.dataId);
  if (!entry) throw new Error("tensor is not on the wasm backend");
  return entry.memoryOffset;
}
