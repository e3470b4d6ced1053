// Adam with one kernel per variable and step (lib/backend/kernels/adam.ts) where the backend has it (wasm, cpu), the
// stock update elsewhere. A subclass of tf's AdamOptimizer, so its state (iterations, first and second moments)
// saves, loads and resumes exactly as the stock optimizer's does.
import * as tf from "@tensorflow/tfjs";
import {ADAM_UPDATE, type AdamUpdateAttrs} from "../backend/kernels/adam.js";
import {applyFusedUpdates, type SlotList} from "./fused-update.js";

// The stock optimizer's state, which its type declares private.
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: SlotList;
  accumulatedSecondMoment: SlotList;
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  static override get className(): string {
    // Saved optimizers name the class: ours saves and loads as tf's Adam.
    return "Adam";
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer["applyGradients"]>[0]): void {
    if (!tf.getKernel(ADAM_UPDATE, tf.getBackend())) return super.applyGradients(variableGradients);
    const state = this as unknown as AdamState;
    const attrs: AdamUpdateAttrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      correction1: 1 - state.accBeta1.dataSync()[0],
      correction2: 1 - state.accBeta2.dataSync()[0]
    };
    const slots = [
      {list: state.accumulatedFirstMoment, input: "m", suffix: "m"},
      {list: state.accumulatedSecondMoment, input: "v", suffix: "v"}
    ];
    applyFusedUpdates(ADAM_UPDATE, variableGradients, slots, attrs, () => {
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}
