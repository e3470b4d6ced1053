// Multiply-adds of a model's conv and dense layers, and the physical ceiling they imply on one core.
import type * as tf from "@tensorflow/tfjs";
import {readFileSync} from "node:fs";
import type {Autoencoder} from "../lib/models/autoencoder.js";

export interface LayerCost {
  name: string;
  forwardMacs: number;
  /** Gradient with respect to the layer's input; skipped by the engine for the model's first layer. */
  inputGradMacs: number;
  filterGradMacs: number;
}

function layerCosts(model: tf.LayersModel, isFirst: (layer: tf.layers.Layer) => boolean): LayerCost[] {
  const costs: LayerCost[] = [];
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind !== "Conv2D" && kind !== "Dense") continue;
    const kernel = layer.getWeights()[0];
    const kernelSize = kernel.size;
    const out = layer.outputShape as number[];
    // Conv2D: every output pixel costs kh*kw*ci*co / co per channel -> positions * kernel size.
    const positions = kind === "Conv2D" ? out[1] * out[2] : 1;
    const macs = positions * kernelSize;
    costs.push({name: layer.name, forwardMacs: macs, inputGradMacs: isFirst(layer) ? 0 : macs, filterGradMacs: macs});
  }
  return costs;
}

/** Training multiply-adds per sample: forward, input gradients (not for the first layer), filter gradients. */
export function trainingMacsPerSample(model: Autoencoder): {total: number; layers: LayerCost[]} {
  const first = model.encoder.layers.find((l) => l.getClassName() === "Conv2D" || l.getClassName() === "Dense");
  const layers = [...layerCosts(model.encoder, (l) => l === first), ...layerCosts(model.decoder, () => false)];
  const total = layers.reduce((s, l) => s + l.forwardMacs + l.inputGradMacs + l.filterGradMacs, 0);
  return {total, layers};
}

/** Clock of this machine's cores in GHz from /proc/cpuinfo (the current reading of the first core). */
export function cpuGhz(): number | undefined {
  try {
    const match = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync("/proc/cpuinfo", "utf8"));
    return match ? Number(match[1]) / 1000 : undefined;
  } catch {
    return undefined;
  }
}

export interface Ceiling {
  ghz: number;
  /** 128-bit SIMD: 4 float lanes x 2 flops per FMA x 2 FMA ports per cycle. */
  peakGflops: number;
  /** Wasm SIMD (no relaxed-simd) has no fused multiply-add: a mul and an add per lane, 2 ports. */
  wasmPeakGflops: number;
  flopsPerSample: number;
  ceilingSamplesPerS: number;
  wasmCeilingSamplesPerS: number;
}

export function ceiling(macsPerSample: number, ghz: number): Ceiling {
  const peakGflops = ghz * 4 * 2 * 2;
  const wasmPeakGflops = ghz * 4 * 2;
  const flopsPerSample = 2 * macsPerSample;
  return {
    ghz,
    peakGflops,
    wasmPeakGflops,
    flopsPerSample,
    ceilingSamplesPerS: (peakGflops * 1e9) / flopsPerSample,
    wasmCeilingSamplesPerS: (wasmPeakGflops * 1e9) / flopsPerSample
  };
}
