// Turns a drawing (any size, ink in [0, 1]) into a 28x28 image prepared the way MNIST's digits were: the ink's
// bounding box is scaled (keeping its aspect ratio, averaging over areas) to fit a 20x20 box, which is then
// placed so that its centre of mass sits at the centre of the 28x28 image. Without this, a digit drawn small
// or in a corner would look nothing like the training data, and the comparison on the page would be unfair.

export const MNIST_SIDE = 28;
/** MNIST's digits fit a 20x20 box inside the 28x28 image. */
export const MNIST_BOX = 20;

/** Bounding box of the pixels with ink above `threshold`, or undefined for an empty drawing. */
export function findInkBox(
  ink: ArrayLike<number>,
  width: number,
  height: number,
  threshold = 0
): {x0: number; y0: number; x1: number; y1: number} | undefined {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? undefined : {x0, y0, x1: x1 + 1, y1: y1 + 1};
}

/** [outSize, inSize] weights: output pixel o averages the input interval it covers, partial pixels weighted. */
function areaWeights(inSize: number, outSize: number): Float64Array {
  const weights = new Float64Array(outSize * inSize);
  const span = inSize / outSize;
  for (let o = 0; o < outSize; o++) {
    const start = o * span;
    const end = start + span;
    for (let i = Math.floor(start); i < Math.min(inSize, Math.ceil(end)); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 0) weights[o * inSize + i] = overlap / span;
    }
  }
  return weights;
}

/** The drawing as a 28x28 MNIST-like image (row-major, values in [0, 1]); all zeros when nothing is drawn. */
export function downsampleDrawing(ink: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(MNIST_SIDE * MNIST_SIDE);
  const box = findInkBox(ink, width, height);
  if (!box) return out;
  const boxWidth = box.x1 - box.x0;
  const boxHeight = box.y1 - box.y0;
  const scale = MNIST_BOX / Math.max(boxWidth, boxHeight);
  const outWidth = Math.max(1, Math.round(boxWidth * scale));
  const outHeight = Math.max(1, Math.round(boxHeight * scale));
  // Separable area averaging: columns first (each source row to outWidth), then rows.
  const across = areaWeights(boxWidth, outWidth);
  const down = areaWeights(boxHeight, outHeight);
  const wide = new Float64Array(boxHeight * outWidth);
  for (let y = 0; y < boxHeight; y++) {
    const row = (box.y0 + y) * width + box.x0;
    for (let o = 0; o < outWidth; o++) {
      let sum = 0;
      for (let x = 0; x < boxWidth; x++) sum += across[o * boxWidth + x] * ink[row + x];
      wide[y * outWidth + o] = sum;
    }
  }
  const small = new Float64Array(outHeight * outWidth);
  let mass = 0;
  let massX = 0;
  let massY = 0;
  for (let o = 0; o < outHeight; o++) {
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let y = 0; y < boxHeight; y++) sum += down[o * boxHeight + y] * wide[y * outWidth + x];
      small[o * outWidth + x] = sum;
      mass += sum;
      massX += sum * (x + 0.5);
      massY += sum * (o + 0.5);
    }
  }
  // Integer shift that brings the centre of mass nearest to the image centre (as MNIST did).
  const left = Math.round(MNIST_SIDE / 2 - massX / mass);
  const top = Math.round(MNIST_SIDE / 2 - massY / mass);
  for (let y = 0; y < outHeight; y++) {
    const ty = y + top;
    if (ty < 0 || ty >= MNIST_SIDE) continue;
    for (let x = 0; x < outWidth; x++) {
      const tx = x + left;
      if (tx < 0 || tx >= MNIST_SIDE) continue;
      out[ty * MNIST_SIDE + tx] = Math.min(1, Math.max(0, small[y * outWidth + x]));
    }
  }
  return out;
}

/** Centre of mass (x, y) of an image, pixel centres at index + 0.5; undefined if it is all zeros. */
export function centreOfMass(image: ArrayLike<number>, width: number, height: number): [number, number] | undefined {
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = image[y * width + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return mass > 0 ? [mx / mass, my / mass] : undefined;
}
