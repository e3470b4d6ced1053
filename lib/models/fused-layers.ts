// Layers that run two of the lesson's layers as one kernel where the backend has it (wasm with the SIMD module), and
// as the two layers' own ops elsewhere: the same weights, the same results up to float rounding, and so the same
// checkpoints either way. Conv + ReLU + max pooling is the encoder's block; upsampling + conv to one channel the
// decoder's last. The architecture diagram still draws each as its two layers (src/components/architecture-diagram.ts).
import * as tf from "@tensorflow/tfjs";
import {CONV_BIAS_RELU} from "../backend/kernels/conv-bias-relu.js";
import {canConvReluPool, CONV_RELU_POOL} from "../backend/kernels/conv-relu-pool.js";
import {canUpsampleConv, UPSAMPLE_CONV} from "../backend/kernels/upsample-conv.js";

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;
type Shape = (number | null)[];

interface FusedLayerArgs {
  filters: number;
  kernelInitializer: Initializer;
}

/** A layer's one input shape (tfjs passes a list for layers with several). */
function inputShapeOf(inputShape: Shape | Shape[]): Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
}

function singleInput(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  const x = Array.isArray(inputs) ? inputs[0] : inputs;
  if (!x || (Array.isArray(inputs) && inputs.length !== 1)) throw new Error("a fused layer takes one input");
  return x;
}

/** A 3x3 conv with bias and ReLU: our one kernel where registered (wasm, cpu), else the backend's fused conv. */
export function convBiasRelu(x: tf.Tensor, filter: tf.Tensor, bias: tf.Tensor, pad: "same" | "valid"): tf.Tensor {
  if (x.dtype === "float32" && x.rank === 4 && tf.getKernel(CONV_BIAS_RELU, tf.getBackend())) {
    return tf.engine().runKernel(CONV_BIAS_RELU, {x, filter, bias}, {strides: [1, 1], pad}) as tf.Tensor;
  }
  return tf.fused.conv2d({
    x: x as tf.Tensor4D,
    filter: filter as tf.Tensor4D,
    bias,
    strides: 1,
    pad,
    activation: "relu"
  });
}

/** Shared by both layers: a 3x3 kernel of `filters` output channels and its bias, as a conv layer has them. */
abstract class FusedConvLayer extends tf.layers.Layer {
  protected kernel?: tf.LayerVariable;
  protected bias?: tf.LayerVariable;
  protected readonly filters: number;
  private readonly kernelInitializer: Initializer;

  constructor(args: FusedLayerArgs) {
    super({});
    this.filters = args.filters;
    this.kernelInitializer = args.kernelInitializer;
  }

  override build(inputShape: Shape | Shape[]): void {
    const channels = inputShapeOf(inputShape)[3];
    if (typeof channels !== "number") throw new Error(`${this.getClassName()} needs a known channel count`);
    this.kernel = this.addWeight("kernel", [3, 3, channels, this.filters], "float32", this.kernelInitializer);
    this.bias = this.addWeight("bias", [this.filters], "float32", tf.initializers.zeros());
    this.built = true;
  }

  protected weightsNow(): {filter: tf.Tensor; bias: tf.Tensor} {
    if (!this.kernel || !this.bias) throw new Error(`${this.getClassName()} is not built`);
    return {filter: this.kernel.read(), bias: this.bias.read()};
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {...super.getConfig(), filters: this.filters, kernelSize: 3};
  }
}

/** conv 3x3 "same" + ReLU, then max pooling 2x2 "same". */
export class ConvReluPool extends FusedConvLayer {
  static readonly className = "ConvReluPool";

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [n, h, w] = inputShapeOf(inputShape);
    return [n, h === null ? null : Math.ceil(h / 2), w === null ? null : Math.ceil(w / 2), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = singleInput(inputs);
    const {filter, bias} = this.weightsNow();
    if (canConvReluPool(x, filter.shape)) {
      const [y, arg] = tf.engine().runKernel(CONV_RELU_POOL, {x, filter, bias}) as tf.Tensor[];
      arg.dispose(); // the tape keeps its own copy for the gradient
      return y;
    }
    return tf.tidy(() => tf.maxPool(convBiasRelu(x, filter, bias, "same") as tf.Tensor4D, 2, 2, "same"));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {...super.getConfig(), activation: "relu"};
  }
}

/** Nearest-neighbour upsampling 2x, then conv 3x3 "same" + sigmoid. */
export class UpSampleConv extends FusedConvLayer {
  static readonly className = "UpSampleConv";

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [n, h, w] = inputShapeOf(inputShape);
    return [n, h === null ? null : 2 * h, w === null ? null : 2 * w, this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const z = singleInput(inputs);
    const {filter, bias} = this.weightsNow();
    return tf.tidy(() => {
      if (canUpsampleConv(z, filter.shape)) {
        return tf.sigmoid(tf.engine().runKernel(UPSAMPLE_CONV, {z, filter, bias}) as tf.Tensor);
      }
      const [h, w] = z.shape.slice(1, 3) as [number, number];
      const up = tf.image.resizeNearestNeighbor(z as tf.Tensor4D, [2 * h, 2 * w]);
      return tf.fused.conv2d({
        x: up,
        filter: filter as tf.Tensor4D,
        bias,
        strides: 1,
        pad: "same",
        activation: "sigmoid"
      });
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {...super.getConfig(), activation: "sigmoid"};
  }
}

tf.serialization.registerClass(ConvReluPool);
tf.serialization.registerClass(UpSampleConv);
