// Each fast kernel against a plain-loop reference over a table of shapes, strides and paddings, on wasm and cpu.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {fastKernelsRegistered, registerFastKernels, unregisterFastKernels} from "../../../lib/backend/kernels/index.js";
import {
  batchMatMulRef,
  conv2dBackpropFilterRef,
  conv2dBackpropInputRef,
  conv2dRef,
  convOutShape,
  maxAbsDiff,
  maxPoolGradRef,
  upsampleGradRef,
  type ConvCase
} from "../../../lib/backend/kernels/reference.js";

const CONV_CASES: (ConvCase & {name: string})[] = [
  {
    name: "lesson conv1 28x28x1->16 same",
    xShape: [4, 28, 28, 1],
    filterShape: [3, 3, 1, 16],
    strides: [1, 1],
    pad: "same"
  },
  {
    name: "lesson conv2 14x14x16->8 same",
    xShape: [3, 14, 14, 16],
    filterShape: [3, 3, 16, 8],
    strides: [1, 1],
    pad: "same"
  },
  {name: "lesson conv3 7x7x8->8 same", xShape: [5, 7, 7, 8], filterShape: [3, 3, 8, 8], strides: [1, 1], pad: "same"},
  {
    name: "lesson conv6 16x16x8->16 valid",
    xShape: [2, 16, 16, 8],
    filterShape: [3, 3, 8, 16],
    strides: [1, 1],
    pad: "valid"
  },
  {
    name: "lesson conv7 28x28x16->1 same",
    xShape: [2, 28, 28, 16],
    filterShape: [3, 3, 16, 1],
    strides: [1, 1],
    pad: "same"
  },
  {
    name: "16->12 at 15x15 (SIMD 8- and 4-wide blocks, edges)",
    xShape: [2, 15, 15, 16],
    filterShape: [3, 3, 16, 12],
    strides: [1, 1],
    pad: "same"
  },
  {
    name: "32->1 at 14x14 valid 5x5",
    xShape: [2, 14, 14, 32],
    filterShape: [5, 5, 32, 1],
    strides: [1, 1],
    pad: "valid"
  },
  {name: "5x5 kernel same", xShape: [2, 9, 11, 3], filterShape: [5, 5, 3, 4], strides: [1, 1], pad: "same"},
  {name: "2x3 kernel valid", xShape: [2, 8, 7, 2], filterShape: [2, 3, 2, 5], strides: [1, 1], pad: "valid"},
  {name: "1x1 kernel", xShape: [3, 6, 6, 7], filterShape: [1, 1, 7, 3], strides: [1, 1], pad: "valid"},
  {name: "stride 2 same even", xShape: [2, 8, 8, 3], filterShape: [3, 3, 3, 4], strides: [2, 2], pad: "same"},
  {name: "stride 2 same odd", xShape: [2, 7, 9, 2], filterShape: [3, 3, 2, 3], strides: [2, 2], pad: "same"},
  {name: "stride 2 valid", xShape: [2, 9, 9, 2], filterShape: [3, 3, 2, 3], strides: [2, 2], pad: "valid"},
  {
    name: "stride (2,3) valid, rows left over",
    xShape: [2, 10, 11, 2],
    filterShape: [3, 2, 2, 3],
    strides: [2, 3],
    pad: "valid"
  },
  {
    name: "explicit pad",
    xShape: [2, 6, 6, 3],
    filterShape: [3, 3, 3, 2],
    strides: [1, 1],
    pad: [
      [0, 0],
      [2, 0],
      [1, 3],
      [0, 0]
    ]
  },
  {
    name: "explicit pad stride 2",
    xShape: [2, 7, 6, 2],
    filterShape: [3, 3, 2, 2],
    strides: [2, 2],
    pad: [
      [0, 0],
      [0, 2],
      [1, 1],
      [0, 0]
    ]
  }
];

const MATMUL_CASES: {a: [number, number, number]; b: [number, number, number]; ta: boolean; tb: boolean}[] = [
  {a: [1, 33, 70], b: [1, 70, 20], ta: false, tb: false},
  {a: [1, 70, 33], b: [1, 70, 20], ta: true, tb: false},
  {a: [1, 33, 70], b: [1, 20, 70], ta: false, tb: true},
  {a: [1, 70, 33], b: [1, 20, 70], ta: true, tb: true},
  {a: [3, 9, 5], b: [3, 9, 4], ta: true, tb: false},
  {a: [3, 5, 9], b: [1, 4, 9], ta: false, tb: true},
  {a: [1, 128, 784], b: [1, 128, 64], ta: true, tb: false}
];

const POOL_CASES: {
  name: string;
  x: [number, number, number, number];
  f: [number, number];
  s: [number, number];
  pad: "same" | "valid";
}[] = [
  {name: "lesson 28x28x16 2x2/2 same", x: [2, 28, 28, 16], f: [2, 2], s: [2, 2], pad: "same"},
  {name: "lesson 7x7x8 2x2/2 same (odd)", x: [3, 7, 7, 8], f: [2, 2], s: [2, 2], pad: "same"},
  {name: "3x3/2 valid, 5 channels", x: [2, 9, 8, 5], f: [3, 3], s: [2, 2], pad: "valid"},
  {name: "3x3/1 same, ties (zeros)", x: [2, 6, 6, 4], f: [3, 3], s: [1, 1], pad: "same"}
];

const UPSAMPLE_CASES: {x: [number, number, number, number]; size: [number, number]}[] = [
  {x: [2, 14, 14, 16], size: [2, 2]},
  {x: [3, 4, 4, 8], size: [2, 2]},
  {x: [2, 5, 3, 3], size: [3, 2]}
];

function random(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, "float32", seed);
}

const rows: {backend: string; kernel: string; case: string; maxAbsDiff: number}[] = [];
// Float32 sums of up to a few thousand products of numbers in [-1, 1]; the reference sums in float64.
const TOLERANCE = 5e-4;

for (const backend of ["wasm", "cpu"] as const) {
  describe(`fast kernels on ${backend}`, () => {
    beforeAll(async () => {
      await tf.setBackend(backend);
      await tf.ready();
      registerFastKernels();
    });

    it("are registered, once", () => {
      const first = fastKernelsRegistered();
      expect(first).toContain(`${backend}/Conv2DBackpropFilter`);
      expect(registerFastKernels()).toEqual(first);
    });

    for (const c of CONV_CASES) {
      it(`Conv2DBackpropFilter: ${c.name}`, () => {
        const x = random(c.xShape, 1);
        const dy = random(convOutShape(c), 2);
        const out = tf.engine().runKernel(
          "Conv2DBackpropFilter",
          {x, dy},
          {
            strides: c.strides,
            pad: c.pad,
            dataFormat: "NHWC",
            filterShape: c.filterShape
          }
        ) as tf.Tensor;
        expect(out.shape).toEqual(c.filterShape);
        const ref = conv2dBackpropFilterRef(c, x.dataSync() as Float32Array, dy.dataSync() as Float32Array);
        const d = maxAbsDiff(out.dataSync(), ref);
        rows.push({backend, kernel: "Conv2DBackpropFilter", case: c.name, maxAbsDiff: d});
        expect(d).toBeLessThan(TOLERANCE);
        tf.dispose([x, dy, out]);
      });

      it(`Conv2DBackpropInput: ${c.name}`, () => {
        const filter = random(c.filterShape, 3);
        const dy = random(convOutShape(c), 4);
        const out = tf.engine().runKernel(
          "Conv2DBackpropInput",
          {dy, filter},
          {
            strides: c.strides,
            pad: c.pad,
            dataFormat: "NHWC",
            inputShape: c.xShape
          }
        ) as tf.Tensor;
        expect(out.shape).toEqual(c.xShape);
        const ref = conv2dBackpropInputRef(c, dy.dataSync() as Float32Array, filter.dataSync() as Float32Array);
        const d = maxAbsDiff(out.dataSync(), ref);
        rows.push({backend, kernel: "Conv2DBackpropInput", case: c.name, maxAbsDiff: d});
        expect(d).toBeLessThan(TOLERANCE);
        tf.dispose([filter, dy, out]);
      });
    }

    for (const m of MATMUL_CASES) {
      const name = `${m.a.join("x")}${m.ta ? "^T" : ""} @ ${m.b.join("x")}${m.tb ? "^T" : ""}`;
      it(`BatchMatMul: ${name}`, () => {
        const a = random(m.a, 5);
        const b = random(m.b, 6);
        const out = tf.matMul(a, b, m.ta, m.tb);
        const ref = batchMatMulRef(a.dataSync() as Float32Array, m.a, b.dataSync() as Float32Array, m.b, m.ta, m.tb);
        const d = maxAbsDiff(out.dataSync(), ref);
        rows.push({backend, kernel: "BatchMatMul", case: name, maxAbsDiff: d});
        expect(d).toBeLessThan(TOLERANCE);
        tf.dispose([a, b, out]);
      });
    }

    for (const p of POOL_CASES) {
      it(`MaxPoolGrad: ${p.name}`, () => {
        // ReLU-like inputs: many exact ties at 0, where the first maximum must win.
        const x = p.name.includes("ties") ? tf.relu(random(p.x, 9)) : random(p.x, 9);
        const [dx, dyValues] = tf.tidy(() => {
          const g = tf.grad((xx: tf.Tensor) =>
            tf
              .maxPool(xx as tf.Tensor4D, p.f, p.s, p.pad)
              .mul(random(tf.maxPool(x as tf.Tensor4D, p.f, p.s, p.pad).shape, 10))
              .sum()
          );
          return [g(x), random(tf.maxPool(x as tf.Tensor4D, p.f, p.s, p.pad).shape, 10)];
        });
        const ref = maxPoolGradRef(
          x.dataSync() as Float32Array,
          p.x,
          dyValues.dataSync() as Float32Array,
          p.f,
          p.s,
          p.pad
        );
        const d = maxAbsDiff(dx.dataSync(), ref);
        rows.push({backend, kernel: "MaxPoolGrad", case: p.name, maxAbsDiff: d});
        expect(d).toBeLessThan(1e-6);
        tf.dispose([x, dx, dyValues]);
      });
    }

    for (const u of UPSAMPLE_CASES) {
      const name = `${u.x.join("x")} x(${u.size.join(",")})`;
      it(`ResizeNearestNeighborGrad: ${name}`, () => {
        const x = random(u.x, 11) as tf.Tensor4D;
        const outShape = [u.x[0], u.x[1] * u.size[0], u.x[2] * u.size[1], u.x[3]];
        const dy = random(outShape, 12);
        const dx = tf.grad((xx: tf.Tensor) =>
          tf.image
            .resizeNearestNeighbor(xx as tf.Tensor4D, [outShape[1], outShape[2]])
            .mul(dy)
            .sum()
        )(x);
        const ref = upsampleGradRef(dy.dataSync() as Float32Array, u.x, u.size[0], u.size[1]);
        const d = maxAbsDiff(dx.dataSync(), ref);
        rows.push({backend, kernel: "ResizeNearestNeighborGrad", case: name, maxAbsDiff: d});
        expect(d).toBeLessThan(1e-5);
        // Independent of the reference: f(x) = sum(resize(x) * dy) is linear, so df/dx_i = f(e_i).
        const g = dx.dataSync();
        for (const i of [0, 7, Math.floor(x.size / 2), x.size - 1]) {
          const e = tf.tidy(() => tf.oneHot([i], x.size).reshape(u.x).asType("float32") as tf.Tensor4D);
          const fi = tf.tidy(() => tf.image.resizeNearestNeighbor(e, [outShape[1], outShape[2]]).mul(dy).sum());
          expect(Math.abs(fi.dataSync()[0] - g[i])).toBeLessThan(1e-5);
          tf.dispose([e, fi]);
        }
        tf.dispose([x, dy, dx]);
      });
    }

    for (const c of CONV_CASES.filter((k) => k.strides[0] === 1)) {
      it(`Conv2D and FusedConv2D (bias, relu): ${c.name}`, () => {
        const x = random(c.xShape, 13) as tf.Tensor4D;
        const w = random(c.filterShape, 14) as tf.Tensor4D;
        const bias = random([c.filterShape[3]], 15) as tf.Tensor1D;
        const plain = conv2dRef(c, x.dataSync() as Float32Array, w.dataSync() as Float32Array);
        const y = tf.conv2d(x, w, 1, c.pad);
        const fused = tf.fused.conv2d({x, filter: w, bias, pad: c.pad, strides: 1, activation: "relu"});
        const b = bias.dataSync();
        const co = c.filterShape[3];
        const refFused = plain.map((v, i) => Math.max(0, v + b[i % co]));
        const d = Math.max(maxAbsDiff(y.dataSync(), plain), maxAbsDiff(fused.dataSync(), refFused));
        rows.push({backend, kernel: "Conv2D/FusedConv2D", case: c.name, maxAbsDiff: d});
        expect(d).toBeLessThan(TOLERANCE);
        tf.dispose([x, w, bias, y, fused]);
      });
    }

    it("Sum over leading axes, bias Add, ResizeNearestNeighbor, Identity", () => {
      for (const shape of [
        [4, 7, 7, 16],
        [3, 5, 5, 1],
        [2, 3, 6],
        [5, 9]
      ]) {
        const x = random(shape, 16);
        const cols = shape[shape.length - 1];
        const xs = x.dataSync();
        const axes = shape.slice(0, -1).map((_, i) => i);
        const sumRef = new Float64Array(cols);
        xs.forEach((v, i) => (sumRef[i % cols] += v));
        const sum = tf.sum(x, axes);
        const b = random([cols], 17);
        const bs = b.dataSync();
        const added = tf.add(x, b);
        const addRef = Array.from(xs, (v, i) => v + bs[i % cols]);
        const d = Math.max(maxAbsDiff(sum.dataSync(), sumRef), maxAbsDiff(added.dataSync(), addRef));
        rows.push({backend, kernel: "Sum/Add(bias)", case: shape.join("x"), maxAbsDiff: d});
        expect(d).toBeLessThan(1e-4);
        const copy = tf.clone(x);
        x.dispose();
        expect(maxAbsDiff(copy.dataSync(), xs)).toBe(0);
        tf.dispose([sum, b, added, copy]);
      }
      const img = random([2, 4, 5, 3], 18) as tf.Tensor4D;
      const up = tf.image.resizeNearestNeighbor(img, [8, 15]);
      const is = img.dataSync();
      const ref = new Float64Array(2 * 8 * 15 * 3);
      for (let n = 0; n < 2; n++)
        for (let r = 0; r < 8; r++)
          for (let q = 0; q < 15; q++)
            for (let ch = 0; ch < 3; ch++)
              ref[((n * 8 + r) * 15 + q) * 3 + ch] = is[((n * 4 + Math.floor(r / 2)) * 5 + Math.floor(q / 3)) * 3 + ch];
      const d = maxAbsDiff(up.dataSync(), ref);
      rows.push({backend, kernel: "ResizeNearestNeighbor", case: "2x4x5x3 -> 8x15", maxAbsDiff: d});
      expect(d).toBe(0);
      tf.dispose([img, up]);
    });

    it("ReLU gradient (one pass) matches dy * step(x), zeros included", () => {
      const x = tf
        .relu(random([3, 9, 9, 5], 19))
        .sub(tf.scalar(0.2))
        .relu()
        .add(tf.randomUniform([3, 9, 9, 5], -0.5, 0.5, "float32", 21));
      const dy = random([3, 9, 9, 5], 20);
      const dx = tf.grad((v: tf.Tensor) => tf.relu(v).mul(dy).sum())(x);
      const xs = x.dataSync();
      const ds = dy.dataSync();
      const ref = Array.from(xs, (v, i) => (v > 0 ? ds[i] : 0));
      const d = maxAbsDiff(dx.dataSync(), ref);
      rows.push({backend, kernel: "Relu gradient", case: "3x9x9x5", maxAbsDiff: d});
      expect(d).toBe(0);
      tf.dispose([x, dy, dx]);
    });

    it("conv gradients through the engine match the stock kernels", () => {
      // End to end: tf.grads of a conv layer with our kernels against the same with the stock ones (cpu stock
      // kernels are the reference on both backends, as wasm has no stock filter gradient).
      const x = random([2, 10, 10, 3], 7) as tf.Tensor4D;
      const w = random([3, 3, 3, 4], 8) as tf.Tensor4D;
      const f = (xx: tf.Tensor, ww: tf.Tensor): tf.Tensor =>
        tf
          .conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 1, "same")
          .square()
          .sum();
      const [gx, gw] = tf.grads(f)([x, w]);
      const ref = conv2dBackpropFilterRef(
        {xShape: [2, 10, 10, 3], filterShape: [3, 3, 3, 4], strides: [1, 1], pad: "same"},
        x.dataSync() as Float32Array,
        tf.conv2d(x, w, 1, "same").mul(2).dataSync() as Float32Array
      );
      expect(maxAbsDiff(gw.dataSync(), ref)).toBeLessThan(1e-3);
      expect(gx.shape).toEqual(x.shape);
      tf.dispose([x, w, gx, gw]);
    });
  });
}

describe("registration", () => {
  it("unregisterFastKernels restores the stock kernels and registerFastKernels brings ours back", () => {
    unregisterFastKernels();
    expect(fastKernelsRegistered()).toEqual([]);
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeUndefined();
    expect(registerFastKernels().length).toBeGreaterThan(0);
  });
});

afterAll(() => {
  const worst = new Map<string, number>();
  for (const r of rows)
    worst.set(`${r.backend} ${r.kernel}`, Math.max(worst.get(`${r.backend} ${r.kernel}`) ?? 0, r.maxAbsDiff));
  console.log("largest absolute difference against the reference:");
  console.table(rows.map((r) => ({...r, maxAbsDiff: r.maxAbsDiff.toExponential(2)})));
  console.log(Object.fromEntries([...worst].map(([k, v]) => [k, v.toExponential(2)])));
});
