// Draws an autoencoder's layers as a row of boxes, one per tensor, read from the built model itself (not a
// hand-drawn picture), so the diagram always matches the model that trains. A box's height follows the
// image size (28 rows tall, 14, 7, 4...) and its width the number of channels; a flat vector is drawn as a
// thin bar as tall as a square holding its numbers. The code (the encoder's output) is highlighted.
import * as d3 from "d3";
import type * as tf from "@tensorflow/tfjs";
import type {Autoencoder} from "../lib/models/autoencoder.js";
import {uiStrings} from "./language.js";

/** One tensor of the diagram: the input, or the output of one layer. */
export interface DiagramBox {
  part: "input" | "encoder" | "code" | "decoder";
  /** What produced this tensor, in words ("conv 3×3, relu"). */
  operation: string;
  /** The operation's name, short enough to sit above a narrow box ("conv", "pool"). */
  short: string;
  /** Shape of one example, without the batch dimension. */
  shape: number[];
}

export interface ArchitectureDiagramOptions {
  width: number;
  /** Accessible name of the picture. */
  label?: string;
}

const COLORS: Record<DiagramBox["part"], string> = {
  input: "#8a8a8a",
  encoder: "#4e79a7",
  code: "#e15759",
  decoder: "#59a14f"
};

/** The boxes of `model`: its input, each encoder layer's output, then each decoder layer's output. */
export function listDiagramBoxes(model: Autoencoder): DiagramBox[] {
  const text = uiStrings().architecture;
  const boxes: DiagramBox[] = [
    {part: "input", operation: text.inputImage, short: text.short.input, shape: [...model.inputShape]}
  ];
  const encoderSteps = model.encoder.layers.flatMap(layerSteps);
  encoderSteps.forEach((step, i) => boxes.push({part: i === encoderSteps.length - 1 ? "code" : "encoder", ...step}));
  // The decoder's own input is the code again: it is drawn once, as the encoder's last box.
  for (const step of model.decoder.layers.flatMap(layerSteps)) boxes.push({part: "decoder", ...step});
  return boxes;
}

/** A layer's boxes: one, or two for a layer that runs two of the lesson's layers as one (lib/models/fused-layers.ts). */
function layerSteps(layer: tf.layers.Layer): Omit<DiagramBox, "part">[] {
  const {layers, short} = uiStrings().architecture;
  const shape = outputShapeOf(layer);
  const inputTensor = layer.input;
  const input = (Array.isArray(inputTensor) ? inputTensor[0] : inputTensor).shape.slice(1).map((d) => d ?? 0);
  const conv = (activation: string) => ({operation: `${layers.conv(3)}, ${activation}`, short: short.conv});
  switch (layer.getClassName()) {
    case "InputLayer":
      return [];
    case "ConvReluPool":
      return [
        {...conv("relu"), shape: [input[0], input[1], shape[2]]},
        {operation: layers.maxPool, short: short.maxPool, shape}
      ];
    case "UpSampleConv":
      return [
        {operation: layers.upsample, short: short.upsample, shape: [shape[0], shape[1], input[2]]},
        {...conv("sigmoid"), shape}
      ];
    default:
      return [{...describeLayer(layer), shape}];
  }
}

function outputShapeOf(layer: tf.layers.Layer): number[] {
  const shape = layer.outputShape;
  // Layers of these models have a single output; a VAE's encoder has two heads of the same size.
  const first = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
  return first.slice(1).map((d) => d ?? 0);
}

/** A layer's operation in words, and its short name. */
function describeLayer(layer: tf.layers.Layer): Pick<DiagramBox, "operation" | "short"> {
  const {layers, short} = uiStrings().architecture;
  const config = layer.getConfig() as {kernelSize?: number | number[]; activation?: string};
  const activation = config.activation && config.activation !== "linear" ? `, ${config.activation}` : "";
  switch (layer.getClassName()) {
    case "Conv2D": {
      const k = Array.isArray(config.kernelSize) ? config.kernelSize[0] : config.kernelSize;
      return {operation: `${layers.conv(k ?? 1)}${activation}`, short: short.conv};
    }
    case "MaxPooling2D":
      return {operation: layers.maxPool, short: short.maxPool};
    case "UpSampling2D":
      return {operation: layers.upsample, short: short.upsample};
    case "Dense":
      return {operation: `${layers.dense}${activation}`, short: short.dense};
    case "Flatten":
      return {operation: layers.flatten, short: short.flatten};
    case "Reshape":
      return {operation: layers.reshape, short: short.reshape};
    default:
      return {operation: layer.getClassName(), short: layer.getClassName()};
  }
}

export function formatShape(shape: number[]): string {
  return shape.join("×");
}

/** An SVG of `model`'s tensors, left (input) to right (reconstruction). */
export function drawArchitectureDiagram(model: Autoencoder, {width, label}: ArchitectureDiagramOptions): SVGSVGElement {
  const boxes = listDiagramBoxes(model);
  const text = uiStrings().architecture;
  const rowPixels = 4.5; // per image row: a 28-row image is 126 px tall
  const channelPixels = 2.5; // per channel: 16 channels are 40 px wide
  const sizeOf = (shape: number[]): {w: number; h: number} =>
    shape.length === 3
      ? {w: Math.max(4, shape[2] * channelPixels), h: shape[0] * rowPixels}
      : {w: 6, h: Math.max(4, Math.min(28, Math.sqrt(shape.reduce((a, b) => a * b, 1))) * rowPixels)};
  const height = 28 * rowPixels + 120;
  const middle = 36 + (28 * rowPixels) / 2;
  const step = width / boxes.length;

  const svg = d3
    .create("svg")
    .attr("class", "architecture-diagram")
    .attr("width", width)
    .attr("height", height)
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("role", "img")
    .attr("aria-label", label ?? text.label(boxes.map((b) => formatShape(b.shape)).join(" → ")))
    .style("font", "11px var(--sans-serif)")
    .style("max-width", "100%");

  // Arrows between consecutive boxes.
  svg
    .append("g")
    .attr("stroke", "currentColor")
    .attr("stroke-opacity", 0.35)
    .selectAll("line")
    .data(boxes.slice(1))
    .join("line")
    .attr("x1", (_, i) => step * (i + 0.5) + sizeOf(boxes[i].shape).w / 2 + 2)
    .attr("x2", (d, i) => step * (i + 1.5) - sizeOf(d.shape).w / 2 - 2)
    .attr("y1", middle)
    .attr("y2", middle);

  const box = svg
    .append("g")
    .selectAll("g")
    .data(boxes)
    .join("g")
    .attr("class", (d) => `layer-box layer-${d.part}`)
    .attr("transform", (_, i) => `translate(${step * (i + 0.5)},0)`);
  box.append("title").text((d) => text.box(d.operation, formatShape(d.shape), count(d.shape)));
  box
    .append("rect")
    .attr("x", (d) => -sizeOf(d.shape).w / 2)
    .attr("y", (d) => middle - sizeOf(d.shape).h / 2)
    .attr("width", (d) => sizeOf(d.shape).w)
    .attr("height", (d) => sizeOf(d.shape).h)
    .attr("rx", 2)
    .attr("fill", (d) => COLORS[d.part])
    .attr("fill-opacity", 0.85);
  // Labels alternate between two heights so that neighbours never overlap in a narrow column.
  const lift = (i: number): number => (i % 2) * 13;
  box
    .append("text")
    .attr("text-anchor", "middle")
    .attr("fill", "var(--theme-foreground-muted)")
    .attr("y", (_, i) => 12 + lift(i))
    .text((d) => d.short);
  box
    .append("text")
    .attr("class", "layer-shape")
    .attr("text-anchor", "middle")
    .attr("y", (_, i) => middle + (28 * rowPixels) / 2 + 16 + lift(i))
    .attr("font-weight", (d) => (d.part === "code" ? 700 : 400))
    .text((d) => formatShape(d.shape));

  // Brackets naming the two halves.
  const codeIndex = boxes.findIndex((b) => b.part === "code");
  const bracketY = height - 22;
  const halves = [
    {name: text.halves.encoder, from: 1, to: codeIndex - 1, color: COLORS.encoder},
    {name: text.halves.code, from: codeIndex, to: codeIndex, color: COLORS.code},
    {name: text.halves.decoder, from: codeIndex + 1, to: boxes.length - 1, color: COLORS.decoder}
  ];
  const bracket = svg.append("g").selectAll("g").data(halves).join("g");
  bracket
    .append("line")
    .attr("x1", (d) => step * d.from + 4)
    .attr("x2", (d) => step * (d.to + 1) - 4)
    .attr("y1", bracketY)
    .attr("y2", bracketY)
    .attr("stroke", (d) => d.color)
    .attr("stroke-width", 3);
  bracket
    .append("text")
    .attr("x", (d) => step * ((d.from + d.to + 1) / 2))
    .attr("y", bracketY + 16)
    .attr("text-anchor", "middle")
    .attr("fill", (d) => d.color)
    .attr("font-weight", 700)
    .text((d) => d.name);
  return svg.node()!;
}

/** The numbers in a tensor of `shape`. */
function count(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
