import {expect, test} from "vitest";
import type {CheckpointManifest} from "../../../lib/checkpoints/manifest.js";
import {
  decodePreviews,
  encodePreviews,
  PREVIEW_VERSION,
  toBytes,
  toFloats,
  type Previews
} from "../../../lib/checkpoints/preview.js";

const manifest: CheckpointManifest = {version: 1, command: "npm run checkpoints", testImages: 10, checkpoints: []};

function makePreviews(): Previews {
  return {
    version: PREVIEW_VERSION,
    digits: {count: 1, images: Uint8Array.from({length: 784}, (_, i) => i % 251), labels: Uint8Array.from([7])},
    manifest,
    previews: {
      small: {
        params: 1234,
        probe: {
          count: 2,
          inputShape: [14, 14, 1],
          inputs: Uint8Array.from({length: 2 * 196}, (_, i) => i % 256),
          outputs: Uint8Array.from({length: 2 * 784}, (_, i) => (i * 7) % 256)
        }
      },
      "with-codes": {
        params: 5,
        probe: {
          count: 1,
          inputShape: [28, 28, 1],
          inputs: new Uint8Array(784).fill(3),
          outputs: new Uint8Array(784).fill(250)
        },
        // An odd number of label bytes before it, so that alignment matters.
        embedding: {dims: 2, codes: Float32Array.from([0.5, -1.25, 3e-8, 42]), labels: Uint8Array.from([3, 9])}
      }
    }
  };
}

test("previews survive encoding, arrays and numbers alike", () => {
  const original = makePreviews();
  const decoded = decodePreviews(encodePreviews(original));
  expect(decoded.manifest).toEqual(manifest);
  expect([...decoded.digits.images]).toEqual([...original.digits.images]);
  expect([...decoded.digits.labels]).toEqual([7]);
  expect(decoded.previews.small.params).toBe(1234);
  expect(decoded.previews.small.probe.inputShape).toEqual([14, 14, 1]);
  expect([...decoded.previews.small.probe.inputs]).toEqual([...original.previews.small.probe.inputs]);
  expect([...decoded.previews.small.probe.outputs]).toEqual([...original.previews.small.probe.outputs]);
  expect(decoded.previews.small.embedding).toBeUndefined();
  const codes = decoded.previews["with-codes"].embedding!;
  expect(codes.dims).toBe(2);
  expect([...codes.codes]).toEqual([...original.previews["with-codes"].embedding!.codes]);
  expect([...codes.labels]).toEqual([3, 9]);
});

test("a damaged previews file is refused with a reason", () => {
  const bytes = encodePreviews(makePreviews());
  const wrongMagic = bytes.slice();
  wrongMagic[0] = 0x58;
  expect(() => decodePreviews(wrongMagic)).toThrow(/bad magic/);
  expect(() => decodePreviews(bytes.subarray(0, 20))).toThrow(/truncated in its header/);
  expect(() => decodePreviews(bytes.subarray(0, bytes.length - 10))).toThrow(
    /truncated in with-codes's (codes|labels)/
  );
});

test("bytes and floats convert as a canvas draws them", () => {
  expect([...toBytes([0, 0.5, 1, -0.2, 1.7])]).toEqual([0, 128, 255, 0, 255]);
  expect([...toFloats(Uint8Array.from([0, 255]))]).toEqual([0, 1]);
});
