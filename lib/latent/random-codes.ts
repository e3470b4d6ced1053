// Codes the decoder was never given: random ones drawn around real codes, and real codes moved by noise. Both are
// scaled to the real codes' own spread, so that "how far" means the same for a 4x4x8 map and for a 2-number code.
// Plain arrays, no TensorFlow.js: the page decodes what these return.
import {createRng} from "../random.js";

export interface CodeSpread {
  /** Per number of the code: the mean and the standard deviation over the given codes. */
  mean: Float32Array;
  std: Float32Array;
}

/** The mean and (sample) standard deviation of each of the `size` numbers over `count` codes stored row after row. */
export function measureSpread(codes: ArrayLike<number>, count: number): CodeSpread {
  if (count < 2 || codes.length % count !== 0) throw new Error(`need at least 2 codes of one size, got ${count}`);
  const size = codes.length / count;
  const mean = new Float32Array(size);
  const std = new Float32Array(size);
  for (let i = 0; i < count; i++) for (let j = 0; j < size; j++) mean[j] += codes[i * size + j] / count;
  for (let i = 0; i < count; i++) for (let j = 0; j < size; j++) std[j] += (codes[i * size + j] - mean[j]) ** 2;
  for (let j = 0; j < size; j++) std[j] = Math.sqrt(std[j] / (count - 1));
  return {mean, std};
}

/**
 * `count` random codes, each number drawn from a normal distribution with that number's mean and spread. With
 * `nonNegative`, negative numbers become 0: codes after a ReLU never hold them.
 */
export function sampleCodes(spread: CodeSpread, count: number, seed: number, nonNegative = false): Float32Array {
  const rng = createRng(seed);
  const size = spread.mean.length;
  const out = new Float32Array(count * size);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < size; j++) {
      const value = spread.mean[j] + spread.std[j] * rng.normal();
      out[i * size + j] = nonNegative ? Math.max(0, value) : value;
    }
  }
  return out;
}

/**
 * The codes with Gaussian noise added: `level` times each number's spread (0 leaves them as they are, 1 moves each
 * number by about one spread of the real codes). The same seed moves them the same way at every level.
 */
export function addCodeNoise(
  codes: ArrayLike<number>,
  spread: CodeSpread,
  level: number,
  seed: number,
  nonNegative = false
): Float32Array {
  const rng = createRng(seed);
  const size = spread.std.length;
  return Float32Array.from(codes, (value, i) => {
    const moved = value + level * spread.std[i % size] * rng.normal();
    return nonNegative ? Math.max(0, moved) : moved;
  });
}
