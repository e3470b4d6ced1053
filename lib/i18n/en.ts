// Every interface string of the English edition, by the component (or part of the site) that shows it. The
// Indonesian module (./id.ts) has the same shape: the type Strings is this object's, so a missing translation is a
// type error. Terms come from the shared glossary (./glossary.ts). Functions build strings with numbers in them;
// they format numbers with the language's own separators (formatNumber).
import {GLOSSARY} from "./glossary.js";
import {formatNumber} from "./numbers.js";

const n = (value: number, digits?: number): string => formatNumber("en", value, digits === undefined ? {} : {digits});

/** The end of a loss chart: the smoothed training loss after `step` steps, and the latest test loss, if any. */
export interface LatestLoss {
  value: number;
  step: number;
  test?: number;
}

const lossSummary = ({value, step, test}: LatestLoss): string =>
  `${n(value, 4)} on training batches after ${n(step)} steps` +
  (test === undefined ? "" : `, ${n(test, 4)} on test images`);

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
  denoiserOnClothes: {
    noisyDigits: "Noisy digits",
    denoisedDigits: "Denoised digits",
    noisyClothes: "Noisy clothes",
    denoisedClothes: "Denoised clothes",
    loading: "Loading the trained denoiser…",
    failed: (reason: string) => `The denoiser could not be loaded: ${reason}`,
    summary: (digits: string, clothes: string) =>
      `The denoiser gains ${digits} on digits and ${clothes} on clothes, at the same noise.`,
    decibels: (value: number) => `${value >= 0 ? "+" : "−"}${formatNumber("en", Math.abs(value), {digits: 1})} dB`
  },
  noiseToSuperResolution: {
    button: "Feed the ×4 model pure noise",
    again: "New noise",
    input: "Pure noise, 7 × 7",
    output: "What the ×4 model draws from it",
    loading: "Loading the ×4 model…",
    failed: (reason: string) => `The ×4 model could not be loaded: ${reason}`
  },
  weightsFile: {
    download: "Download weights",
    load: "Load weights",
    notReady: "The model is still loading.",
    downloaded: (file: string) => `Saved the current weights as ${file}.`,
    loaded: (file: string) => `Loaded the weights of ${file}.`,
    refused: (file: string, reason: string) => `${file} was not loaded: ${reason}. Nothing changed.`
  },
  lessonNumber: {
    lesson: (loss: string, epochs: number, batch: number) =>
      `The lesson's notebook: test loss ${loss} after ${epochs} epochs at batch ${batch}.`,
    ours: (loss: string, epochs: number) =>
      `This site's checkpoint: ${loss} after ${epochs} epochs, on the same 10,000 test images.`,
    training: "This site's checkpoint for it is still training: its number comes when it reaches its plateau.",
    /** HTML: the VAE's two KL formulas, measured on the shipped checkpoint (all numbers formatted). */
    klGap: (trueLoss: string, notebookLoss: string, gap: string, lesson: string, count: string) =>
      `The lesson's notebook writes the KL term as −½ Σ (1 + z_log_sigma − μ² − exp(z_log_sigma)), which is the ` +
      `KL only if z_log_sigma is the log of the <em>variance</em>; but it samples with exp(z_log_sigma) as the ` +
      `<em>standard deviation</em>. With its own sampling, that formula understates the KL (never overstates it). ` +
      `This page and every checkpoint use the true KL, above. Measured on the shipped dense VAE (2-D code) over the ` +
      `${count} test digits: a loss of ${trueLoss} with the true KL and ${notebookLoss} with the notebook's formula, ` +
      `${gap} lower. The second is the one to set beside the notebook's own ${lesson}.`,
    klTraining: "The shipped dense VAE is still training: the two formulas' numbers come when it reaches its plateau."
  },
  quiz: {
    heading: "Check yourself",
    right: "Right.",
    wrong: "Not quite.",
    choose: "Choose an answer to see whether it is right, and why."
  },
  numbers: {
    /** "20,000 images" */
    images: (count: number) => `${n(count)} image${count === 1 ? "" : "s"}`,
    decimal: n,
    /** "18.2 dB" */
    decibels: (value: number) => `${n(value, 1)} dB`,
    /** A share (0-1) as a percentage: "87.5%" */
    percent: (share: number) => `${n(100 * share, 1)}%`
  },
  /** Phrases several components share. */
  common: {
    building: "Building the model…",
    loadingModel: "Loading the model…",
    waitingForModel: "Waiting for the model…",
    measureAgain: "Measure again",
    encoding: (count: number) => `Encoding ${n(count)} test digits…`,
    afterSteps: (steps: number) => `after ${n(steps)} training steps`,
    fromCheckpoint: "from a pretrained checkpoint"
  },
  /** The TensorFlow.js backends (lib/backend/selection.ts says why one was skipped; the controls show it). */
  backends: {
    names: {
      auto: "Automatic",
      webgpu: "WebGPU",
      webgl: "WebGL",
      wasm: "WebAssembly",
      cpu: "CPU (plain JavaScript)"
    },
    notOffered: "not offered here",
    noAdapter: "no GPU adapter available",
    softwareRenderer: (renderer: string) => `software renderer (${renderer}), slower than WebAssembly`,
    failedToStart: "failed to start",
    noneStarted: (reasons: string) => `no TensorFlow.js backend could start: ${reasons}`
  },
  /** src/components/training-controls.ts */
  trainingControls: {
    stepTitle: "Train on one batch, then pause",
    trainMore: "Train more",
    resetTitle: "Start over from random weights",
    backend: "Backend",
    backendSummary: (name: string) => `Backend: ${name}`,
    /** `skipped`: "WebGPU: no GPU adapter available; ..." or "". */
    runningOn: (name: string, skipped: string) => `Running on ${name}${skipped ? ` (skipped ${skipped})` : ""}.`,
    progress: "Progress of this training run",
    phases: {
      loading: "Loading the data and starting TensorFlow.js…",
      idle: "Ready",
      training: "Training",
      paused: "Paused"
    },
    epoch: (epoch: number) => `epoch ${n(epoch)}`,
    step: (step: number) => `step ${n(step)}`,
    loss: (loss: string) => `loss ${loss}`,
    speed: (perSecond: number) => `${n(Math.round(perSecond))} images/s`,
    adversarialParts: (discriminator: number, generator: number) =>
      ` (discriminator ${n(discriminator, 3)}, encoder's adversarial ${n(generator, 3)})`,
    vaeParts: (reconstruction: number, kl: number) => ` (reconstruction ${n(reconstruction, 2)} + KL ${n(kl, 2)})`,
    /** The caption over the row of outputs (phones only; screen readers hear the picture's label). */
    resultCaption: "The model's latest outputs for ten test digits",
    result: (count: number, when: string) => `The model's latest outputs for the ${n(count)} test digits, ${when}`,
    beforeTraining: "before training"
  },
  /** lib/checkpoints/manifest.ts: where a new model's weights came from. */
  checkpoints: {
    none: "No checkpoint for this model: it starts from random weights.",
    trained: (epochs: number, loss: number) =>
      `trained ${n(epochs)} epoch${epochs === 1 ? "" : "s"} (test loss ${formatNumber("en", loss, {maxDigits: 4})})`,
    exact: (trained: string) => `Started from a checkpoint ${trained}; Train continues from there.`,
    nearest: (asked: string, used: string, trained: string) =>
      `No checkpoint for ${asked}: started from the one for ${used}, ${trained}.`,
    noNoise: "no noise",
    noiseLevel: (level: number) => `${GLOSSARY.noiseLevel.en} ${n(level)}`,
    /** Said after the level, for noise other than Gaussian. */
    noiseKinds: {gaussian: "", "salt-pepper": " (salt and pepper)", mask: " (masking)"},
    noiseMean: (mean: number) => `, noise mean ${n(mean)}`,
    klWeight: (weight: number) => `${GLOSSARY.klWeight.en} ${n(weight)}`,
    failed: (reason: string) => `The checkpoint failed to load (${reason}): random weights.`,
    /** A model the reader trained on this page, kept in this browser (lib/training/saved-models.ts). */
    restored: (steps: number) =>
      `Restored the model you trained in this browser (${n(steps)} step${steps === 1 ? "" : "s"}); Reset starts over from random weights.`
  },
  /** src/train-worker.ts: problems the worker reports. */
  worker: {
    notReady: "the worker is not initialised",
    commandBeforeInit: "the worker got a command before init",
    noUrl: (file: string) => `no URL for ${file}`
  },
  /** src/components/trainer.ts, trainer-state.ts, worker-client.ts: problems shown under the controls. */
  trainer: {
    stopped: (reason: string) => `Training stopped: ${reason}. Lower the learning rate or press Reset.`,
    diverged: (loss: number, step: number) => `loss became ${Number.isNaN(loss) ? "NaN" : n(loss)} at step ${n(step)}`,
    workerFailed: (message: string) => `The training worker failed: ${message}`,
    pageBackendFailed: (message: string) => `TensorFlow.js did not start on this page: ${message}`,
    workerReplaced: "the training worker was replaced",
    disposed: "the trainer was disposed"
  },
  /** src/components/architecture-diagram.ts */
  architecture: {
    inputImage: "input image",
    halves: {encoder: GLOSSARY.encoder.en, code: GLOSSARY.code.en, decoder: GLOSSARY.decoder.en},
    /** The layers, as TensorFlow.js names them. */
    layers: {
      conv: (kernel: number) => `conv ${kernel}×${kernel}`,
      maxPool: "max-pool ÷2",
      upsample: "upsample ×2",
      dense: "dense",
      flatten: "flatten",
      reshape: "reshape"
    },
    /** Short enough to sit above a narrow box. */
    short: {
      input: "input",
      conv: "conv",
      maxPool: "pool",
      upsample: "up",
      dense: "dense",
      flatten: "flatten",
      reshape: "reshape"
    },
    box: (operation: string, shape: string, count: number) => `${operation}: ${shape} (${n(count)} numbers)`,
    label: (shapes: string) => `Autoencoder architecture: ${shapes}`
  },
  /** src/components/digit-grid.ts */
  digitGrid: {
    classGrid: (perClass: number, classes: number) =>
      `${n(perClass)} example images of each of the ${n(classes)} classes, one class per row`
  },
  /** src/components/drawing-pad.ts */
  drawingPad: {
    label: "Drawing pad: draw a digit with the mouse, a pen or a finger",
    clear: "Clear",
    example: "Draw an example"
  },
  /** src/components/denoising-view.ts (and the PSNR curve's series) */
  denoising: {
    clean: "Clean",
    noisy: "Noisy input",
    denoised: "Denoised",
    psnr: "PSNR (higher is better)",
    noNoise: "no noise",
    note: (count: number, ms: number, untrained: boolean) =>
      `PSNR averaged over these ${n(count)} digits. Redrawn in ${n(Math.round(ms))} ms.` +
      (untrained ? " The denoiser is untrained: press Train to teach it." : "")
  },
  /** src/components/error-comparison.ts */
  errorComparison: {
    axis: "Mean squared error per pixel (lower is better) →",
    mean: (error: number) => `mean ${n(error, 4)}`,
    group: (name: string, error: number) => `${name} ${n(error, 4)}`,
    label: (groups: string) =>
      `Reconstruction error of each image, one row per group; mean squared error per pixel: ${groups}`
  },
  /** src/components/image-table.ts: the headings screen readers hear. */
  imageTable: {version: "Version", digits: "Digits"},
  /** src/components/kl-bars.ts */
  klBars: {
    axis: "KL to the prior (nats)",
    active: "active",
    collapsed: "collapsed",
    label: (dims: number, active: number, threshold: number) =>
      `Bar chart of the KL divergence to the prior of each of the ${n(dims)} latent dimensions: ${n(active)} above ` +
      `the threshold of ${n(threshold)} nats (active), ${n(dims - active)} below it`
  },
  /** src/components/loss-canvas.ts and loss-curves.ts */
  lossChart: {
    loss: "Loss",
    train: "training batches (smoothed)",
    test: "test images (after each epoch)",
    step: "Training step",
    empty: "Press Train to see the loss fall",
    /** The canvas chart's text alternative; `latest` undefined before training. */
    canvasLabel: (label: string, latest?: LatestLoss) =>
      latest ? `${label}: ${lossSummary(latest)}` : `${label}: no training yet`,
    chartLabel: (label: string, latest?: LatestLoss) =>
      latest
        ? `Line chart of ${label} against the training step: ${lossSummary(latest)}`
        : `Line chart of ${label}: no training yet`
  },
  /** src/components/psnr-curve.ts */
  psnrCurve: {
    axis: "PSNR (dB)",
    identical: "identical",
    label: (level: number, noisy: string, denoised: string) =>
      `Line chart of PSNR against noise level, for the noisy input and the denoised output; at level ${n(level)}, ` +
      `noisy ${noisy}, denoised ${denoised}`
  },
  /** src/components/reconstruction-view.ts */
  reconstruction: {error: "Mean squared error per pixel", reconstruction: "Reconstruction", difference: "|Difference|"},
  /** src/components/super-resolution-view.ts */
  superResolution: {
    input: (side: number) => `Input (${side}×${side})`,
    nearest: "Nearest neighbour",
    bicubic: "Bicubic",
    model: "Model",
    target: "Target (28×28)",
    psnr: "PSNR",
    ssim: "SSIM",
    note: (count: number, untrained: boolean) =>
      untrained
        ? `Scores are averages over these ${n(count)} digits. The model is untrained: press Train.`
        : `Scores are averages over these ${n(count)} digits, against the target row.`
  },
  /** src/components/autoencoder-codes.ts */
  autoencoderCodes: {
    digit: (label: number) => `Digit ${label}`,
    code: (label: number) => `Code of the digit ${label}`,
    random: (count: number) => `${n(count)} digits decoded from random codes`,
    clean: "Reconstructions from the clean codes",
    noisy: (level: number) => `Decoded from the codes moved by noise of ${n(level)} times their spread`
  },
  /** src/components/ae-vs-vae.ts */
  aeVsVae: {
    vaeLine: "VAE: the straight line between the two means",
    vaeLineLabel: "VAE: decoded line between two codes",
    aeLine: "Plain autoencoder: the straight line between the two codes",
    aeLineLabel: "Plain autoencoder: decoded line between two codes",
    vaePrior: "VAE: ten codes drawn from N(0, I)",
    vaePriorLabel: "VAE: decoded codes drawn from the prior",
    aePrior: "Plain autoencoder: the same ten codes",
    aePriorLabel: "Plain autoencoder: decoded codes drawn from N(0, I)",
    /** HTML. */
    trainFirst: "Press <strong>Train</strong> just above to train the plain autoencoder, then compare."
  },
  /** src/components/vae-interpolation.ts */
  vaeInterpolation: {
    latentRow: "In latent space (VAE)",
    latentLabel: "Decoded points on the line between two codes",
    pixelRow: "In pixel space",
    pixelLabel: "Pixel-wise blend of the two digits"
  },
  /** src/components/vae-kl-per-dimension.ts (HTML, with numbers the only values put in) */
  vaeKl: {
    untrained: "Press <strong>Train</strong>: one bar per latent dimension will show how much information it carries.",
    active: (active: number, dims: number, threshold: number) =>
      `<strong>${active} of ${dims}</strong> latent dimension${dims === 1 ? " is" : "s are"} active: their KL to the ` +
      `prior, averaged over the last 20 training steps, is above ${n(threshold)} nats (the dashed line).`,
    collapse: (collapsed: number, dims: number) => {
      const them = collapsed === 1 ? "it" : "them";
      return (
        `<strong>Posterior collapse:</strong> ${collapsed === dims ? "every" : n(collapsed)} ` +
        `dimension${collapsed === 1 ? "" : "s"} ${collapsed === 1 ? "carries" : "carry"} no information about the ` +
        `image. For ${them}, the encoder outputs the prior itself (μ = 0, σ = 1) whatever the digit, and the decoder ` +
        `has learned to ignore ${them}. ` +
        (collapsed === dims
          ? "The decoder now draws the same average digit for every input. Lower the KL weight to bring the code back."
          : "Some of this is normal with many dimensions: the VAE only pays the KL price for the dimensions it needs. " +
            "A larger KL weight collapses more of them.")
      );
    }
  },
  /** src/components/vae-latent-scatter.ts */
  vaeScatter: {
    caption: (count: number, where: string) => `Means of ${n(count)} test digits, ${where}.`,
    alongOneDimension: "along the single latent dimension",
    inTwoDimensions: "in the 2-D latent space",
    onPrincipalComponents: "projected on their first two principal components",
    alongDimensions: (x: string, y: string) => `along ${x} and ${y}`,
    firstComponent: "First principal component",
    secondComponent: "Second principal component",
    pickHint: "Click or drag anywhere on the plane: the decoder draws the digit for that point.",
    decodedAt: (x: number, y: number) => `The digit decoded at (${n(x, 2)}, ${n(y, 2)})`
  },
  /** src/components/vae-loss-curves.ts */
  vaeLossCurves: {
    reconstruction: "Reconstruction",
    reconstructionAxis: "Squared error (sum over pixels)",
    kl: "KL divergence",
    klAxis: "KL (nats)",
    total: "Their sum, as optimised: reconstruction + β × KL",
    totalAxis: "Total loss"
  },
  /** src/components/vae-loss.ts */
  vaeLoss: {
    reconstruction: "reconstruction",
    /** HTML. */
    caption: "The code that computes it, from <code>lib/training/losses.ts</code>:",
    code: "The loss in the training code"
  },
  /** src/components/vae-assignment-solution.ts */
  vaeAssignment: {
    show: "Show a solution",
    /** HTML. */
    intro:
      "This site's convolutional VAE, the code that trains when you choose <strong>Convolutional VAE</strong> " +
      "above (from <code>lib/models/vae.ts</code>; its layers are the autoencoder's, in " +
      "<code>lib/models/conv-autoencoder.ts</code>):",
    code: "The convolutional VAE in the site's code",
    loading: "Loading the shipped models' losses…",
    caption: (samples: number, count: number) =>
      `Both shipped VAEs, 2-D code, trained on ${n(samples)} training digits to their plateau; loss per digit on the ${n(count)} test digits`,
    columns: ["Model", "Epochs", "Test loss", "Reconstruction", "KL"],
    dense: "Dense VAE (this page's default)",
    conv: "Convolutional VAE (the solution)",
    /** HTML. */
    verdict: (difference: string, convIsLower: boolean) =>
      `The convolutional VAE's test loss is ${difference} ${convIsLower ? "lower" : "higher"} than the dense VAE's, ` +
      `${convIsLower ? "with" : "and it has"} far fewer weights: its convolutions share theirs across the image, where ` +
      `each of the dense VAE's 512 units has one for every pixel. To train it live, choose ` +
      `<strong>Convolutional VAE</strong> under <em>Model</em> at the top of this page.`,
    notShipped: "The shipped models' losses are not in this build."
  },
  /** src/components/vae-manifold.ts */
  vaeManifold: {
    label: "Digits decoded from a grid of codes",
    alongOneDimension: (range: number) => `z1 from −${n(range)} to +${n(range)}, left to right.`,
    alongTwoDimensions: (x: number, y: number, range: number, othersAtZero: boolean) =>
      `z${x} from −${n(range)} to +${n(range)} left to right, z${y} from +${n(range)} to −${n(range)} top to bottom` +
      `${othersAtZero ? "; the other dimensions at 0" : ""}.`
  },
  /** src/components/vae-reconstructions.ts */
  vaeReconstructions: {
    originals: "Original test digits",
    reconstructions: "Their reconstructions from the mean code"
  },
  /** src/components/vae-samples.ts */
  vaeSamples: {label: "Digits decoded from codes drawn from N(0, I)"},
  /** src/components/latent-scatter.ts */
  latentScatter: {
    digit: "Digit",
    /** `y` undefined: 1-D codes, drawn against their digit. */
    label: (count: number, x: string, y?: string) =>
      `Scatter plot of ${n(count)} test digits, ${x}${y === undefined ? " against their digit" : ` against ${y}`}, coloured by digit`
  },
  /** src/components/aae-losses.ts */
  aaeLosses: {
    reconstruction: "Reconstruction (BCE)",
    reconstructionTitle: "Reconstruction: encoder and decoder",
    adversarialTitle: "Adversarial: discriminator against encoder",
    discriminator: "discriminator's loss",
    generator: "encoder's adversarial loss",
    chance: (d: number, g: number) => `D = ½ everywhere: ${n(d, 3)} and ${n(g, 3)}`,
    empty: "Press Train to see the discriminator and the encoder pull against each other",
    label: (d: number, g: number, step: number) =>
      `Adversarial losses after ${n(step)} steps: discriminator ${n(d, 3)}, encoder's adversarial loss ${n(g, 3)}`,
    labelEmpty: "Adversarial losses: no training yet"
  },
  /** src/components/prior-digits.ts */
  priorDigits: {
    label: (name: string, count: number) => `${name}: ${n(count)} digits decoded from codes drawn from N(0, I)`
  },
  /** src/components/prior-match.ts */
  priorMatch: {
    prior: (count: number) => `${n(count)} samples of the prior N(0, I)`,
    distance: "Energy distance to the prior",
    measuredOn: (codes: number, prior: number) => `${n(codes)} codes against ${n(prior)} prior samples`,
    preview: "from its pretrained checkpoint (computed when the site was built)",
    checkpoint: "from its pretrained checkpoint",
    random: "random weights, untrained",
    xLabel: "Code number 1",
    yLabel: "Code number 2"
  },
  /** Labels and formats written in the pages' code cells (src/*.md; the Indonesian pages run the same code). */
  pages: {
    data: {
      images: "Images",
      digit: "Digit",
      /** The tooltip's name for which set a bar counts. */
      split: "Split",
      splits: {train: "train", test: "test"},
      chart: (train: number, test: number) =>
        `Bar chart of the number of images of each digit, in the training set (${n(train)} images) and in the test ` +
        `set (${n(test)}): each digit is about a tenth of either`
    },
    whatIsAnAutoencoder: {
      model: "Model",
      models: {
        conv: "The lesson's convolutional autoencoder (code 4×4×8)",
        conv2: "The same with a 2-number code (for plotting)",
        dense: "A dense autoencoder (784 → 128 → 32)"
      }
    },
    autoencoder: {
      codeShape: (latent: number) =>
        latent === 128 ? "a 4 × 4 map with 8 channels" : `a list of ${n(latent)} number${latent === 1 ? "" : "s"}`,
      loading: "Reconstructions (the model is loading…)",
      originals: "Original test digits",
      fromCheckpoint: "a pretrained checkpoint",
      fromRandom: "random weights",
      /** `start`: fromCheckpoint or fromRandom. */
      when: (step: number, start: string) =>
        step ? `after ${n(step)} training steps from ${start}` : `before training: ${start}`,
      reconstructions: (when: string) => `Reconstructions ${when}`,
      originalsLabel: "Ten original test digits, 0 to 9",
      reconstructionsLabel: (when: string) => `Reconstructions of the ten test digits ${when}`,
      loss: "Binary cross-entropy per pixel",
      newCodes: "New random codes",
      codeNoise: "Code noise"
    },
    embeddings: {
      model: "Autoencoder",
      models: {dense: "Dense: 784 → 128 → 2", conv: "Convolutional: 28×28 → 4×4×8 → 2"},
      codeNumber: (i: number) => `Code number ${i}`,
      component: (i: number) => `Principal component ${i}`,
      untrained: "untrained: random weights",
      checkpointKnn: (dense: string, conv: string, pca: string) =>
        `${dense} for the dense autoencoder, ${conv} for the convolutional one, and ${pca} for PCA`,
      notMeasured: "not measured yet: they are being retrained"
    },
    denoising: {
      noiseType: "Noise type",
      kinds: {
        gaussian: "Gaussian",
        lesson: "The lesson's (Gaussian, mean 0.5)",
        "salt-pepper": "Salt and pepper",
        mask: "Masking"
      },
      /** The curve's caption names the noise so. */
      noises: {
        gaussian: "Gaussian noise",
        lesson: "The lesson's (Gaussian, mean 0.5) noise",
        "salt-pepper": "Salt and pepper noise",
        mask: "Masking noise"
      },
      curve: "Curve",
      notMeasured: (message: string) => `The curve could not be measured: ${message}`,
      axisGaussian: "Noise level (standard deviation) →",
      axisShare: "Noise level (share of pixels) →",
      caption: (noise: string, digits: number, seconds: number) =>
        `${noise}, the first ${n(digits)} test digits, measured in the training worker in ${n(seconds, 1)} s; the ` +
        `dashed line marks the slider. It is measured again after every epoch.`,
      loss: "Binary cross-entropy per pixel (against the clean digits)"
    },
    superResolution: {
      factor: "Upscaling factor",
      network: "Network",
      networks: {lesson: "The lesson's (with a bottleneck)", site: "Without a bottleneck"},
      loss: "Binary cross-entropy per pixel (against the 28 × 28 target)"
    },
    properties: {
      testDigits: "Test digits",
      clothes: "Clothes",
      drawing: "Your drawing",
      drawPrompt: "Draw a digit above (or press “Draw an example”) to see its reconstruction.",
      errors: "Errors",
      digitsSet: (count: number) => `${n(count)} test digits`,
      clothesSet: (count: number) => `${n(count)} pieces of clothing`,
      notMeasured: (message: string) => `The errors could not be measured: ${message}`,
      caption: (steps: number) =>
        `Each dot is one image's reconstruction error; the black tick is the mean. Measured in the training worker ` +
        `after ${n(steps)} training steps; measured again after every epoch and for each new drawing.`,
      loss: "Binary cross-entropy per pixel"
    },
    vae: {
      model: "Model",
      models: {"dense-vae": "Dense (784 → 512 → code)", "conv-vae": "Convolutional VAE"},
      beta: (beta: number) => `β = ${n(beta)}`,
      axes: "Axes",
      projections: {pca: "Principal components", dims: "Two latent dimensions"},
      horizontal: "Horizontal dimension",
      vertical: "Vertical dimension",
      gridRange: "Grid range (±σ)",
      newSamples: "Draw new samples",
      from: "From the test digit",
      to: "To the test digit"
    },
    adversarial: {
      aae: "Adversarial autoencoder",
      plain: "Plain autoencoder, same shape",
      newCodes: "Draw new codes",
      aaeRow: (count: number) => `Adversarial autoencoder: ${n(count)} codes drawn from N(0, I), decoded`,
      plainRow: (count: number) => `Plain autoencoder: the same ${n(count)} codes, decoded`
    }
  }
};

export type Strings = typeof en;
