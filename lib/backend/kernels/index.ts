// Fast training kernels for TensorFlow.js' wasm and cpu backends. Call registerFastKernels() once at start-up,
// after the backends are imported (the wasm backend registers its stock kernels when its module is imported).
import * as tf from "@tensorflow/tfjs";
import type {KernelFunc} from "@tensorflow/tfjs";
import {ADAM_UPDATE, makeAdamUpdate} from "./adam.js";
import {makeRmspropUpdate, RMSPROP_UPDATE} from "./rmsprop.js";
import {BCE, BCE_GRAD, makeBce, makeBceGrad} from "./bce.js";
import {makeConv2DBackpropFilter, makeConv2DBackpropInput} from "./conv.js";
import {CONV_BIAS_RELU, convBiasReluGradConfig, makeConvBiasRelu} from "./conv-bias-relu.js";
import {
  CONV_RELU_POOL,
  CONV_RELU_POOL_GRAD,
  convReluPoolGradConfig,
  wasmConvReluPool,
  wasmConvReluPoolGrad
} from "./conv-relu-pool.js";
import {cpuConv2D, cpuConv2DBackpropFilter, cpuConv2DBackpropInput, cpuSum} from "./cpu.js";
import {makePlainMatMul} from "./matmul.js";
import {KernelRunner} from "./ops.js";
import {makeMaxPoolGrad, makeResizeNearestNeighborGrad} from "./pool.js";
import {referenceConv2DBackpropFilter, referenceResizeNearestNeighborGrad} from "./reference.js";
import {makeReluGrad, RELU_GRAD, reluGradConfig} from "./relu-grad.js";
import {
  UPSAMPLE_CONV,
  UPSAMPLE_CONV_GRAD,
  upsampleConvGradConfig,
  wasmUpsampleConv,
  wasmUpsampleConvGrad
} from "./upsample-conv.js";
import {maxPoolGradConfig, resizeNearestNeighborGradConfig} from "./relu-mask.js";
import {
  wasmAdd,
  wasmConv2D,
  wasmConv2DBackpropFilter,
  wasmFusedConv2D,
  wasmIdentity,
  wasmMaxPoolGrad,
  wasmResizeNearestNeighbor,
  wasmResizeNearestNeighborGrad,
  wasmSum
} from "./wasm-simd.js";

export type FastKernelBackend = "wasm" | "cpu";

interface Registration {
  backendName: string;
  kernelName: string;
  /** The stock kernel we replaced, to restore; undefined where the backend had none. */
  stock: tf.KernelConfig | undefined;
  ours: KernelFunc;
}

let registrations: Registration[] = [];

type Factory = (ops: KernelRunner, stock: KernelFunc | undefined) => KernelFunc;

const maxPoolGrad: Factory = (ops, stock) => makeMaxPoolGrad(ops.backendName, stock);
const resizeGrad: Factory = (ops, stock) => makeResizeNearestNeighborGrad(ops.backendName, stock);

const requireStock =
  (make: (ops: KernelRunner, stock: KernelFunc) => KernelFunc): Factory =>
  (ops, stock) => {
    if (!stock) throw new Error("missing stock kernel");
    return make(ops, stock);
  };

const KERNELS: Record<FastKernelBackend, Record<string, Factory>> = {
  wasm: {
    Conv2DBackpropFilter: (ops, stock) => wasmConv2DBackpropFilter(makeConv2DBackpropFilter(ops, stock)),
    Conv2DBackpropInput: makeConv2DBackpropInput,
    BatchMatMul: requireStock(makePlainMatMul),
    _FusedMatMul: requireStock(makePlainMatMul),
    MaxPoolGrad: (ops, stock) => wasmMaxPoolGrad(maxPoolGrad(ops, stock)),
    ResizeNearestNeighborGrad: (ops, stock) => wasmResizeNearestNeighborGrad(resizeGrad(ops, stock)),
    Conv2D: requireStock((_, stock) => wasmConv2D(stock)),
    FusedConv2D: requireStock((_, stock) => wasmFusedConv2D(stock)),
    Sum: requireStock((_, stock) => wasmSum(stock)),
    Add: requireStock((_, stock) => wasmAdd(stock)),
    ResizeNearestNeighbor: requireStock((_, stock) => wasmResizeNearestNeighbor(stock)),
    Identity: requireStock((_, stock) => wasmIdentity(stock)),
    [RELU_GRAD]: (ops) => makeReluGrad(ops.backendName),
    [ADAM_UPDATE]: (ops) => makeAdamUpdate(ops.backendName),
    [RMSPROP_UPDATE]: (ops) => makeRmspropUpdate(ops.backendName),
    [CONV_BIAS_RELU]: makeConvBiasRelu,
    [CONV_RELU_POOL]: () => wasmConvReluPool,
    [CONV_RELU_POOL_GRAD]: () => wasmConvReluPoolGrad,
    [UPSAMPLE_CONV]: () => wasmUpsampleConv,
    [UPSAMPLE_CONV_GRAD]: () => wasmUpsampleConvGrad,
    [BCE]: () => makeBce(),
    [BCE_GRAD]: (ops) => makeBceGrad(ops.backendName),
    Cast: requireStock((_, stock) => wasmIdentity(stock))
  },
  cpu: {
    Conv2DBackpropFilter: (ops, stock) => cpuConv2DBackpropFilter(makeConv2DBackpropFilter(ops, stock)),
    Conv2DBackpropInput: requireStock((_, stock) => cpuConv2DBackpropInput(stock)),
    Conv2D: requireStock((_, stock) => cpuConv2D(stock)),
    Sum: requireStock((_, stock) => cpuSum(stock)),
    [RELU_GRAD]: (ops) => makeReluGrad(ops.backendName),
    [ADAM_UPDATE]: (ops) => makeAdamUpdate(ops.backendName),
    [RMSPROP_UPDATE]: (ops) => makeRmspropUpdate(ops.backendName),
    [CONV_BIAS_RELU]: makeConvBiasRelu,
    [BCE_GRAD]: (ops) => makeBceGrad(ops.backendName),
    MaxPoolGrad: maxPoolGrad,
    ResizeNearestNeighborGrad: resizeGrad
  }
};

/** Backends whose stock kernels are present (the backend module was imported). */
function backendPresent(backendName: string): boolean {
  return tf.getKernel("Conv2D", backendName) !== undefined;
}

/**
 * Replaces (or adds) the training kernels of the wasm and cpu backends with fast ones. Idempotent: a second call
 * changes nothing. Returns the names of the kernels now ours, as "backend/kernel".
 */
export function registerFastKernels(backends: readonly FastKernelBackend[] = ["wasm", "cpu"]): string[] {
  for (const backendName of backends) {
    if (!backendPresent(backendName)) continue;
    const stockFuncs = new Map<string, KernelFunc>();
    const pending: [string, Factory, tf.KernelConfig | undefined][] = [];
    for (const [kernelName, factory] of Object.entries(KERNELS[backendName])) {
      if (registrations.some((r) => r.backendName === backendName && r.kernelName === kernelName)) continue;
      const stock = tf.getKernel(kernelName, backendName);
      if (stock) stockFuncs.set(kernelName, stock.kernelFunc);
      pending.push([kernelName, factory, stock]);
    }
    const ops = new KernelRunner(backendName, stockFuncs);
    for (const [kernelName, factory, stock] of pending) {
      const ours = factory(ops, stock?.kernelFunc);
      if (stock) tf.unregisterKernel(kernelName, backendName);
      // The stock setup (e.g. binding the wasm functions it wraps) must still run when the backend initialises.
      tf.registerKernel({
        kernelName,
        backendName,
        kernelFunc: ours,
        setupFunc: stock?.setupFunc,
        disposeFunc: stock?.disposeFunc
      });
      registrations.push({backendName, kernelName, stock, ours});
    }
  }
  if (registrations.length > 0 && stockGradients === undefined) {
    stockGradients = OUR_GRADIENTS.map((config) => tf.getGradient(config.kernelName)).filter(
      (config): config is tf.GradConfig => config !== undefined
    );
    OUR_GRADIENTS.forEach((config) => tf.registerGradient(config));
  }
  return fastKernelsRegistered();
}

// Gradients we replace (Relu, MaxPool, ResizeNearestNeighbor: they use our kernels where present, the stock formula
// elsewhere) or add (our own kernel's).
const OUR_GRADIENTS = [
  reluGradConfig,
  maxPoolGradConfig,
  resizeNearestNeighborGradConfig,
  convBiasReluGradConfig,
  convReluPoolGradConfig,
  upsampleConvGradConfig
];

/** The stock gradients that ours replaced, to restore. */
let stockGradients: tf.GradConfig[] | undefined;

/** Puts the stock kernels back (for benchmarks and tests that compare against them). */
export function unregisterFastKernels(): void {
  for (const r of registrations) {
    const current = tf.getKernel(r.kernelName, r.backendName);
    if (current?.kernelFunc === r.ours) tf.unregisterKernel(r.kernelName, r.backendName);
    if (r.stock && !tf.getKernel(r.kernelName, r.backendName)) tf.registerKernel(r.stock);
  }
  registrations = [];
  stockGradients?.forEach((config) => tf.registerGradient(config));
  stockGradients = undefined;
}

/** "backend/kernel" for every kernel currently replaced by ours. */
export function fastKernelsRegistered(): string[] {
  return registrations
    .filter((r) => tf.getKernel(r.kernelName, r.backendName)?.kernelFunc === r.ours)
    .map((r) => `${r.backendName}/${r.kernelName}`);
}

/**
 * Stock kernels, with plain-loop ones where the stock kernel is missing (wasm Conv2DBackpropFilter) or wrong (cpu
 * ResizeNearestNeighborGrad): the reference that loss checks compare our kernels with. Undone by
 * unregisterFastKernels() or registerFastKernels().
 */
export function useReferenceKernels(backends: readonly FastKernelBackend[] = ["wasm", "cpu"]): void {
  unregisterFastKernels();
  for (const backendName of backends) {
    if (!backendPresent(backendName)) continue;
    const replace = (kernelName: string, ours: KernelFunc): void => {
      const stock = tf.getKernel(kernelName, backendName);
      if (stock) tf.unregisterKernel(kernelName, backendName);
      tf.registerKernel({kernelName, backendName, kernelFunc: ours, setupFunc: stock?.setupFunc});
      registrations.push({backendName, kernelName, stock, ours});
    };
    if (!tf.getKernel("Conv2DBackpropFilter", backendName)) {
      replace("Conv2DBackpropFilter", referenceConv2DBackpropFilter);
    }
    if (backendName === "cpu") {
      const stock = tf.getKernel("ResizeNearestNeighborGrad", backendName)?.kernelFunc;
      replace("ResizeNearestNeighborGrad", referenceResizeNearestNeighborGrad(stock));
    }
  }
}
