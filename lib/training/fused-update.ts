// The loop that our one-kernel optimizers (./fused-adam.ts, ./fused-rmsprop.ts) share: per variable, one kernel
// takes the variable, its slots (moments) and its gradient, and returns the new variable and slots.
import * as tf from "@tensorflow/tfjs";

/** A stock optimizer's slot list (its type declares them private): one entry per variable, by position. */
export type SlotList = {originalName: string; variable: tf.Variable}[];

export interface SlotSpec {
  list: SlotList;
  /** The kernel's input name for this slot. */
  input: string;
  /** Appended to the variable's name, as the stock optimizer names its slots (saved states match). */
  suffix: string;
}

type Gradients = tf.NamedTensorMap | {name: string; tensor: tf.Tensor}[];

/**
 * Runs `kernel` on every variable with a gradient, with inputs {variable, ...slots, gradient}, and assigns its
 * outputs [variable, ...slots] back. Slots missing so far start at zero. Inside a tidy: the caller's own updates
 * (Adam's beta powers) can follow in `after`.
 */
export function applyFusedUpdates(
  kernel: string,
  gradients: Gradients,
  slots: SlotSpec[],
  attrs: object,
  after?: () => void
): void {
  const named = Array.isArray(gradients)
    ? gradients
    : Object.entries(gradients).map(([name, tensor]) => ({name, tensor}));
  tf.tidy(() => {
    named.forEach(({name, tensor: gradient}, i) => {
      const variable = tf.engine().registeredVariables[name];
      const slotVariables = slots.map(
        ({list, suffix}) =>
          (list[i] ??= {
            originalName: `${name}/${suffix}`,
            variable: tf.tidy(() => tf.zerosLike(variable).variable(false))
          }).variable
      );
      if (gradient == null) return;
      const inputs = Object.fromEntries([
        ["variable", variable],
        ...slots.map(({input}, k) => [input, slotVariables[k]]),
        ["gradient", gradient]
      ]) as tf.NamedTensorMap;
      const [x1, ...slots1] = tf.engine().runKernel(kernel, inputs, attrs as tf.NamedAttrMap) as tf.Tensor[];
      slotVariables.forEach((slot, k) => slot.assign(slots1[k]));
      variable.assign(x1);
    });
    after?.();
  });
}
