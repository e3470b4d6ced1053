// RMSprop (the lesson's optimizer for VAEs) with one kernel per variable and step (lib/backend/kernels/rmsprop.ts)
// where the backend has it (wasm, cpu), the stock update elsewhere and for the centred variant. A subclass of tf's
// RMSPropOptimizer, so its state (mean squares, moments) saves, loads and resumes as the stock optimizer's does.
import * as tf from "@tensorflow/tfjs";
import {RMSPROP_UPDATE, type RmspropUpdateAttrs} from "../backend/kernels/rmsprop.js";
import {applyFusedUpdates, type SlotList} from "./fused-update.js";

// The stock optimizer's state and settings, which its type declares private.
interface RmspropState {
  decay: number;
  momentum: number;
  epsilon: number;
  centered: boolean;
  accumulatedMeanSquares: SlotList;
  accumulatedMoments: SlotList;
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
    const attrs: RmspropUpdateAttrs = {
      learningRate: this.learningRate,
      decay: state.decay,
      momentum: state.momentum,
      epsilon: state.epsilon
    };
    const slots = [
      {list: state.accumulatedMeanSquares, input: "meanSquare", suffix: "rms"},
      {list: state.accumulatedMoments, input: "moment", suffix: "momentum"}
    ];
    applyFusedUpdates(RMSPROP_UPDATE, variableGradients, slots, attrs);
    this.incrementIterations();
  }
}
