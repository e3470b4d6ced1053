// Every interface string of the Indonesian edition: the same shape as ./en.ts (type Strings), written for
// learners who follow the lesson in Bahasa Indonesia, with the terms of the shared glossary (./glossary.ts).
import type {Strings} from "./en.js";
import {GLOSSARY} from "./glossary.js";
import {formatNumber} from "./numbers.js";

const n = (value: number, digits?: number): string => formatNumber("id", value, digits === undefined ? {} : {digits});

export const id: Strings = {
  language: "id",
  site: {
    otherEdition: "English",
    otherEditionLabel: "Read this page in English",
    footer: "Autoencoders Lab: autoencoder yang dilatih langsung di peramban Anda dengan TensorFlow.js.",
    previousPage: "Halaman sebelumnya",
    nextPage: "Halaman berikutnya",
    contents: "Daftar isi"
  },
  controls: {
    train: "Latih",
    pause: "Jeda",
    resume: "Lanjutkan",
    reset: "Atur ulang",
    step: "Satu langkah",
    latentDimension: GLOSSARY.latentDimension.id,
    noiseLevel: GLOSSARY.noiseLevel.id,
    klWeight: GLOSSARY.klWeight.id
  },
  numbers: {
    images: (count: number) => `${n(count)} gambar`,
    decimal: n
  }
};
