// Loss formulas against independent plain-JavaScript computations, and the VAE's sampling and KL convention
// (z_log_sigma = log of the standard deviation) checked against the closed form and by Monte Carlo.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {registerFastKernels, useReferenceKernels} from "../../../lib/backend/kernels/index.js";
import {beforeAll, describe, expect, test} from "vitest";
import {
  binaryCrossEntropy,
  computeLoss,
  defaultLossOptions,
  klDivergence,
  meanSquaredError,
  packLoss,
  reconstructionLoss,
  sampleLatent,
  unpackLoss
} from "../../../lib/training/losses.js";
import {buildModel} from "../../../lib/models/registry.js";
import {createRng} from "../../../lib/random.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const rng = createRng(42);
const randomArray = (n: number, lo = 0, hi = 1): Float32Array =>
  Float32Array.from({length: n}, () => lo + (hi - lo) * rng.next());

describe("reconstruction losses", () => {
  const target = randomArray(2 * 16);
  const output = randomArray(2 * 16, 0.01, 0.99);
  const t = (values: Float32Array): tf.Tensor4D => tf.tensor4d(values, [2, 4, 4, 1]);

  test("BCE of each image is the mean over its pixels of -(t log p + (1 - t) log(1 - p))", () => {
    const got = binaryCrossEntropy(t(target), t(output)).arraySync();
    for (let i = 0; i < 2; i++) {
      let sum = 0;
      for (let j = 0; j < 16; j++) {
        const [y, p] = [target[i * 16 + j], output[i * 16 + j]];
        sum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
      }
      expect(got[i]).toBeCloseTo(sum / 16, 5);
    }
  });

  test("BCE stays finite when the output saturates", () => {
    const got = binaryCrossEntropy(tf.ones([1, 2, 2, 1]), tf.zeros([1, 2, 2, 1])).arraySync();
    expect(Number.isFinite(got[0])).toBe(true);
    expect(got[0]).toBeGreaterThan(10);
  });

  test("MSE, and the summed reduction the VAE uses is MSE x pixels", () => {
    const mse = meanSquaredError(t(target), t(output)).arraySync();
    const summed = reconstructionLoss(t(target), t(output), {
      reconstruction: "mse",
      pixelReduction: "sum",
      klWeight: 1
    });
    for (let i = 0; i < 2; i++) {
      let sum = 0;
      for (let j = 0; j < 16; j++) sum += (target[i * 16 + j] - output[i * 16 + j]) ** 2;
      expect(mse[i]).toBeCloseTo(sum / 16, 6);
      expect(summed.arraySync()[i]).toBeCloseTo(sum, 5);
    }
  });
});

describe("VAE: KL and sampling share the log-std convention", () => {
  test("KL equals the closed form KL(N(mu, s^2) || N(0, 1)) = (s^2 + mu^2 - 1) / 2 - log s", () => {
    const mu = [0, 1, -2, 0.5, 3];
    const sigma = [1, 1, 0.5, 2, 0.1];
    const kl = klDivergence(tf.tensor2d([mu]), tf.tensor2d([sigma.map(Math.log)])).arraySync()[0];
    mu.forEach((m, i) => {
      expect(kl[i]).toBeCloseTo((sigma[i] ** 2 + m ** 2 - 1) / 2 - Math.log(sigma[i]), 5);
    });
    // The standard normal is the prior itself.
    expect(kl[0]).toBeCloseTo(0, 7);
  });

  test("z = mu + exp(log_sigma) * eps has mean mu and standard deviation exp(log_sigma)", () => {
    const n = 20000;
    const mu = tf.tensor2d([[2, -1]]).tile([n, 1]) as tf.Tensor2D;
    const logSigma = tf.tensor2d([[Math.log(0.5), Math.log(3)]]).tile([n, 1]) as tf.Tensor2D;
    const z = sampleLatent(mu, logSigma, 11);
    const {mean, variance} = tf.moments(z, 0);
    const [m, v] = [mean.arraySync() as number[], variance.arraySync() as number[]];
    // Standard errors: sigma / sqrt(n) for the mean (0.0035, 0.021), ~sigma^2 sqrt(2 / n) for the variance.
    expect(m[0]).toBeCloseTo(2, 1);
    expect(Math.abs(m[1] + 1)).toBeLessThan(0.1);
    expect(Math.abs(Math.sqrt(v[0]) - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(Math.sqrt(v[1]) - 3)).toBeLessThan(0.1);
    // The same seed draws the same latents.
    expect(sampleLatent(mu, logSigma, 11).arraySync()).toEqual(z.arraySync());
  });

  test("KL is the Monte Carlo average of log q(z|x) - log p(z) over sampled z", () => {
    const n = 40000;
    const [m, s] = [0.7, 0.4];
    const z = sampleLatent(
      tf.fill([n, 1], m) as tf.Tensor2D,
      tf.fill([n, 1], Math.log(s)) as tf.Tensor2D,
      5
    ).dataSync();
    let sum = 0;
    for (const x of z) {
      const logQ = -0.5 * ((x - m) / s) ** 2 - Math.log(s);
      const logP = -0.5 * x * x;
      sum += logQ - logP;
    }
    const closed = klDivergence(tf.tensor2d([[m]]), tf.tensor2d([[Math.log(s)]])).dataSync()[0];
    expect(Math.abs(sum / n - closed)).toBeLessThan(0.02);
  });

  test("the VAE loss is reconstruction + beta * KL, with KL the sum of its per-dimension parts", () => {
    const model = buildModel({model: "dense-vae", latentDim: 3, hidden: 16});
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, "float32", 3);
    const options = {...defaultLossOptions(model), klWeight: 0.25};
    const loss = computeLoss(model, x, x, options, 9);
    const values = unpackLoss(packLoss(loss).dataSync() as Float32Array, true);
    expect(values.klPerDim).toHaveLength(3);
    const klSum = (values.klPerDim ?? []).reduce((a, b) => a + b, 0);
    expect(values.kl).toBeCloseTo(klSum, 4);
    expect(values.total).toBeCloseTo(values.reconstruction + 0.25 * klSum, 3);
    // The same sampling seed gives the same loss; another gives another.
    const again = computeLoss(model, x, x, options, 9).total.dataSync()[0];
    const other = computeLoss(model, x, x, options, 10).total.dataSync()[0];
    expect(again).toBe(values.total);
    expect(other).not.toBe(values.total);
    model.dispose();
  });
});

describe("binaryCrossEntropy's one-pass kernels", () => {
  for (const backend of ["wasm", "cpu"]) {
    test(`equal the formula's loss and gradient on ${backend}, clipped pixels included`, async () => {
      await tf.setBackend(backend);
      registerFastKernels();
      const target = tf.randomUniform([3, 4, 4, 1], 0, 1, "float32", 5);
      // Some outputs at exactly 0 and 1, where the clip holds them and the gradient is 0.
      const output = tf
        .randomUniform([3, 4, 4, 1], 0, 1, "float32", 6)
        .mul(tf.scalar(1.2))
        .sub(tf.scalar(0.1))
        .clipByValue(0, 1);
      const weights = tf.tensor1d([1, -2, 0.5]);
      const ours = tf.grad((p: tf.Tensor) => binaryCrossEntropy(target, p).mul(weights).sum())(output);
      expect(tf.getKernel("AutoencodersLabBceGrad", backend)).toBeDefined();
      useReferenceKernels();
      const stock = tf.grad((p: tf.Tensor) => binaryCrossEntropy(target, p).mul(weights).sum())(output);
      registerFastKernels();
      const [a, b] = [ours.dataSync(), stock.dataSync()];
      // The loss itself: the SIMD module's logarithm against tf's Log.
      registerFastKernels();
      const lossOurs = binaryCrossEntropy(target, output).dataSync();
      useReferenceKernels();
      const lossStock = binaryCrossEntropy(target, output).dataSync();
      registerFastKernels();
      lossOurs.forEach((v, i) => expect(Math.abs(v - lossStock[i]) / lossStock[i]).toBeLessThan(1e-6));
      expect(Array.from(a).filter((v) => v === 0).length).toBeGreaterThan(0);
      a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 4));
      tf.dispose([target, output, weights, ours, stock]);
    });
  }
});

test("the SIMD module's logarithm is within 2 float32 ulps of the true one, from the clip's floor up to 1", async () => {
  await tf.setBackend("wasm");
  registerFastKernels();
  // Target 1: each row's loss is -log(p). Rows of four equal pixels, p from 1e-7 up to near 1.
  const ps = Array.from({length: 400}, (_, i) => Math.fround(10 ** (-7 + (7 * i) / 400)));
  const output = tf.tensor2d(
    ps.flatMap((p) => [p, p, p, p]),
    [ps.length, 4]
  );
  const losses = binaryCrossEntropy(tf.onesLike(output), output).dataSync();
  ps.forEach((p, i) => {
    const exact = -Math.log(Math.max(p, 1e-7));
    expect(Math.abs(losses[i] - exact)).toBeLessThanOrEqual(Math.max(2 * 2 ** -23 * Math.abs(exact), 1e-12));
  });
  output.dispose();
});
