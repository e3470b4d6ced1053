// The Indonesian interface strings against the English ones: every string is translated (an Indonesian string equal
// to its English one is an untranslated copy), except the terms the lesson keeps in English, and the controls read
// exactly as the lesson's Indonesian edition names them.
import {describe, expect, test} from "vitest";
import {en} from "../../../lib/i18n/en.js";
import {GLOSSARY} from "../../../lib/i18n/glossary.js";
import {describeChoice, describeSettings} from "../../../lib/checkpoints/manifest.js";
import {id} from "../../../lib/i18n/id.js";

/** Strings the Indonesian edition writes as the English one does: names, units and the lesson's English terms. */
const SAME_IN_BOTH = new Set([
  // The glossary's terms that the Indonesian lesson keeps in English (autoencoder, encoder, loss, noise...).
  ...Object.values(GLOSSARY)
    .filter((term) => term.en === term.id)
    .map((term) => term.en),
  "Autoencoder",
  "Adversarial autoencoder",
  "Denoising",
  "WebGPU",
  "WebGL",
  "WebAssembly",
  "Backend",
  "PSNR",
  "SSIM",
  "PSNR (dB)",
  "PCA",
  "Loss",
  "KL divergence",
  "KL (nats)",
  "KL",
  "Model",
  "Digit",
  "Gaussian",
  "Dense: 784 → 128 → 2"
]);

/**
 * Parts whose every string may stay English: the layers as TensorFlow.js names them. Functions whose results only
 * differ by their numbers (`β = 2`, `loss 0,5`) are listed by path.
 */
const SAME_PATHS = [
  "architecture.layers",
  "architecture.short",
  "trainingControls.loss",
  "trainingControls.backendSummary",
  "pages.vae.beta"
];

/** Sample arguments for the strings made by functions: small whole numbers read the same in both languages. */
const SAMPLE = 2;

type Leaf = {path: string; en: string; id: string};

/** Every string of `a` with its counterpart in `b` (functions called with sample arguments). */
function leaves(a: unknown, b: unknown, path = ""): Leaf[] {
  if (typeof a === "string") return [{path, en: a, id: String(b)}];
  if (typeof a === "function" && typeof b === "function") {
    const args = Array.from({length: Math.max(a.length, 1)}, () => SAMPLE);
    return [{path: `${path}()`, en: String(a(...args)), id: String(b(...args))}];
  }
  if (a && typeof a === "object") {
    return Object.entries(a).flatMap(([key, value]) =>
      leaves(value, (b as Record<string, unknown>)?.[key], path ? `${path}.${key}` : key)
    );
  }
  return [];
}

const allowed = ({path, en: english}: Leaf): boolean =>
  english === "" || SAME_IN_BOTH.has(english) || SAME_PATHS.some((prefix) => path.startsWith(prefix));

describe("the Indonesian interface strings", () => {
  const all = leaves(en, id);

  test("have every English string's counterpart", () => {
    expect(all.length).toBeGreaterThan(200);
    for (const leaf of all) expect(typeof leaf.id, leaf.path).toBe("string");
    expect(all.filter((leaf) => leaf.id === "undefined").map((leaf) => leaf.path)).toEqual([]);
  });

  test("are translated: none is a copy of the English one, but for the terms kept in English", () => {
    const copies = all
      .filter((leaf) => leaf.en === leaf.id && !allowed(leaf))
      .map((leaf) => `${leaf.path}: ${leaf.en}`);
    expect(copies).toEqual([]);
  });

  test("write numbers the Indonesian way", () => {
    expect(id.numbers.images(20000)).toBe("20.000 gambar");
    expect(id.numbers.decibels(18.25)).toBe("18,3 dB");
    expect(id.numbers.percent(0.875)).toBe("87,5%");
    expect(en.numbers.percent(0.875)).toBe("87.5%");
    expect(id.trainingControls.step(12345)).toBe("langkah 12.345");
  });

  test("name the controls as the lesson's Indonesian edition does", () => {
    expect(id.controls.noiseLevel).toBe("Tingkat noise");
    expect(id.controls.latentDimension).toBe("Dimensi laten");
    expect(id.controls.klWeight).toBe("Bobot KL");
    expect([id.controls.train, id.controls.pause, id.controls.resume, id.controls.reset]).toEqual([
      "Latih",
      "Jeda",
      "Lanjutkan",
      "Atur ulang"
    ]);
    expect([en.controls.noiseLevel, en.controls.latentDimension, en.controls.klWeight]).toEqual([
      "Noise level",
      "Latent dimension",
      "KL weight"
    ]);
  });

  test("the notes made outside components follow the language they are given", () => {
    const settings = {corruption: {kind: "gaussian" as const, sigma: 0.3, mean: 0.5}, klWeight: 4};
    expect(describeSettings(settings)).toBe("Noise level 0.3, noise mean 0.5, KL weight 4");
    expect(describeSettings(settings, id)).toBe("Tingkat noise 0,3, rerata noise 0,5, Bobot KL 4");
    expect(describeChoice({model: {model: "conv-ae", latentDim: 3}}, undefined, id).text).toBe(id.checkpoints.none);
    expect(id.trainer.stopped(id.trainer.diverged(NaN, 12))).toBe(
      "Pelatihan berhenti: loss menjadi NaN pada langkah ke-12. Turunkan laju pembelajaran (learning rate) atau tekan " +
        "Atur ulang."
    );
  });
});
