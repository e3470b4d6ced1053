// The browser-safe library: what pages and workers import (never lib/node/ or lib/cli/, which need Node).
export * from "./models.js";
export * from "./conv-autoencoder.js";
export * from "./dense-autoencoder.js";
export * from "./super-resolution.js";
export * from "./vae.js";
export * from "./losses.js";
export * from "./corruptions.js";
export * from "./metrics.js";
export * from "./pca.js";
export * from "./random.js";
export * from "./train.js";
export * from "./checkpoint.js";
export * from "./dataset.js";
