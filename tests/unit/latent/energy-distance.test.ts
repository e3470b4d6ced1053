// The energy distance between codes and samples of the prior: against brute-force sums and closed forms, about 0
// for two samples of the same distribution, and growing with a shift, a wrong spread or a hole in the middle.
import {describe, expect, test} from "vitest";
import {
  energyDistance,
  meanCrossDistance,
  meanSelfDistance,
  referenceSample,
  samplePriorPoints,
  type PointSet
} from "../../../lib/latent/energy-distance.js";

const points = (rows: number[][]): PointSet => ({values: Float32Array.from(rows.flat()), dim: rows[0].length});

describe("the energy distance", () => {
  test("its terms are mean distances over all pairs (across) and over distinct pairs (within)", () => {
    const a = points([
      [0, 0],
      [3, 4]
    ]);
    const b = points([[0, 4]]);
    expect(meanCrossDistance(a, b)).toBeCloseTo((4 + 3) / 2, 6);
    expect(meanSelfDistance(a)).toBeCloseTo(5, 6);
    expect(
      meanSelfDistance(
        points([
          [0, 0],
          [1, 0],
          [0, 1]
        ])
      )
    ).toBeCloseTo((1 + 1 + Math.SQRT2) / 3, 6);
    expect(() => meanCrossDistance(a, points([[1, 2, 3]]))).toThrow();
    expect(() => meanSelfDistance(b)).toThrow();
  });

  test("two point masses at distance d are 2d apart", () => {
    const at = (x: number): PointSet => points(Array.from({length: 5}, () => [x, 0]));
    expect(energyDistance(at(0), referenceSample(at(3)))).toBeCloseTo(6, 5);
  });

  test("the prior's samples: mean distance within about sqrt(pi) (2-D), and about 0 between two samples", () => {
    const prior = referenceSample(samplePriorPoints(2000, 2, 1));
    expect(prior.meanSelfDistance).toBeCloseTo(Math.sqrt(Math.PI), 1);
    const other = samplePriorPoints(2000, 2, 2);
    expect(Math.abs(energyDistance(other, prior))).toBeLessThan(0.01);
    // The same seed, the same points.
    expect(samplePriorPoints(10, 2, 5)).toEqual(samplePriorPoints(10, 2, 5));
  });

  test("grows with a shift, a wrong spread, and a ring with a hole where the prior is densest", () => {
    const prior = referenceSample(samplePriorPoints(1000, 2, 3));
    const base = samplePriorPoints(1000, 2, 4);
    const map = (f: (x: number, y: number) => [number, number]): PointSet => {
      const values = new Float32Array(base.values.length);
      for (let i = 0; i < values.length; i += 2) [values[i], values[i + 1]] = f(base.values[i], base.values[i + 1]);
      return {values, dim: 2};
    };
    const same = energyDistance(base, prior);
    const shifted = (d: number): number =>
      energyDistance(
        map((x, y) => [x + d, y]),
        prior
      );
    expect(shifted(0.5)).toBeGreaterThan(same + 0.05);
    expect(shifted(2)).toBeGreaterThan(shifted(0.5));
    expect(
      energyDistance(
        map((x, y) => [3 * x, 3 * y]),
        prior
      )
    ).toBeGreaterThan(0.5);
    // The same mean and nearly the same spread as the prior, but no point near the centre.
    const ring = map((x, y) => {
      const r = Math.hypot(x, y) || 1;
      return [(1.41 * x) / r, (1.41 * y) / r];
    });
    expect(energyDistance(ring, prior)).toBeGreaterThan(same + 0.03);
  });
});
