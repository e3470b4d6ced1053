// Random codes and noisy codes follow the real codes' spread: their statistics match what was asked for.
import {describe, expect, test} from "vitest";
import {addCodeNoise, measureSpread, sampleCodes} from "../../../lib/latent/random-codes.js";

describe("random codes", () => {
  test("measureSpread gives each number's mean and sample standard deviation", () => {
    // Two numbers per code: the first 1, 3 (mean 2, std sqrt(2)), the second always 5.
    const spread = measureSpread([1, 5, 3, 5], 2);
    expect(Array.from(spread.mean)).toEqual([2, 5]);
    expect(spread.std[0]).toBeCloseTo(Math.SQRT2, 6);
    expect(spread.std[1]).toBe(0);
    expect(() => measureSpread([1, 2, 3], 2)).toThrow();
  });

  test("sampled codes have the asked mean and spread, and none below 0 when they must not", () => {
    const spread = {mean: Float32Array.of(1, -2), std: Float32Array.of(0.5, 3)};
    const codes = sampleCodes(spread, 20000, 7);
    const measured = measureSpread(codes, 20000);
    expect(measured.mean[0]).toBeCloseTo(1, 1);
    expect(measured.mean[1]).toBeCloseTo(-2, 1);
    expect(measured.std[0]).toBeCloseTo(0.5, 1);
    expect(measured.std[1]).toBeCloseTo(3, 1);
    expect(Math.min(...sampleCodes(spread, 1000, 7, true))).toBe(0);
    expect(Array.from(sampleCodes(spread, 3, 7))).toEqual(Array.from(sampleCodes(spread, 3, 7)));
  });

  test("code noise moves each number by the level times its spread; level 0 changes nothing", () => {
    const spread = {mean: Float32Array.of(0, 0), std: Float32Array.of(1, 10)};
    const codes = new Float32Array(2 * 5000);
    expect(Array.from(addCodeNoise(codes, spread, 0, 3))).toEqual(Array.from(codes));
    const moved = addCodeNoise(codes, spread, 0.5, 3);
    const measured = measureSpread(moved, 5000);
    expect(measured.std[0]).toBeCloseTo(0.5, 1);
    expect(measured.std[1]).toBeCloseTo(5, 0);
  });
});
