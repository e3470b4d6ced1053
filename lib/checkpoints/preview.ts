// First paint: what each pretrained checkpoint shows the moment it is loaded, computed at build time (the data
// loader src/data/previews.bin.ts runs the checkpoint's own model on the same test digits, with the same code
// as the training worker). A page draws its checkpoint's preview before TensorFlow.js has even started; the
// worker then loads the checkpoint itself and redraws the same pictures from the live model (an end-to-end test
// checks that they agree). DOM-free and TensorFlow.js-free: pages, workers and Node read it.
import type {CheckpointManifest} from "./manifest.js";

export const PREVIEW_VERSION = 2;

/** Test images whose codes a preview holds: the embeddings and VAE pages plot this many. */
export const PREVIEW_EMBEDDING_COUNT = 2000;

export interface CheckpointPreview {
  /** Trainable numbers in the model, as the controls show them. */
  params: number;
  /**
   * The worker's first probe for the checkpoint's own settings: the ten shown test digits as the model sees them
   * (corrupted for a denoiser, shrunk for super-resolution) and its outputs, as bytes (0-255).
   */
  probe: {count: number; inputShape: number[]; inputs: Uint8Array; outputs: Uint8Array};
  /** Codes (VAEs: means) of the first PREVIEW_EMBEDDING_COUNT test images, for models with a 2-number code. */
  embedding?: {dims: number; codes: Float32Array; labels: Uint8Array};
}

/** The ten test digits every page shows (lib/data/dataset.ts probeIndicesOf), so that pages need not read the test set. */
export interface ProbeDigits {
  count: number;
  /** 28x28 images, bytes 0-255, one after another. */
  images: Uint8Array;
  labels: Uint8Array;
}

export interface Previews {
  version: number;
  digits: ProbeDigits;
  /** The checkpoint manifest, so that a page can pick its checkpoint without another request. */
  manifest: CheckpointManifest;
  /** By checkpoint name. */
  previews: Record<string, CheckpointPreview>;
}

/** [0, 1] floats to bytes, as a canvas draws them. */
export function toBytes(values: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(values, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
}

/** Bytes back to [0, 1] floats, the form probes take on the page. */
export function toFloats(bytes: Uint8Array): Float32Array {
  return Float32Array.from(bytes, (v) => v / 255);
}

const MAGIC = "AEPV";

/** Where a blob lies after the header: [offset, byte length]. */
type BlobRef = [number, number];

interface PreviewHeader {
  version: number;
  digits: {count: number; images: BlobRef; labels: BlobRef};
  manifest: CheckpointManifest;
  previews: Record<
    string,
    {
      params: number;
      probe: {count: number; inputShape: number[]; inputs: BlobRef; outputs: BlobRef};
      embedding?: {dims: number; codes: BlobRef; labels: BlobRef};
    }
  >;
}

/**
 * The previews file: "AEPV", the header's byte length (uint32, little-endian), the header as JSON (the manifest,
 * and per checkpoint its numbers and where its arrays lie), then the arrays' bytes. The loader gzips it.
 */
export function encodePreviews(previews: Previews): Uint8Array {
  const blobs: Uint8Array[] = [];
  let size = 0;
  const add = (array: Uint8Array | Float32Array): BlobRef => {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    // Four-byte alignment, so that float arrays can be viewed in place.
    const padding = (4 - (size % 4)) % 4;
    if (padding) blobs.push(new Uint8Array(padding));
    size += padding;
    const ref: BlobRef = [size, bytes.length];
    blobs.push(bytes);
    size += bytes.length;
    return ref;
  };
  const {digits} = previews;
  const header: PreviewHeader = {
    version: previews.version,
    digits: {count: digits.count, images: add(digits.images), labels: add(digits.labels)},
    manifest: previews.manifest,
    previews: {}
  };
  for (const [name, {params, probe, embedding}] of Object.entries(previews.previews)) {
    header.previews[name] = {
      params,
      probe: {count: probe.count, inputShape: probe.inputShape, inputs: add(probe.inputs), outputs: add(probe.outputs)},
      ...(embedding
        ? {embedding: {dims: embedding.dims, codes: add(embedding.codes), labels: add(embedding.labels)}}
        : {})
    };
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // The blobs start on a four-byte boundary too.
  const start = Math.ceil((8 + json.length) / 4) * 4;
  const out = new Uint8Array(start + size);
  out.set(new TextEncoder().encode(MAGIC));
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  let offset = start;
  for (const blob of blobs) {
    out.set(blob, offset);
    offset += blob.length;
  }
  return out;
}

/** Parses an (ungzipped) previews file; throws, saying what is wrong, on anything else. */
export function decodePreviews(bytes: Uint8Array): Previews {
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error("not a previews file (bad magic)");
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) throw new Error("previews file truncated in its header");
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as PreviewHeader;
  if (header.version !== PREVIEW_VERSION)
    throw new Error(`previews file of version ${header.version}, not ${PREVIEW_VERSION}`);
  const start = Math.ceil((8 + length) / 4) * 4;
  const blob = ([offset, size]: BlobRef, what: string): Uint8Array => {
    if (start + offset + size > bytes.length) throw new Error(`previews file truncated in ${what}`);
    return bytes.slice(start + offset, start + offset + size);
  };
  const digits: ProbeDigits = {
    count: header.digits.count,
    images: blob(header.digits.images, "the shown digits"),
    labels: blob(header.digits.labels, "the shown digits' labels")
  };
  if (digits.images.length !== digits.count * 28 * 28)
    throw new Error("previews: the shown digits do not match their count");
  const previews: Record<string, CheckpointPreview> = {};
  for (const [name, entry] of Object.entries(header.previews)) {
    const {probe, embedding} = entry;
    const imageSize = probe.inputShape.reduce((a, b) => a * b, 1);
    const inputs = blob(probe.inputs, `${name}'s inputs`);
    const outputs = blob(probe.outputs, `${name}'s outputs`);
    if (inputs.length !== probe.count * imageSize || outputs.length !== probe.count * 28 * 28) {
      throw new Error(`previews: ${name}: probe images do not match their shape`);
    }
    previews[name] = {params: entry.params, probe: {count: probe.count, inputShape: probe.inputShape, inputs, outputs}};
    if (embedding) {
      const codes = blob(embedding.codes, `${name}'s codes`);
      previews[name].embedding = {
        dims: embedding.dims,
        codes: new Float32Array(codes.buffer, codes.byteOffset, codes.byteLength / 4),
        labels: blob(embedding.labels, `${name}'s labels`)
      };
    }
  }
  return {version: header.version, digits, manifest: header.manifest, previews};
}
