// RMSprop (the lesson's optimizer for VAEs) with one kernel per variable and step (lib/backend/kernels/rmsprop.ts)
// where the backend has it (wasm, cpu), the stock update elsewhere and for the centred variant. A subclass of tf's
// RMSPropOptimizer, so its state (mean squares, moments) saves, loads and resumes as the stock optimizer's does.
import * as tf from "@tensorflow/tfjs";
import {RMSPROP_UPDATE, type RmspropUpdateAttrs} from "../backend/kernels/rmsprop.js";

// The stock optimizer's state and settings, which its type declares private.
interface RmspropState {
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
  accumulatedMeanSquares: {originalName: string; variable: tf.Variable}[];
  accumulatedMoments: {originalName: string; variable: tf.Variable}[];
}

export class FusedRmspropOptimizer extends tf.RMSPropOptimizer {
  static override get className(): string {
    // Saved optimizers name the class: ours saves and loads as tf's RMSProp.
    return "RMSProp";
  }

  override applyGradients(variableGradients: Parameters<tf.RMSPropOptimizer["applyGradients"]>[0]): void {
    const state = this as unknown as RmspropState;
    if (state.centered || !tf.getKernel(RMSPROP_UPDATE, tf.getBackend()))
      return super.applyGradients(variableGradients);
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({name, tensor}));
    const attrs: RmspropUpdateAttrs = {
      learningRate: this.learningRate,
      decay: state.decay,
      momentum: state.momentum,
      epsilon: state.epsilon
    };
    tf.tidy(() => {
      named.forEach(({name, tensor: gradient}, i) => {
        const variable = tf.engine().registeredVariables[name];
        const slot = (slots: RmspropState["accumulatedMoments"], suffix: string): tf.Variable =>
          (slots[i] ??= {
            originalName: `${name}/${suffix}`,
            variable: tf.tidy(() => tf.zerosLike(variable).variable(false))
          }).variable;
        const meanSquare = slot(state.accumulatedMeanSquares, "rms");
        const moment = slot(state.accumulatedMoments, "momentum");
        if (gradient == null) return;
        const [x1, s1, p1] = tf
          .engine()
          .runKernel(
            RMSPROP_UPDATE,
            {variable, meanSquare, moment, gradient},
            attrs as unknown as tf.NamedAttrMap
          ) as tf.Tensor[];
        meanSquare.assign(s1);
        moment.assign(p1);
        variable.assign(x1);
      });
    });
    this.incrementIterations();
  }
}
