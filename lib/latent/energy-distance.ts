// How well a set of codes matches the prior N(0, I): the energy distance (Székely and Rizzo) between the codes and
// samples of the prior,
//   E(X, Y) = 2 E|X - Y| - E|X - X'| - E|Y - Y'|,
// with |.| the Euclidean distance and X, X' (Y, Y') independent draws from the codes (the prior). It is never negative
// and 0 only when both distributions are the same; unlike a mean and a variance, it sees every difference of shape
// (clusters, holes, long tails). Estimated here without bias (the self terms average over distinct pairs only), so
// two samples of the same distribution give numbers around 0 (of either sign). DOM- and TensorFlow.js-free.
import {createRng} from "../random.js";

/** Points, one row of `dim` numbers after another. */
export interface PointSet {
  values: Float32Array;
  dim: number;
}

/** A sample to compare others with, with its own term E|Y - Y'| computed once. */
export interface ReferenceSample extends PointSet {
  meanSelfDistance: number;
}

function count({values, dim}: PointSet): number {
  return Math.floor(values.length / dim);
}

/** Mean distance between the points of `a` and those of `b`, over all pairs. */
export function meanCrossDistance(a: PointSet, b: PointSet): number {
  if (a.dim !== b.dim) throw new Error(`points of ${a.dim} and ${b.dim} numbers cannot be compared`);
  const [n, m, dim] = [count(a), count(b), a.dim];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let squared = 0;
      for (let k = 0; k < dim; k++) {
        const d = a.values[i * dim + k] - b.values[j * dim + k];
        squared += d * d;
      }
      sum += Math.sqrt(squared);
    }
  }
  return sum / (n * m);
}

/** Mean distance between two different points of `a` (each pair once). */
export function meanSelfDistance(a: PointSet): number {
  const [n, dim] = [count(a), a.dim];
  if (n < 2) throw new Error("the mean distance within a sample needs two points at least");
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let squared = 0;
      for (let k = 0; k < dim; k++) {
        const d = a.values[i * dim + k] - a.values[j * dim + k];
        squared += d * d;
      }
      sum += Math.sqrt(squared);
    }
  }
  return sum / ((n * (n - 1)) / 2);
}

export function referenceSample(points: PointSet): ReferenceSample {
  return {...points, meanSelfDistance: meanSelfDistance(points)};
}

/** `count` samples of N(0, I) in `dim` dimensions, drawn from `seed`: the same seed, the same points. */
export function samplePriorPoints(pointCount: number, dim: number, seed: number): PointSet {
  const rng = createRng(seed);
  return {values: Float32Array.from({length: pointCount * dim}, () => rng.normal()), dim};
}

/** The energy distance between `points` and the reference sample (see the top of this file). */
export function energyDistance(points: PointSet, reference: ReferenceSample): number {
  return 2 * meanCrossDistance(points, reference) - meanSelfDistance(points) - reference.meanSelfDistance;
}
