// Parser for the IDX files that MNIST is distributed in: a big-endian header (magic number, one
// 32-bit size per dimension) followed by unsigned bytes. Every check names what is wrong, so a
// corrupt file fails loudly instead of turning into silently wrong digits.

/** Magic numbers of IDX files holding unsigned bytes: 0x0000 08 NN, NN = number of dimensions. */
export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

export interface IdxArray {
  /** Size of each dimension, e.g. [60000, 28, 28] for images, [60000] for labels. */
  shape: number[];
  data: Uint8Array;
}

export class DataFormatError extends Error {
  override name = "DataFormatError";
}

/** Parses an IDX file of unsigned bytes and checks its magic number against the expected one. */
export function parseIdx(bytes: Uint8Array, expectedMagic: number): IdxArray {
  if (bytes.byteLength < 4) throw new DataFormatError(`truncated: ${bytes.byteLength} bytes, no IDX header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    throw new DataFormatError(`bad magic number ${magic}, expected ${expectedMagic}`);
  }
  const rank = magic & 0xff;
  const headerBytes = 4 + 4 * rank;
  if (bytes.byteLength < headerBytes) throw new DataFormatError(`truncated: header needs ${headerBytes} bytes`);
  const shape = Array.from({length: rank}, (_, i) => view.getUint32(4 + 4 * i, false));
  const expectedBytes = headerBytes + shape.reduce((a, b) => a * b, 1);
  if (bytes.byteLength < expectedBytes) {
    throw new DataFormatError(
      `truncated: shape [${shape.join(", ")}] needs ${expectedBytes} bytes, file has ${bytes.byteLength}`
    );
  }
  if (bytes.byteLength > expectedBytes) {
    throw new DataFormatError(`${bytes.byteLength - expectedBytes} unexpected trailing bytes after the data`);
  }
  return {shape, data: bytes.subarray(headerBytes, expectedBytes)};
}
