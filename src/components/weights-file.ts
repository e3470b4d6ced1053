// Download the model's weights as a checkpoint file (the project's format, lib/checkpoints/format.ts: the same
// files the site ships and `npm run train -- --load` evaluates), and load one back. A file that is not a checkpoint,
// is damaged, or holds another model is refused with the reason, and nothing changes.
import {uiStrings} from "./language.js";
import type {Trainer} from "./trainer.js";

export function weightsFile(trainer: Trainer): HTMLElement {
  const text = uiStrings().weightsFile;
  const root = document.createElement("div");
  root.className = "weights-file";
  const download = document.createElement("button");
  download.type = "button";
  download.textContent = text.download;
  const input = document.createElement("input");
  input.type = "file";
  input.accept = ".ckpt,application/octet-stream";
  input.className = "weights-file-input";
  const load = document.createElement("label");
  load.className = "weights-file-load";
  load.append(input, text.load);
  const status = document.createElement("span");
  status.className = "weights-file-status";
  status.setAttribute("aria-live", "polite");
  root.append(download, load, status);
  const format = () => trainer.ready.then(() => import("../lib/checkpoints/format.js"));

  download.addEventListener("click", async () => {
    const model = trainer.model;
    if (!model) return void (status.textContent = text.notReady);
    const {encodeCheckpoint} = await format();
    const settings = trainer.configured;
    const bytes = encodeCheckpoint(model, {
      dtype: "float32",
      metadata: {
        steps: trainer.state.step,
        page: location.pathname,
        ...(settings?.corruption ? {corruption: JSON.stringify(settings.corruption)} : {}),
        ...(settings?.klWeight !== undefined ? {klWeight: settings.klWeight} : {})
      }
    });
    const file = `${model.config.model}-step${trainer.state.step}.ckpt`;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(
      new Blob([bytes.slice().buffer as ArrayBuffer], {type: "application/octet-stream"})
    );
    link.download = file;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status.textContent = text.downloaded(file);
  });

  input.addEventListener("change", async () => {
    const chosen = input.files?.[0];
    input.value = "";
    if (!chosen) return;
    const model = trainer.model;
    if (!model) return void (status.textContent = text.notReady);
    const [{readCheckpointFor}, {modelVariables}] = await Promise.all([format(), import("../lib/models/weights.js")]);
    const shapes = modelVariables(model).map((v) => v.shape.map((d) => d ?? 0));
    const result = readCheckpointFor(new Uint8Array(await chosen.arrayBuffer()), {config: model.config, shapes});
    if (!result.ok) {
      status.dataset.result = "refused";
      return void (status.textContent = text.refused(chosen.name, result.reason));
    }
    status.dataset.result = "loaded";
    trainer.loadWeights(result.checkpoint.header.config, result.checkpoint.values);
    status.textContent = text.loaded(chosen.name);
  });
  return root;
}
