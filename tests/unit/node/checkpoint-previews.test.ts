// Each shipped checkpoint has its own first-paint preview file, and the module that makes Framework build them
// (src/components/checkpoint-previews.ts, written by npm run checkpoints) lists exactly the manifest's checkpoints.
import {readFileSync} from "node:fs";
import {expect, test} from "vitest";
import type {CheckpointManifest} from "../../../lib/checkpoints/manifest.js";
import {MANIFEST_PATH, PREVIEWS_MODULE, previewsModuleSource} from "../../../lib/node/checkpoint-store.js";

test("the previews module is the one the manifest generates", () => {
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as CheckpointManifest;
  expect(readFileSync(PREVIEWS_MODULE, "utf8"), `${PREVIEWS_MODULE} is out of date: run npm run checkpoints`).toBe(
    previewsModuleSource(manifest)
  );
});
