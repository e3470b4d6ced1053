import {expect, test} from "vitest";
import {defaultState, formatState, parseState, snapNumber} from "../../lib/page-state.js";

const schema = {
  noise: {default: 0.5, min: 0, max: 1, step: 0.05},
  latent: {default: 2, min: 1, max: 32, step: 1},
  kl: {default: 1, min: 0, max: 4, stops: [0, 0.001, 0.01, 0.1, 1, 4]},
  kind: {default: "gaussian", choices: ["gaussian", "salt-pepper", "mask"]},
  showGrid: {default: true}
};

test("an empty query gives the defaults", () => {
  expect(parseState(schema, "")).toEqual(defaultState(schema));
});

test("values round-trip through the URL form, defaults left out", () => {
  const state = {noise: 0.25, latent: 2, kl: 0.01, kind: "mask", showGrid: false};
  const search = formatState(schema, state);
  expect(search).not.toContain("latent");
  expect(parseState(schema, search)).toEqual(state);
});

test("wrong types and unknown choices fall back to the default", () => {
  const state = parseState(schema, "?noise=abc&latent=&kl=NaN&kind=blur&showGrid=yes&extra=1");
  expect(state).toEqual(defaultState(schema));
  expect(parseState(schema, "?noise=&latent=32").noise).toBe(0.5);
  expect(parseState(schema, "?noise=Infinity").noise).toBe(0.5);
  expect(parseState(schema, "?latent=32").latent).toBe(32);
});

test("a number is snapped to what its control allows, never passed on as typed", () => {
  // Out of range: clamped to the nearest end.
  expect(parseState(schema, "?noise=1.5&latent=0&kl=9")).toMatchObject({noise: 1, latent: 1, kl: 4});
  expect(parseState(schema, "?noise=-3&latent=1000").noise).toBe(0);
  // Between steps: the nearest step from min, ties upwards (as a range input rounds), with no float dust.
  expect(parseState(schema, "?latent=2.5").latent).toBe(3);
  expect(parseState(schema, "?latent=2.4").latent).toBe(2);
  expect(parseState(schema, "?noise=0.33").noise).toBe(0.35);
  expect(parseState(schema, "?noise=0.31").noise).toBe(0.3);
  // Between stops: the nearest stop.
  expect(parseState(schema, "?kl=0.3").kl).toBe(0.1);
  expect(parseState(schema, "?kl=0.7").kl).toBe(1);
  expect(parseState(schema, "?kl=0.0004").kl).toBe(0);
  // A snapped value is what the URL then says.
  expect(formatState(schema, parseState(schema, "?latent=2.5&noise=0.33"))).toBe("?noise=0.35&latent=3");
});

test("snapNumber counts steps from min and stays in range", () => {
  expect(snapNumber({default: 3, min: 0.5, max: 5, step: 0.5}, 1.3)).toBe(1.5);
  expect(snapNumber({default: 3, min: 0.5, max: 5, step: 0.5}, 0.7)).toBe(0.5);
  // A max that is not on the grid: the last step under it.
  expect(snapNumber({default: 0, min: 0, max: 1, step: 0.3}, 1)).toBe(0.9);
  // Steps from 0 without a min; no step: only clamped.
  expect(snapNumber({default: 0, max: 10, step: 2}, -3.2)).toBe(-4);
  expect(snapNumber({default: 0, min: 0, max: 2}, 1.2345)).toBe(1.2345);
  expect(snapNumber({default: 0}, 7.5)).toBe(7.5);
});
