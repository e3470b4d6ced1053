// Every interface string of the English edition, by the component (or part of the site) that shows it. The
// Indonesian module (./id.ts) has the same shape: the type Strings is this object's, so a missing translation is a
// type error. Terms come from the shared glossary (./glossary.ts). Functions build strings with numbers in them;
// they format numbers with the language's own separators (formatNumber).
import {GLOSSARY} from "./glossary.js";
import {formatNumber} from "./numbers.js";

const n = (value: number, digits?: number): string => formatNumber("en", value, digits === undefined ? {} : {digits});

export const en = {
  language: "en" as "en" | "id",
  site: {
    /** The link to the other edition, in that edition's language. */
    otherEdition: "Bahasa Indonesia",
    otherEditionLabel: "Baca halaman ini dalam Bahasa Indonesia",
    footer: "Autoencoders Lab: autoencoders trained live in your browser with TensorFlow.js.",
    previousPage: "Previous page",
    nextPage: "Next page",
    contents: "Contents"
  },
  controls: {
    train: "Train",
    pause: "Pause",
    resume: "Resume",
    reset: "Reset",
    step: "Step",
    latentDimension: GLOSSARY.latentDimension.en,
    noiseLevel: GLOSSARY.noiseLevel.en,
    klWeight: GLOSSARY.klWeight.en
  },
  numbers: {
    /** "20,000 images" */
    images: (count: number) => `${n(count)} image${count === 1 ? "" : "s"}`,
    decimal: n
  }
};

export type Strings = typeof en;
