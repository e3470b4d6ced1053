// A 280x280 canvas to draw a digit on with a mouse, pen or finger, turned into a 28x28 MNIST-like image
// (lib/data/drawing.ts: scaled into a 20x20 box, centred by mass). Its `value` is that image (Float32Array of 784
// values in [0, 1]) or null while the pad is empty, and it fires "input" at the end of each stroke.
// Keyboard users get two buttons: Clear, and "Draw an example", which draws a 7 for them.
import {downsampleDrawing} from "../lib/data/drawing.js";
import {uiStrings} from "./language.js";

export const PAD_SIZE = 280;
/** Stroke width in canvas pixels: about as thick, relative to the digit, as MNIST's pen. */
const STROKE = 22;

export interface DrawingPad extends HTMLElement {
  value: Float32Array | null;
}

export function drawingPad(): DrawingPad {
  const text = uiStrings().drawingPad;
  const root = document.createElement("div") as unknown as DrawingPad;
  root.className = "drawing-pad";
  root.value = null;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = PAD_SIZE;
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", text.label);
  const buttons = document.createElement("div");
  buttons.className = "drawing-pad-buttons";
  const clear = document.createElement("button");
  clear.type = "button";
  clear.textContent = text.clear;
  const example = document.createElement("button");
  example.type = "button";
  example.textContent = text.example;
  buttons.append(clear, example);
  root.append(canvas, buttons);

  const context = canvas.getContext("2d", {willReadFrequently: true})!;
  context.lineCap = context.lineJoin = "round";
  context.lineWidth = STROKE;
  context.strokeStyle = "#fff";

  const publish = (): void => {
    // The alpha channel is the ink: the canvas is transparent except where the pen went.
    const rgba = context.getImageData(0, 0, PAD_SIZE, PAD_SIZE).data;
    const ink = new Float32Array(PAD_SIZE * PAD_SIZE);
    let any = false;
    for (let i = 0; i < ink.length; i++) {
      ink[i] = rgba[4 * i + 3] / 255;
      if (ink[i] > 0) any = true;
    }
    root.value = any ? downsampleDrawing(ink, PAD_SIZE, PAD_SIZE) : null;
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };

  const point = (event: PointerEvent): [number, number] => {
    const box = canvas.getBoundingClientRect();
    return [((event.clientX - box.left) * PAD_SIZE) / box.width, ((event.clientY - box.top) * PAD_SIZE) / box.height];
  };
  let drawing = false;
  canvas.addEventListener("pointerdown", (event) => {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    const [x, y] = point(event);
    context.beginPath();
    context.moveTo(x, y);
    // A dot, for a click without movement.
    context.lineTo(x + 0.1, y);
    context.stroke();
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    const [x, y] = point(event);
    context.lineTo(x, y);
    context.stroke();
  });
  const finish = (): void => {
    if (!drawing) return;
    drawing = false;
    publish();
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);
  clear.onclick = () => {
    context.clearRect(0, 0, PAD_SIZE, PAD_SIZE);
    publish();
  };
  example.onclick = () => {
    context.clearRect(0, 0, PAD_SIZE, PAD_SIZE);
    context.beginPath();
    context.moveTo(80, 60);
    context.lineTo(200, 60);
    context.lineTo(130, 230);
    context.stroke();
    publish();
  };
  return root;
}
