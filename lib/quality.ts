// Measures beyond the loss that the lesson's claims rest on, shared by `npm run train` and `npm run checkpoints`:
// a 2-number code against PCA by kNN accuracy ("better than PCA"), the VAE loss with the notebook's KL formula
// (to compare with its number), and classical upscaling (the bar super-resolution must clear).
import * as tf from "@tensorflow/tfjs";
import {downscale, upscale, type ScaleFactor, type Upscaling} from "./corruptions.js";
import type {Dataset} from "./dataset.js";
import {binaryCrossEntropy, lessonNotebookKl} from "./losses.js";
import {knnAccuracy, psnr, type Embedding} from "./metrics.js";
import {encode, type Autoencoder} from "./models.js";
import {fitPca, projectPca} from "./pca.js";
import {datasetToTensor, modelInput} from "./train.js";

export interface EmbeddingQuality {
  dim: number;
  knnAccuracy: number;
  pcaKnnAccuracy: number;
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

function indices(start: number, end: number): Uint32Array {
  return Uint32Array.from({length: end - start}, (_, i) => start + i);
}

/** Codes of all images of `data` (VAEs: means), row after row. */
function encodeAll(model: Autoencoder, data: Dataset): Float32Array {
  const out = new Float32Array(data.count * model.codeSize);
  for (let start = 0; start < data.count; start += 1000) {
    const end = Math.min(data.count, start + 1000);
    const codes = tf.tidy(() =>
      encode(model, modelInput(model, datasetToTensor(data, indices(start, end)), undefined, 0))
    );
    out.set(codes.dataSync(), start * model.codeSize);
    codes.dispose();
  }
  return out;
}

/**
 * kNN accuracy (k = 5) of the model's code against PCA with as many components, on the test set: its first 80% is
 * the reference set (and fits PCA), the rest is classified.
 */
export function measureEmbedding(model: Autoencoder, test: Dataset): EmbeddingQuality {
  const dim = model.codeSize;
  const split = Math.floor(test.count * 0.8);
  const codes = encodeAll(model, test);
  const pixels = Float32Array.from(test.images, (v) => v / 255);
  const reference = (values: Float32Array): Embedding => ({values: values.subarray(0, split * dim), dim});
  const queries = (values: Float32Array): Embedding => ({values: values.subarray(split * dim), dim});
  const [refLabels, queryLabels] = [test.labels.subarray(0, split), test.labels.subarray(split)];
  // 3,000 images pin down the leading components well and keep the pure-JS fit to seconds.
  const pca = fitPca({values: pixels.subarray(0, Math.min(split, 3000) * 784), dim: 784}, dim, {iterations: 80});
  const projected = projectPca(pca, {values: pixels, dim: 784}).values;
  return {
    dim,
    knnAccuracy: round(knnAccuracy(reference(codes), refLabels, queries(codes), queryLabels)),
    pcaKnnAccuracy: round(knnAccuracy(reference(projected), refLabels, queries(projected), queryLabels))
  };
}

/** Mean over `test` of the lesson notebook's KL term (see lessonNotebookKl). */
export function measureLessonKl(model: Autoencoder, test: Dataset): number {
  let sum = 0;
  for (let start = 0; start < test.count; start += 500) {
    const end = Math.min(test.count, start + 500);
    const total = tf.tidy(() => {
      const [mean, logSigma] = model.encoder.predict(datasetToTensor(test, indices(start, end))) as tf.Tensor2D[];
      return lessonNotebookKl(mean, logSigma).sum();
    });
    sum += total.dataSync()[0];
    total.dispose();
  }
  return sum / test.count;
}

/** BCE and PSNR of classical upscaling of the same low-resolution test inputs. */
export function measureUpscaling(test: Dataset, scale: ScaleFactor): Record<Upscaling, {bce: number; psnr: number}> {
  const methods: Upscaling[] = ["nearest", "bilinear", "bicubic"];
  const sums = methods.map(() => ({bce: 0, psnr: 0}));
  for (let start = 0; start < test.count; start += 1000) {
    const end = Math.min(test.count, start + 1000);
    tf.tidy(() => {
      const clean = datasetToTensor(test, indices(start, end));
      const low = downscale(clean, scale);
      methods.forEach((method, m) => {
        const up = upscale(low, scale, method);
        sums[m].bce += binaryCrossEntropy(clean, up).sum().dataSync()[0];
        sums[m].psnr += psnr(clean, up).sum().dataSync()[0];
      });
    });
  }
  return Object.fromEntries(
    methods.map((method, m) => [
      method,
      {bce: round(sums[m].bce / test.count), psnr: round(sums[m].psnr / test.count, 2)}
    ])
  ) as Record<Upscaling, {bce: number; psnr: number}>;
}
