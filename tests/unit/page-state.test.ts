import {expect, test} from "vitest";
import {defaultState, formatState, parseState} from "../../lib/page-state.js";

const schema = {
  noise: {default: 0.5, min: 0, max: 1},
  latent: {default: 2, min: 1, max: 32},
  kind: {default: "gaussian", choices: ["gaussian", "salt-pepper", "mask"]},
  showGrid: {default: true}
};

test("an empty query gives the defaults", () => {
  expect(parseState(schema, "")).toEqual(defaultState(schema));
});

test("values round-trip through the URL form, defaults left out", () => {
  const state = {noise: 0.25, latent: 2, kind: "mask", showGrid: false};
  const search = formatState(schema, state);
  expect(search).not.toContain("latent");
  expect(parseState(schema, search)).toEqual(state);
});

test("wrong types, values out of range and unknown choices fall back to the default", () => {
  const state = parseState(schema, "?noise=1.5&latent=abc&kind=blur&showGrid=yes&extra=1");
  expect(state).toEqual(defaultState(schema));
  expect(parseState(schema, "?noise=&latent=32").noise).toBe(0.5);
  expect(parseState(schema, "?latent=32").latent).toBe(32);
});
