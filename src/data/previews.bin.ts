// Data loader: the index of the first-paint previews (format in lib/checkpoints/preview.ts, gzipped): the checkpoint
// manifest, so that a page picks its checkpoint without another request, and the ten digits every page shows. Each
// checkpoint's pictures are a file of their own (src/data/previews/[checkpoint].bin.ts): a page fetches only the
// one it shows. Any missing or corrupt file fails the build, naming the file.
import {gzipSync} from "node:zlib";
import {encodePreviews} from "../lib/checkpoints/preview.js";
import {previewIndex} from "../lib/node/checkpoint-previews.js";

try {
  process.stdout.write(gzipSync(encodePreviews(previewIndex()), {level: 9}));
} catch (error) {
  console.error(`previews.bin: ${(error as Error).message}`);
  process.exit(1);
}
