// The drawing pad's downsampling: MNIST's recipe (20x20 box, aspect kept, centre of mass at the centre).
import {describe, expect, test} from "vitest";
import {centreOfMass, downsampleDrawing, findInkBox, MNIST_SIDE} from "../../../lib/data/drawing.js";

const SIDE = 280;

/** A 280x280 drawing with the rectangle [x0, x1) x [y0, y1) fully inked. */
function rectangle(x0: number, y0: number, x1: number, y1: number, value = 1): Float32Array {
  const ink = new Float32Array(SIDE * SIDE);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * SIDE + x] = value;
  return ink;
}

function inkBoxOf(image: Float32Array): {width: number; height: number} {
  const box = findInkBox(image, MNIST_SIDE, MNIST_SIDE, 0.01)!;
  return {width: box.x1 - box.x0, height: box.y1 - box.y0};
}

describe("downsampleDrawing", () => {
  test("an empty drawing gives an all-zero 28x28 image", () => {
    const out = downsampleDrawing(new Float32Array(SIDE * SIDE), SIDE, SIDE);
    expect(out.length).toBe(784);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  test("a small square in a corner is scaled to the 20x20 box and centred by mass", () => {
    const out = downsampleDrawing(rectangle(10, 10, 50, 50), SIDE, SIDE);
    expect(inkBoxOf(out)).toEqual({width: 20, height: 20});
    const [cx, cy] = centreOfMass(out, MNIST_SIDE, MNIST_SIDE)!;
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    // A fully inked square stays fully inked: area averaging keeps the level.
    expect(Math.max(...out)).toBeCloseTo(1, 5);
  });

  test("keeps the aspect ratio: a tall bar stays tall and narrow", () => {
    const out = downsampleDrawing(rectangle(200, 20, 220, 260), SIDE, SIDE);
    const {width, height} = inkBoxOf(out);
    expect(height).toBe(20);
    expect(width).toBeLessThanOrEqual(3);
    expect(width).toBeGreaterThanOrEqual(1);
  });

  test("values stay in [0, 1], and fainter ink gives fainter pixels", () => {
    const strong = downsampleDrawing(rectangle(100, 100, 140, 180), SIDE, SIDE);
    const faint = downsampleDrawing(rectangle(100, 100, 140, 180, 0.5), SIDE, SIDE);
    expect(strong.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Math.max(...faint)).toBeCloseTo(0.5, 5);
  });

  test("the centre of mass, not the bounding box, is centred", () => {
    // An L shape: a heavy vertical bar plus a thin foot; the mass sits left of the box's middle.
    const ink = rectangle(50, 50, 90, 250);
    for (let y = 240; y < 250; y++) for (let x = 90; x < 170; x++) ink[y * SIDE + x] = 1;
    const out = downsampleDrawing(ink, SIDE, SIDE);
    const [cx] = centreOfMass(out, MNIST_SIDE, MNIST_SIDE)!;
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    const box = findInkBox(out, MNIST_SIDE, MNIST_SIDE, 0.01)!;
    // The box is then off-centre: its middle lies right of column 14.
    expect((box.x0 + box.x1) / 2).toBeGreaterThan(15);
  });
});
