// The typed messages between a lesson page and its training worker (src/train-worker.ts).
import type {BackendChoice, BackendPreference} from "../backend/names.js";
import type {WasmPaths} from "../backend/browser.js";
import type {CheckpointNote} from "../checkpoints/manifest.js";
import type {Corruption} from "../images/corruptions.js";
import type {DenoisingCurve} from "../images/psnr-curve.js";
import type {NoiseKind} from "../images/noise.js";
import type {ModelConfig} from "../models/config.js";
import type {Language} from "../i18n/index.js";
import type {Evaluation} from "./evaluation.js";
import type {TrainEvent} from "./loop.js";
import type {SessionSettings, SessionStatus} from "./session.js";

/** Questions the page asks about the current model; the worker answers between training batches. */
export interface Queries {
  /** Codes of the first `count` test images (VAEs: the means), with their labels. */
  embed: {request: {count: number}; answer: {codes: Float32Array; dims: number; labels: Uint8Array}};
  /** Loss, PSNR and SSIM on the first `count` test images, optionally corrupted. */
  evaluate: {request: {count: number; corruption?: Corruption}; answer: Evaluation};
  /** TensorFlow.js memory in the worker: tests check that slider play leaks nothing. */
  memory: {request: Record<string, never>; answer: {numTensors: number; numBytes: number}};
  /** PSNR of noisy inputs and of the model's outputs at each noise level, over the first `count` test images. */
  "denoising-curve": {request: {count: number; kind: NoiseKind; levels: number[]}; answer: DenoisingCurve};
  /** The model's outputs for images the page sends (`count` images in the model's input shape, values 0-1). */
  reconstruct: {request: {images: Float32Array; count: number}; answer: {outputs: Float32Array}};
  /** The first `count` test images on their top `dims` principal components (PCA fitted to those same images). */
  pca: {
    request: {count: number; dims: number};
    answer: {codes: Float32Array; dims: number; labels: Uint8Array; variances: number[]};
  };
  /** kNN accuracy of labelled points: each point of the second half is classified by its `k` nearest of the first. */
  knn: {request: {codes: Float32Array; dims: number; labels: Uint8Array; k: number}; answer: {accuracy: number}};
}
export type QueryKind = keyof Queries;

export type PageMessage =
  | {
      type: "init";
      /** The page's language: the worker writes what the reader sees (checkpoint notes, problems) in it. */
      language: Language;
      backend: BackendPreference;
      wasmPaths: WasmPaths;
      trainUrl: string;
      testUrl: string;
      /** Test images evaluated after each epoch. */
      validationImages: number;
      /** Pretrained checkpoints: the manifest's URL, and each file's URL by file name. */
      checkpoints?: {manifestUrl: string; files: Record<string, string>};
      /** The page (its path) whose trained models this browser keeps (lib/training/saved-models.ts); absent: none. */
      savedModels?: {page: string};
      /** The device's cores (the page's navigator.hardwareConcurrency): with a core to spare for the page, wasm
       *  training splits its batches over a second worker (lib/training/data-parallel.ts). */
      cores: number;
    }
  | {type: "configure"; settings: SessionSettings; start: boolean}
  | {type: "train"}
  | {type: "pause"}
  /** One batch, then paused. */
  | {type: "step"}
  | {type: "reset"}
  /** Replaces the model's weights (a checkpoint, or the weights of a worker being replaced). */
  | {type: "load-weights"; config: ModelConfig; weights: Float32Array[]}
  | {[K in QueryKind]: {type: "query"; id: number; kind: K; request: Queries[K]["request"]}}[QueryKind];

export type WorkerMessage =
  /** Sent once the backend runs and the test set is in; the training set loads later, when a run needs it. */
  | {type: "ready"; backend: BackendChoice; testImages: number}
  | {type: "status"; status: SessionStatus}
  | {type: "model"; config: ModelConfig; params: number}
  /** The new model starts from a pretrained checkpoint (or from random weights, when none fits): say so. */
  | ({type: "checkpoint"} & CheckpointNote)
  | {type: "train"; runId: number; event: TrainEvent}
  /** The model's current weights, in the order of modelVariables() (lib/models/weights.ts), for the page's copy. */
  | {type: "weights"; config: ModelConfig; weights: Float32Array[]}
  /** The model, with this many steps in all, is now kept in this browser (a reload restores it). */
  | {type: "saved"; steps: number}
  | {type: "answer"; id: number; answer: Queries[QueryKind]["answer"]}
  | {type: "failed"; id?: number; message: string};
