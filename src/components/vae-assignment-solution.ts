// The VAE page's assignment, solved: behind a "Show a solution" disclosure, the site's convolutional VAE as the code
// that trains on the page (cut from lib/models/vae.ts, read at build time, so that it cannot drift from what trains),
// and the two shipped VAEs' test losses side by side, read from the checkpoints' manifest.
import type {CheckpointEntry} from "../lib/checkpoints/manifest.js";
import {formatNumber, uiStrings} from "./language.js";
import {loadPreviews} from "./previews.js";
import {sourceExcerpt} from "./source-excerpt.js";

/** The checkpoints compared: the page's dense VAE and the assignment's solution, both with a 2-D code. */
export const ASSIGNMENT_CHECKPOINTS = {dense: "dense-vae-latent2", conv: "conv-vae-latent2"} as const;

const SOLUTION_EXCERPT = /^\/\*\* The lesson's conv encoder[\s\S]*?\n}\n/m;

/** `modelSource`: the text of lib/models/vae.ts (all of it is shown if the excerpt is no longer found). */
export function vaeAssignmentSolution(modelSource: string): HTMLDetailsElement {
  const text = uiStrings().vaeAssignment;
  const root = document.createElement("details");
  root.className = "vae-assignment-solution";
  const summary = document.createElement("summary");
  summary.textContent = text.show;
  const intro = document.createElement("p");
  intro.innerHTML = text.intro;
  const pre = sourceExcerpt(modelSource, [SOLUTION_EXCERPT], text.code);
  const results = document.createElement("div");
  results.textContent = text.loading;
  root.append(summary, intro, pre, results);
  void loadPreviews().then(({manifest}) => {
    const find = (name: string): CheckpointEntry | undefined => manifest.checkpoints.find((e) => e.name === name);
    results.replaceChildren(...measuredLosses(find(ASSIGNMENT_CHECKPOINTS.dense), find(ASSIGNMENT_CHECKPOINTS.conv)));
  });
  return root;
}

/** A table of both models' test losses, and a sentence that says which is lower and by how much. */
function measuredLosses(dense: CheckpointEntry | undefined, conv: CheckpointEntry | undefined): HTMLElement[] {
  const text = uiStrings().vaeAssignment;
  if (!dense?.test.kl || !conv?.test.kl) return [paragraph(text.notShipped)];
  const table = document.createElement("table");
  const caption = table.createCaption();
  caption.textContent = text.caption(dense.samples, dense.test.count);
  const head = table.createTHead().insertRow();
  for (const label of text.columns) head.append(Object.assign(document.createElement("th"), {textContent: label}));
  const body = table.createTBody();
  for (const [name, entry] of [
    [text.dense, dense],
    [text.conv, conv]
  ] as const) {
    const row = body.insertRow();
    const header = Object.assign(document.createElement("th"), {scope: "row", textContent: name});
    row.append(header);
    const {loss, reconstruction, kl} = entry.test;
    for (const value of [formatNumber(entry.epochs), ...[loss, reconstruction, kl].map((v) => twoDigits(v ?? 0))]) {
      row.insertCell().textContent = value;
    }
  }
  return [
    table,
    paragraph(text.verdict(twoDigits(dense.test.loss - conv.test.loss), conv.test.loss < dense.test.loss))
  ];
}

const twoDigits = (value: number): string => formatNumber(Math.abs(value), {digits: 2});

function paragraph(html: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.innerHTML = html;
  return p;
}
