// Adam with one kernel per variable and step (lib/backend/kernels/adam.ts) where the backend has it (wasm, cpu), the
// stock update elsewhere. A subclass of tf's AdamOptimizer, so its state (iterations, first and second moments)
// saves, loads and resumes exactly as the stock optimizer's does.
import * as tf from "@tensorflow/tfjs";
import {ADAM_UPDATE, type AdamUpdateAttrs} from "../backend/kernels/adam.js";

// The stock optimizer's state, which its type declares private.
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: {originalName: string; variable: tf.Variable}[];
  accumulatedSecondMoment: {originalName: string; variable: tf.Variable}[];
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  static override get className(): string {
    // Saved optimizers name the class: ours saves and loads as tf's Adam.
    return "Adam";
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer["applyGradients"]>[0]): void {
    if (!tf.getKernel(ADAM_UPDATE, tf.getBackend())) return super.applyGradients(variableGradients);
    const state = this as unknown as AdamState;
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({name, tensor}));
    const attrs: AdamUpdateAttrs = {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      correction1: 1 - state.accBeta1.dataSync()[0],
      correction2: 1 - state.accBeta2.dataSync()[0]
    };
    tf.tidy(() => {
      named.forEach(({name, tensor: gradient}, i) => {
        const variable = tf.engine().registeredVariables[name];
        const moment = (slot: AdamState["accumulatedFirstMoment"], suffix: string): tf.Variable =>
          (slot[i] ??= {
            originalName: `${name}/${suffix}`,
            variable: tf.tidy(() => tf.zerosLike(variable).variable(false))
          }).variable;
        const m = moment(state.accumulatedFirstMoment, "m");
        const v = moment(state.accumulatedSecondMoment, "v");
        if (gradient == null) return;
        const [x1, m1, v1] = tf
          .engine()
          .runKernel(ADAM_UPDATE, {variable, m, v, gradient}, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(m1);
        v.assign(v1);
        variable.assign(x1);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}
