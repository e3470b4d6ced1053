// Data loader: one checkpoint's first-paint preview (lib/node/checkpoint-previews.ts; format in
// lib/checkpoints/preview.ts, gzipped), `--checkpoint=NAME` for data/previews/NAME.bin: what the training worker
// will show once it has loaded that checkpoint, drawn by the page before TensorFlow.js has started.
import {parseArgs} from "node:util";
import {gzipSync} from "node:zlib";
import {encodePreviews} from "../../lib/checkpoints/preview.js";
import {checkpointPreviewFile} from "../../lib/node/checkpoint-previews.js";

const {values} = parseArgs({options: {checkpoint: {type: "string"}}});

try {
  if (!values.checkpoint) throw new Error("no --checkpoint given");
  process.stdout.write(gzipSync(encodePreviews(await checkpointPreviewFile(values.checkpoint)), {level: 9}));
} catch (error) {
  console.error(`previews/${values.checkpoint}.bin: ${(error as Error).message}`);
  process.exit(1);
}
