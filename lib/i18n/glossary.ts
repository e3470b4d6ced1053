// The one glossary of the site's two editions: each term as the English pages and interface say it, and as the
// Indonesian ones do. Following the lesson's Indonesian translation (AI-For-Beginners), many technical terms stay
// in English there (autoencoder, encoder, decoder, loss, noise, embedding...); others are translated. Both the
// interface strings (./en.ts, ./id.ts) and the glossary page (src/id/glosarium.md) read these entries, so a term
// is written one way everywhere.

export interface Term {
  en: string;
  id: string;
  /** Why the Indonesian edition writes it so, where that is not obvious. */
  note?: string;
}

export const GLOSSARY = {
  autoencoder: {en: "autoencoder", id: "autoencoder", note: "Kept in English, as in the lesson's translation."},
  encoder: {en: "encoder", id: "encoder"},
  decoder: {en: "decoder", id: "decoder"},
  code: {en: "code", id: "kode"},
  latentSpace: {en: "latent space", id: "ruang laten", note: "The Indonesian README's term."},
  latentVector: {en: "latent vector", id: "vektor laten"},
  latentDimension: {en: "Latent dimension", id: "Dimensi laten"},
  embedding: {en: "embedding", id: "embedding"},
  selfSupervised: {
    en: "self-supervised learning",
    id: "pembelajaran swasupervisi",
    note: "The Indonesian notebook's term; the README's 'pembelajaran mandiri' means independent study."
  },
  unlabelledData: {en: "unlabelled data", id: "data tanpa label"},
  dataSpecific: {en: "data-specific", id: "spesifik data"},
  lossy: {en: "lossy", id: "lossy"},
  loss: {en: "loss", id: "loss"},
  reconstructionLoss: {en: "reconstruction loss", id: "reconstruction loss"},
  klLoss: {en: "KL loss", id: "KL loss"},
  klWeight: {en: "KL weight", id: "Bobot KL"},
  noise: {en: "noise", id: "noise"},
  noiseLevel: {en: "Noise level", id: "Tingkat noise"},
  denoising: {en: "denoising", id: "denoising"},
  denoiser: {en: "denoiser", id: "denoiser"},
  superResolution: {en: "super-resolution", id: "super-resolution"},
  generativeModel: {en: "generative model", id: "model generatif"},
  vae: {en: "variational autoencoder", id: "variational autoencoder (VAE)"},
  adversarialAutoencoder: {en: "adversarial autoencoder", id: "adversarial autoencoder"},
  discriminator: {en: "discriminator", id: "diskriminator"},
  prior: {en: "prior", id: "prior"},
  dataset: {en: "dataset", id: "dataset"},
  training: {en: "training", id: "pelatihan"},
  epoch: {en: "epoch", id: "epoch"},
  step: {en: "step", id: "langkah"},
  weights: {en: "weights", id: "bobot"},
  checkpoint: {en: "checkpoint", id: "checkpoint"},
  assignment: {en: "Assignment", id: "Tugas"},
  challenge: {en: "Challenge", id: "Tantangan"},
  exercise: {en: "Exercise", id: "Latihan"},
  reviewAndSelfStudy: {en: "Review & Self Study", id: "Tinjauan & Studi Mandiri"}
} satisfies Record<string, Term>;

export type TermName = keyof typeof GLOSSARY;
