// Training on two cores: each batch is split in two, a peer (another worker with its own TensorFlow.js) computes the
// gradients of the second half from this step's weights while the training loop computes the first half's, and the
// loop applies their size-weighted mean: the gradient of the whole batch's mean loss, as one thread would take it.
// The peer keeps no state between steps (no optimizer: the weights come with each request), so it cannot drift from
// the model and any optimizer works. Per step that is the weights one way and the gradients back (for the lesson's
// conv autoencoder 28 K numbers, for the dense VAE 0.8 M). The tfjs wasm backend's own threads (XNNPACK's pool) gave
// these small models next to nothing on two cores; two whole training steps side by side do.
import * as tf from "@tensorflow/tfjs";
import type {Dataset} from "../data/dataset.js";
import type {Corruption} from "../images/corruptions.js";
import type {Autoencoder} from "../models/autoencoder.js";
import type {ModelConfig} from "../models/config.js";
import {buildModel} from "../models/registry.js";
import {trainableVariables} from "../models/weights.js";
import {datasetToTensor, modelInput, range} from "./inputs.js";
import {batchGradients, type LossOptions} from "./losses.js";

/** What the loop asks its peer for: the gradients of the images of `data` (the second half batch) under `weights`. */
export interface GradientRequest {
  weights: Float32Array[];
  data: Dataset;
  corruptionSeed: number;
  samplingSeed: number;
}

export interface GradientAnswer {
  /** In the order of the model's trainable variables. */
  grads: Float32Array[];
  /** packLoss() of the peer's half. */
  loss: Float32Array;
}

export type PeerRequest =
  | {type: "peer-init"; config: ModelConfig; loss: LossOptions; corruption?: Corruption}
  | ({type: "peer-step"; id: number} & GradientRequest);

export type PeerReply =
  ({type: "peer-gradients"; id: number} & GradientAnswer) | {type: "peer-failed"; message: string};

/** The two ends' message channel (a Worker, or the worker's own global scope). */
export interface PeerPort<Out, In> {
  postMessage(message: Out, transfer: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<In>) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent<In>) => void): void;
}

/** Up to this many weights, exchanging them and the gradients each step costs less than half a batch's work. */
const MOST_WEIGHTS_WORTH_SPLITTING = 200_000;

/**
 * Whether splitting batches pays for `model`, measured on this 2-core machine (bench/browser, two workers against
 * one): the conv autoencoder (28 K weights) trains 1.2-1.4x faster, the dense VAE (0.8 M) slower. Adversarial
 * autoencoders take three steps per batch and stay on one thread.
 */
export function isWorthSplitting(model: Autoencoder): boolean {
  if (model.discriminator) return false;
  return trainableVariables(model).reduce((sum, v) => sum + v.size, 0) <= MOST_WEIGHTS_WORTH_SPLITTING;
}

/** A tensor's values in an array of their own (cpu's dataSync hands out the backend's storage), to transfer. */
export function ownValues(tensor: tf.Tensor): Float32Array {
  const values = tensor.dataSync() as Float32Array;
  return tf.getBackend() === "wasm" ? values : values.slice();
}

/** The loop's end: one peer worker, asked for one half batch at a time. */
export class GradientPeer {
  private nextId = 1;
  private pending = new Map<number, {resolve(answer: GradientAnswer): void; reject(error: Error): void}>();
  private failure?: Error;
  private readonly listener = (event: MessageEvent<PeerReply>): void => {
    const reply = event.data;
    if (reply.type === "peer-failed") {
      this.failure = new Error(`the second training worker failed: ${reply.message}`);
      for (const {reject} of this.pending.values()) reject(this.failure);
      this.pending.clear();
    } else if (reply.type === "peer-gradients") {
      this.pending.get(reply.id)?.resolve(reply);
      this.pending.delete(reply.id);
    }
  };

  constructor(private readonly port: PeerPort<PeerRequest, PeerReply>) {
    port.addEventListener("message", this.listener);
  }

  /** Sets the peer up for a run: its model (random weights: each request brings the real ones) and loss. */
  start(model: Autoencoder, loss: LossOptions, corruption: Corruption | undefined): void {
    this.port.postMessage({type: "peer-init", config: model.config, loss, corruption}, []);
  }

  gradients(request: GradientRequest): Promise<GradientAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve, reject});
      this.port.postMessage({type: "peer-step", id, ...request}, [
        ...request.weights.map((w) => w.buffer),
        request.data.images.buffer,
        request.data.labels.buffer
      ]);
    });
  }

  dispose(): void {
    this.port.removeEventListener("message", this.listener);
  }
}

/** The peer's end: answers gradient requests on `port` until closed (or the worker is terminated). */
export function serveGradients(port: PeerPort<PeerReply, PeerRequest>): {close(): void; readonly answered: number} {
  let answered = 0;
  let setup: {model: Autoencoder; variables: tf.Variable[]; request: PeerRequest & {type: "peer-init"}} | undefined;
  const listener = (event: MessageEvent<PeerRequest>): void => {
    const message = event.data;
    try {
      if (message.type === "peer-init") {
        setup?.model.dispose();
        const model = buildModel(message.config);
        setup = {model, variables: trainableVariables(model), request: message};
        return;
      }
      if (message.type !== "peer-step") return;
      if (!setup) throw new Error("a gradient request before peer-init");
      const {model, variables, request} = setup;
      tf.tidy(() => variables.forEach((v, i) => v.assign(tf.tensor(message.weights[i], v.shape))));
      const {grads, packed} = tf.tidy(() => {
        const clean = datasetToTensor(message.data, range(0, message.data.count));
        const input = modelInput(model, clean, request.corruption, message.corruptionSeed);
        return batchGradients(model, variables, input, clean, request.loss, message.samplingSeed);
      });
      const arrays = grads.map(ownValues);
      const loss = ownValues(packed);
      tf.dispose([...grads, packed]);
      answered++;
      port.postMessage({type: "peer-gradients", id: message.id, grads: arrays, loss}, [
        ...arrays.map((a) => a.buffer),
        loss.buffer
      ]);
    } catch (error) {
      port.postMessage({type: "peer-failed", message: error instanceof Error ? error.message : String(error)}, []);
    }
  };
  port.addEventListener("message", listener);
  return {
    get answered() {
      return answered;
    },
    close: () => {
      port.removeEventListener("message", listener);
      setup?.model.dispose();
      setup = undefined;
    }
  };
}
