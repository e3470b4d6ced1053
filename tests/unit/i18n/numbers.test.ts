// Numbers as each edition's readers write them.
import {expect, test} from "vitest";
import {formatNumber} from "../../../lib/i18n/numbers.js";

test("English groups thousands with commas and uses a decimal point; Indonesian the other way round", () => {
  expect(formatNumber("en", 20000)).toBe("20,000");
  expect(formatNumber("id", 20000)).toBe("20.000");
  expect(formatNumber("en", 0.5)).toBe("0.5");
  expect(formatNumber("id", 0.5)).toBe("0,5");
  expect(formatNumber("id", 0.0874, {digits: 3})).toBe("0,087");
  expect(formatNumber("en", 2, {digits: 2})).toBe("2.00");
  expect(formatNumber("id", Number.NaN)).toBe("–");
});
