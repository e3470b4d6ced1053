// Latent-space helpers of the VAE page: grid codes, straight-line walks, KL per dimension and planar views.
import {describe, expect, it} from "vitest";
import {
  interpolate,
  latentGrid,
  manifoldGrid,
  planeAxes,
  recentKlPerDim,
  verticalAxisMenu,
  viewInPlane
} from "../../../lib/latent/codes.js";

describe("latentGrid", () => {
  it("runs the x axis left to right and the y axis top to bottom, other dimensions at 0", () => {
    const codes = latentGrid(3, 0, 2, 2, 3);
    const code = (row: number, col: number) => Array.from(codes.subarray((row * 3 + col) * 3, (row * 3 + col + 1) * 3));
    expect(codes.length).toBe(27);
    expect(code(0, 0)).toEqual([-2, 0, 2]);
    expect(code(0, 2)).toEqual([2, 0, 2]);
    expect(code(2, 0)).toEqual([-2, 0, -2]);
    expect(code(1, 1)).toEqual([0, 0, 0]);
  });
});

describe("manifoldGrid", () => {
  it("lays a 10 x 10 grid over the two chosen dimensions (numbered from 1), the others at 0", () => {
    const grid = manifoldGrid(3, 3, 1, 2, 10);
    expect([grid.count, grid.xAxis, grid.yAxis, grid.codes.length]).toEqual([100, 2, 0, 300]);
    // Top left: the horizontal dimension at its smallest, the vertical at its largest.
    expect(Array.from(grid.codes.subarray(0, 3))).toEqual([2, 0, -2]);
    expect(Array.from(grid.codes.subarray(297))).toEqual([-2, 0, 2]);
  });

  it("draws a single row along z1 for a 1-D code", () => {
    const grid = manifoldGrid(1, 1, 2, 3, 10);
    expect([grid.count, grid.xAxis, grid.yAxis]).toEqual([10, 0, 0]);
    expect(grid.codes[0]).toBe(-3);
    expect(grid.codes[9]).toBe(3);
  });

  it("clamps axes beyond a code that has just shrunk", () => {
    const grid = manifoldGrid(2, 5, 7, 1, 10);
    expect([grid.xAxis, grid.yAxis]).toEqual([1, 1]);
  });
});

describe("planeAxes", () => {
  it("numbers the axes from 0", () => {
    expect(planeAxes(3, 1, 4)).toEqual([2, 0]);
  });

  it("clamps the axes to smaller codes, moving the vertical one off the horizontal", () => {
    expect(planeAxes(5, 6, 3)).toEqual([2, 0]);
    expect(planeAxes(1, 4, 2)).toEqual([0, 1]);
    expect(planeAxes(1, 2, 1)).toEqual([0, 0]);
  });
});

describe("verticalAxisMenu", () => {
  it("offers every dimension but the horizontal one and keeps the reader's pick", () => {
    expect(verticalAxisMenu(4, 2, 3)).toEqual({choices: [1, 3, 4], value: 3});
  });

  it("falls back to the first other dimension when the pick is gone", () => {
    expect(verticalAxisMenu(3, 1, 1)).toEqual({choices: [2, 3], value: 2});
    expect(verticalAxisMenu(2, 2, 5)).toEqual({choices: [1], value: 1});
  });

  it("offers the single dimension of a 1-D code", () => {
    expect(verticalAxisMenu(1, 1, 2)).toEqual({choices: [1], value: 1});
  });
});

describe("interpolate", () => {
  it("includes both ends and spaces the points evenly", () => {
    expect(Array.from(interpolate([0, 10], [4, 2], 3))).toEqual([0, 10, 2, 6, 4, 2]);
  });

  it("rejects codes of different sizes", () => {
    expect(() => interpolate([0], [1, 2], 2)).toThrow();
  });
});

describe("recentKlPerDim", () => {
  it("averages the last steps of the current model only", () => {
    const history = [
      {loss: {total: 0, reconstruction: 0, kl: 9, klPerDim: [9]}},
      {loss: {total: 0, reconstruction: 0, kl: 3, klPerDim: [1, 2]}},
      {loss: {total: 0, reconstruction: 0, kl: 7, klPerDim: [3, 4]}}
    ];
    expect(recentKlPerDim(history, 3)).toEqual([2, 3]);
    expect(recentKlPerDim([{loss: {total: 1, reconstruction: 1}}])).toBeUndefined();
  });
});

describe("viewInPlane", () => {
  it("draws 2-D codes as they are and picks dimensions of larger ones", () => {
    const two = viewInPlane(Float32Array.from([1, 2, 3, 4]), 2, "pca", 5, 6);
    expect([...two.x, ...two.y]).toEqual([1, 3, 2, 4]);
    const three = viewInPlane(Float32Array.from([1, 2, 3, 4, 5, 6]), 3, "dims", 2, 0);
    expect([...three.x, ...three.y]).toEqual([3, 6, 1, 4]);
    expect([three.xLabel, three.yLabel]).toEqual(["z3", "z1"]);
  });

  it("projects on the direction of largest spread with PCA", () => {
    // Points on the line (t, 2t, 0): the first component carries all the spread, the second none.
    const codes = Float32Array.from(Array.from({length: 20}, (_, i) => [i, 2 * i, 0]).flat());
    const view = viewInPlane(codes, 3, "pca", 0, 1);
    const spread = (values: Float32Array) => Math.max(...values) - Math.min(...values);
    expect(spread(view.x)).toBeCloseTo(19 * Math.sqrt(5), 3);
    expect(spread(view.y)).toBeLessThan(1e-3);
  });
});
