// SIMD (wasm simd128) training kernels for the lesson's small convolutions, run on the tfjs wasm backend's own
// heap: the module imports that backend's memory and every pointer argument is a byte offset into it. No stack,
// no static data, no libc: nothing here writes outside the tensors it is given (build.sh checks the stack).
// Layouts: NHWC activations, HWIO filters, float32. Convolutions are stride 1, undilated.
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))
typedef float f32;
static inline int imax(int a, int b) { return a > b ? a : b; }
static inline int imin(int a, int b) { return a < b ? a : b; }
static inline f32 hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) +
         wasm_f32x4_extract_lane(v, 3);
}

// ---------------------------------------------------------------------------------------------------------
// Filter gradient: dw[kh,kw,ci,co] = sum_{n,oh,ow} x[n, oh+kh-pt, ow+kw-pl, ci] * dy[n,oh,ow,co].
// For a tap (kh, kw) the valid (oh, ow) range is a rectangle: no branches inside. Accumulators for a block of
// CIB input channels x COV vectors of output channels stay in registers over all pixels of [n0, n1).

#define BF_CO_KERNEL(NAME, CIB, COV)                                                                          \
  static void NAME(const f32* x, const f32* dy, f32* dw, int n0, int n1, int H, int W, int CI, int OH,       \
                   int OW, int CO, int KW, int kh, int kw, int pt, int pl, int ci, int co) {                 \
    v128_t acc[CIB][COV];                                                                                    \
    f32* wp = dw + ((kh * KW + kw) * CI + ci) * CO + co;                                                     \
    for (int i = 0; i < CIB; i++)                                                                            \
      for (int j = 0; j < COV; j++) acc[i][j] = wasm_v128_load(wp + i * CO + 4 * j);                         \
    int oh0 = imax(0, pt - kh), oh1 = imin(OH, H + pt - kh);                                                 \
    int ow0 = imax(0, pl - kw), ow1 = imin(OW, W + pl - kw);                                                 \
    for (int n = n0; n < n1; n++)                                                                            \
      for (int oh = oh0; oh < oh1; oh++) {                                                                   \
        const f32* xp = x + ((n * H + oh + kh - pt) * W + (ow0 + kw - pl)) * CI + ci;                        \
        const f32* dp = dy + ((n * OH + oh) * OW + ow0) * CO + co;                                           \
        for (int ow = ow0; ow < ow1; ow++, xp += CI, dp += CO) {                                             \
          v128_t d[COV];                                                                                     \
          for (int j = 0; j < COV; j++) d[j] = wasm_v128_load(dp + 4 * j);                                  \
          for (int i = 0; i < CIB; i++) {                                                                    \
            v128_t xs = wasm_v128_load32_splat(xp + i);                                                      \
            for (int j = 0; j < COV; j++) acc[i][j] = wasm_f32x4_add(acc[i][j], wasm_f32x4_mul(xs, d[j]));   \
          }                                                                                                  \
        }                                                                                                    \
      }                                                                                                      \
    for (int i = 0; i < CIB; i++)                                                                            \
      for (int j = 0; j < COV; j++) wasm_v128_store(wp + i * CO + 4 * j, acc[i][j]);                         \
  }

BF_CO_KERNEL(bf_co_4x2, 4, 2)
BF_CO_KERNEL(bf_co_4x1, 4, 1)
BF_CO_KERNEL(bf_co_1x4, 1, 4)
BF_CO_KERNEL(bf_co_1x2, 1, 2)
BF_CO_KERNEL(bf_co_1x1, 1, 1)

// Vectorised over ci (CI % 4 == 0, any CO): CIV vectors of input channels for one output channel.
#define BF_CI_KERNEL(NAME, CIV)                                                                               \
  static void NAME(const f32* x, const f32* dy, f32* dw, int n0, int n1, int H, int W, int CI, int OH,       \
                   int OW, int CO, int KW, int kh, int kw, int pt, int pl, int ci, int co) {                 \
    v128_t acc[CIV];                                                                                         \
    for (int i = 0; i < CIV; i++) acc[i] = wasm_f32x4_splat(0.f);                                            \
    int oh0 = imax(0, pt - kh), oh1 = imin(OH, H + pt - kh);                                                 \
    int ow0 = imax(0, pl - kw), ow1 = imin(OW, W + pl - kw);                                                 \
    for (int n = n0; n < n1; n++)                                                                            \
      for (int oh = oh0; oh < oh1; oh++) {                                                                   \
        const f32* xp = x + ((n * H + oh + kh - pt) * W + (ow0 + kw - pl)) * CI + ci;                        \
        const f32* dp = dy + ((n * OH + oh) * OW + ow0) * CO + co;                                           \
        for (int ow = ow0; ow < ow1; ow++, xp += CI, dp += CO) {                                             \
          v128_t d = wasm_v128_load32_splat(dp);                                                             \
          for (int i = 0; i < CIV; i++) acc[i] = wasm_f32x4_add(acc[i], wasm_f32x4_mul(wasm_v128_load(xp + 4 * i), d)); \
        }                                                                                                    \
      }                                                                                                      \
    f32* wp = dw + ((kh * KW + kw) * CI + ci) * CO + co;                                                     \
    for (int i = 0; i < CIV; i++) {                                                                          \
      wp[(4 * i + 0) * CO] += wasm_f32x4_extract_lane(acc[i], 0);                                            \
      wp[(4 * i + 1) * CO] += wasm_f32x4_extract_lane(acc[i], 1);                                            \
      wp[(4 * i + 2) * CO] += wasm_f32x4_extract_lane(acc[i], 2);                                            \
      wp[(4 * i + 3) * CO] += wasm_f32x4_extract_lane(acc[i], 3);                                            \
    }                                                                                                        \
  }

BF_CI_KERNEL(bf_ci_4, 4)
BF_CI_KERNEL(bf_ci_1, 1)

// Any channel counts: scalar.
static void bf_scalar(const f32* x, const f32* dy, f32* dw, int n0, int n1, int H, int W, int CI, int OH, int OW,
                      int CO, int KW, int kh, int kw, int pt, int pl, int ci, int co) {
  f32 acc = 0;
  int oh0 = imax(0, pt - kh), oh1 = imin(OH, H + pt - kh);
  int ow0 = imax(0, pl - kw), ow1 = imin(OW, W + pl - kw);
  for (int n = n0; n < n1; n++)
    for (int oh = oh0; oh < oh1; oh++)
      for (int ow = ow0; ow < ow1; ow++)
        acc += x[((n * H + oh + kh - pt) * W + ow + kw - pl) * CI + ci] * dy[((n * OH + oh) * OW + ow) * CO + co];
  dw[((kh * KW + kw) * CI + ci) * CO + co] += acc;
}

EXPORT(conv2d_backprop_filter)
void conv2d_backprop_filter(const f32* x, const f32* dy, f32* dw, int N, int H, int W, int CI, int OH, int OW,
                            int CO, int KH, int KW, int pt, int pl) {
  const int size = KH * KW * CI * CO;
  for (int i = 0; i < size; i++) dw[i] = 0;
  // Chunks of the batch small enough that x and dy of a chunk stay in the L2 cache over all taps and blocks.
  const int perSample = (H * W * CI + OH * OW * CO) * 4;
  const int chunk = imax(1, (192 * 1024) / imax(1, perSample));
  for (int n0 = 0; n0 < N; n0 += chunk) {
    const int n1 = imin(N, n0 + chunk);
    for (int kh = 0; kh < KH; kh++)
      for (int kw = 0; kw < KW; kw++) {
        if (CO % 4 == 0) {
          int ci = 0;
          if (CO % 8 == 0) {
            for (; ci + 4 <= CI; ci += 4)
              for (int co = 0; co < CO; co += 8) bf_co_4x2(x, dy, dw, n0, n1, H, W, CI, OH, OW, CO, KW, kh, kw, pt, pl, ci, co);
          } else {
            for (; ci + 4 <= CI; ci += 4)
              for (int co = 0; co < CO; co += 4) bf_co_4x1(x, dy, dw, n0, n1, H, W, CI, OH, OW, CO, KW, kh, kw, pt, pl, ci, co);
          }
          for (; ci < CI; ci++) {
            int co = 0;
            for (; co + 16 <= CO; co += 16) bf_co_1x4(x, dy, dw, n0, n1, H, W, CI, OH, OW, CO, KW, kh, kw, pt, pl, ci, co);
            for (; co + 8 <= CO; co += 8) bf_co_1x2(x, dy, dw, n0, n1, H, W, CI, OH, OW, CO, KW, kh, kw, pt, pl, ci, co);
            for (; co < CO; co += 4) bf_co_1x1(x, dy, dw, n0, n1, H, W, CI, OH, OW, CO, KW, kh, kw, pt, pl, ci, co);
          }
        } else if (CI % 4 == 0) {
          for (int co = 0; co < CO; co++) {
            int ci = 0;
            for (; ci + 16 <= CI; ci += 16) bf_ci_4(x, dy, dw, n0, n1, H, W, CI, OH, OW, CO, KW, kh, kw, pt, pl, ci, co);
            for (; ci < CI; ci += 4) bf_ci_1(x, dy, dw, n0, n1, H, W, CI, OH, OW, CO, KW, kh, kw, pt, pl, ci, co);
          }
        } else {
          for (int ci = 0; ci < CI; ci++)
            for (int co = 0; co < CO; co++) bf_scalar(x, dy, dw, n0, n1, H, W, CI, OH, OW, CO, KW, kh, kw, pt, pl, ci, co);
        }
      }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Max pooling gradient (NHWC, any window, stride and padding): each window's dy goes to the first position
// (row-major) of its maximum, as in tfjs' stock kernels. dx must have room for N*H*W*C floats.
EXPORT(max_pool_grad)
// relu: x is a ReLU's output (never negative), and dx also takes that ReLU's gradient: 0 where the window's maximum
// is 0 (lib/backend/kernels/relu-mask.ts).
void max_pool_grad(const f32* x, const f32* dy, f32* dx, int N, int H, int W, int C, int OH, int OW, int FH, int FW,
                   int SH, int SW, int pt, int pl, int relu) {
  // 2x2 windows, stride 2, tiling the input exactly: every input pixel is in one window, written once.
  if (FH == 2 && FW == 2 && SH == 2 && SW == 2 && H == 2 * OH && W == 2 * OW && pt == 0 && pl == 0 && C % 4 == 0) {
    for (int n = 0; n < N; n++)
      for (int oh = 0; oh < OH; oh++)
        for (int ow = 0; ow < OW; ow++)
          for (int c = 0; c < C; c += 4) {
            const int a0 = ((n * H + 2 * oh) * W + 2 * ow) * C + c, a1 = a0 + C, a2 = a0 + W * C, a3 = a2 + C;
            v128_t v0 = wasm_v128_load(x + a0), v1 = wasm_v128_load(x + a1);
            v128_t v2 = wasm_v128_load(x + a2), v3 = wasm_v128_load(x + a3);
            v128_t m = wasm_f32x4_max(wasm_f32x4_max(v0, v1), wasm_f32x4_max(v2, v3));
            v128_t g = wasm_v128_load(dy + ((n * OH + oh) * OW + ow) * C + c);
            if (relu) g = wasm_v128_and(g, wasm_f32x4_gt(m, wasm_f32x4_splat(0.f)));
            // The first position (row-major) holding the maximum takes the gradient.
            v128_t e0 = wasm_f32x4_eq(v0, m);
            v128_t e1 = wasm_v128_andnot(wasm_f32x4_eq(v1, m), e0);
            v128_t taken = wasm_v128_or(e0, e1);
            v128_t e2 = wasm_v128_andnot(wasm_f32x4_eq(v2, m), taken);
            taken = wasm_v128_or(taken, e2);
            v128_t e3 = wasm_v128_andnot(wasm_f32x4_eq(v3, m), taken);
            wasm_v128_store(dx + a0, wasm_v128_and(g, e0));
            wasm_v128_store(dx + a1, wasm_v128_and(g, e1));
            wasm_v128_store(dx + a2, wasm_v128_and(g, e2));
            wasm_v128_store(dx + a3, wasm_v128_and(g, e3));
          }
    return;
  }
  const int size = N * H * W * C;
  for (int i = 0; i < size; i++) dx[i] = 0;
  for (int n = 0; n < N; n++)
    for (int oh = 0; oh < OH; oh++) {
      const int r0 = imax(0, oh * SH - pt), r1 = imin(H, oh * SH - pt + FH);
      for (int ow = 0; ow < OW; ow++) {
        const int c0 = imax(0, ow * SW - pl), c1 = imin(W, ow * SW - pl + FW);
        const f32* g = dy + ((n * OH + oh) * OW + ow) * C;
        int c = 0;
        for (; c + 4 <= C; c += 4) {
          v128_t best = wasm_f32x4_splat(-__builtin_inff());
          v128_t where = wasm_i32x4_splat(-1);
          for (int r = r0; r < r1; r++)
            for (int s = c0; s < c1; s++) {
              const int at = ((n * H + r) * W + s) * C + c;
              v128_t v = wasm_v128_load(x + at);
              v128_t gt = wasm_f32x4_gt(v, best);
              best = wasm_v128_bitselect(v, best, gt);
              where = wasm_v128_bitselect(wasm_i32x4_add(wasm_i32x4_splat(at), wasm_i32x4_make(0, 1, 2, 3)), where, gt);
            }
          const int w0 = wasm_i32x4_extract_lane(where, 0), w1 = wasm_i32x4_extract_lane(where, 1);
          const int w2 = wasm_i32x4_extract_lane(where, 2), w3 = wasm_i32x4_extract_lane(where, 3);
          if (w0 >= 0 && (!relu || x[w0] > 0)) dx[w0] += g[c];
          if (w1 >= 0 && (!relu || x[w1] > 0)) dx[w1] += g[c + 1];
          if (w2 >= 0 && (!relu || x[w2] > 0)) dx[w2] += g[c + 2];
          if (w3 >= 0 && (!relu || x[w3] > 0)) dx[w3] += g[c + 3];
        }
        for (; c < C; c++) {
          f32 best = -__builtin_inff();
          int where = -1;
          for (int r = r0; r < r1; r++)
            for (int s = c0; s < c1; s++) {
              const int at = ((n * H + r) * W + s) * C + c;
              if (x[at] > best) {
                best = x[at];
                where = at;
              }
            }
          if (where >= 0 && (!relu || best > 0)) dx[where] += g[c];
        }
      }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Nearest-neighbour upsampling by whole factors (SY, SX), no corner alignment: dx[n,h,w,c] sums its block of dy.
// x: 0, or the upsampling's input when that is a ReLU's output; dx then also takes the ReLU's gradient (0 where
// x is 0: lib/backend/kernels/relu-mask.ts).
EXPORT(upsample_grad)
void upsample_grad(const f32* dy, f32* dx, int N, int H, int W, int C, int SY, int SX, const f32* x) {
  const int OW = W * SX;
  if (SY == 2 && SX == 2 && C % 4 == 0) {
    // The lesson's case, walking both rows of dy with pointers: the general loop's index arithmetic made it a third
    // of the memory's speed. Same sums in the same order.
    const int rowStride = OW * C;
    for (int nh = 0; nh < N * H; nh++) {
      const f32* r0 = dy + nh * 2 * rowStride;
      const f32* r1 = r0 + rowStride;
      f32* out = dx + nh * W * C;
      for (int w = 0; w < W; w++, r0 += 2 * C, r1 += 2 * C, out += C)
        for (int c = 0; c < C; c += 4) {
          v128_t acc = wasm_f32x4_add(wasm_v128_load(r0 + c), wasm_v128_load(r0 + C + c));
          acc = wasm_f32x4_add(acc, wasm_v128_load(r1 + c));
          acc = wasm_f32x4_add(acc, wasm_v128_load(r1 + C + c));
          if (x) acc = wasm_v128_and(acc, wasm_f32x4_gt(wasm_v128_load(x + (out - dx) + c), wasm_f32x4_splat(0.f)));
          wasm_v128_store(out + c, acc);
        }
    }
    return;
  }
  for (int n = 0; n < N; n++)
    for (int h = 0; h < H; h++)
      for (int w = 0; w < W; w++) {
        f32* out = dx + ((n * H + h) * W + w) * C;
        int c = 0;
        for (; c + 4 <= C; c += 4) {
          v128_t acc = wasm_f32x4_splat(0.f);
          for (int a = 0; a < SY; a++)
            for (int b = 0; b < SX; b++)
              acc = wasm_f32x4_add(acc, wasm_v128_load(dy + (((n * H + h) * SY + a) * OW + w * SX + b) * C + c));
          if (x) acc = wasm_v128_and(acc, wasm_f32x4_gt(wasm_v128_load(x + (out - dx) + c), wasm_f32x4_splat(0.f)));
          wasm_v128_store(out + c, acc);
        }
        for (; c < C; c++) {
          f32 acc = 0;
          for (int a = 0; a < SY; a++)
            for (int b = 0; b < SX; b++) acc += dy[(((n * H + h) * SY + a) * OW + w * SX + b) * C + c];
          out[c] = x && !(x[(out - dx) + c] > 0) ? 0.f : acc;
        }
      }
}

// ---------------------------------------------------------------------------------------------------------
// Forward convolution, stride 1: y[n,oh,ow,co] = act(bias[co] + sum x[n, oh+kh-pt, ow+kw-pl, ci] * w[kh,kw,ci,co]).
// act: 0 linear, 1 relu. bias may be 0 (none).

static inline v128_t act_v(v128_t v, int act) { return act == 1 ? wasm_f32x4_max(v, wasm_f32x4_splat(0.f)) : v; }
static inline f32 act_s(f32 v, int act) { return act == 1 && v < 0 ? 0.f : v; }

// P output pixels of one row (all taps inside horizontally) x COV vectors of output channels.
#define CONV_CO_BLOCK(NAME, P, COV)                                                                           \
  static void NAME(const f32* x, const f32* w, const f32* bias, f32* y, int n, int oh, int ow, int H, int W,  \
                   int CI, int OH, int OW, int CO, int KH, int KW, int pt, int pl, int co, int act) {         \
    v128_t acc[P][COV];                                                                                      \
    for (int j = 0; j < COV; j++) {                                                                          \
      v128_t b = bias ? wasm_v128_load(bias + co + 4 * j) : wasm_f32x4_splat(0.f);                           \
      for (int p = 0; p < P; p++) acc[p][j] = b;                                                             \
    }                                                                                                        \
    const int kh0 = imax(0, pt - oh), kh1 = imin(KH, H + pt - oh);                                           \
    for (int kh = kh0; kh < kh1; kh++)                                                                       \
      for (int kw = 0; kw < KW; kw++) {                                                                      \
        const f32* xp = x + ((n * H + oh + kh - pt) * W + ow + kw - pl) * CI;                                \
        const f32* wp = w + (kh * KW + kw) * CI * CO + co;                                                   \
        for (int ci = 0; ci < CI; ci++, wp += CO) {                                                          \
          v128_t wv[COV];                                                                                    \
          for (int j = 0; j < COV; j++) wv[j] = wasm_v128_load(wp + 4 * j);                                 \
          for (int p = 0; p < P; p++) {                                                                      \
            v128_t xs = wasm_v128_load32_splat(xp + p * CI + ci);                                            \
            for (int j = 0; j < COV; j++) acc[p][j] = wasm_f32x4_add(acc[p][j], wasm_f32x4_mul(xs, wv[j]));  \
          }                                                                                                  \
        }                                                                                                    \
      }                                                                                                      \
    f32* yp = y + ((n * OH + oh) * OW + ow) * CO + co;                                                       \
    for (int p = 0; p < P; p++)                                                                              \
      for (int j = 0; j < COV; j++) wasm_v128_store(yp + p * CO + 4 * j, act_v(acc[p][j], act));            \
  }

CONV_CO_BLOCK(conv_co_4x2, 4, 2)
CONV_CO_BLOCK(conv_co_4x1, 4, 1)

// One output pixel with horizontal bounds checks (the borders), COV = 1 vector at a time.
static void conv_co_edge(const f32* x, const f32* w, const f32* bias, f32* y, int n, int oh, int ow, int H, int W,
                         int CI, int OH, int OW, int CO, int KH, int KW, int pt, int pl, int co, int act) {
  v128_t acc = bias ? wasm_v128_load(bias + co) : wasm_f32x4_splat(0.f);
  const int kh0 = imax(0, pt - oh), kh1 = imin(KH, H + pt - oh);
  const int kw0 = imax(0, pl - ow), kw1 = imin(KW, W + pl - ow);
  for (int kh = kh0; kh < kh1; kh++)
    for (int kw = kw0; kw < kw1; kw++) {
      const f32* xp = x + ((n * H + oh + kh - pt) * W + ow + kw - pl) * CI;
      const f32* wp = w + (kh * KW + kw) * CI * CO + co;
      for (int ci = 0; ci < CI; ci++, wp += CO)
        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load32_splat(xp + ci), wasm_v128_load(wp)));
    }
  wasm_v128_store(y + ((n * OH + oh) * OW + ow) * CO + co, act_v(acc, act));
}

// CO == 1, CI % 4 == 0: vectorised over input channels, a dot product per pixel.
static void conv_ci_pixel(const f32* x, const f32* w, const f32* bias, f32* y, int n, int oh, int ow, int H, int W,
                          int CI, int OH, int OW, int KH, int KW, int pt, int pl, int act) {
  v128_t acc = wasm_f32x4_splat(0.f);
  const int kh0 = imax(0, pt - oh), kh1 = imin(KH, H + pt - oh);
  const int kw0 = imax(0, pl - ow), kw1 = imin(KW, W + pl - ow);
  for (int kh = kh0; kh < kh1; kh++)
    for (int kw = kw0; kw < kw1; kw++) {
      const f32* xp = x + ((n * H + oh + kh - pt) * W + ow + kw - pl) * CI;
      const f32* wp = w + (kh * KW + kw) * CI;
      for (int ci = 0; ci < CI; ci += 4)
        acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(xp + ci), wasm_v128_load(wp + ci)));
    }
  y[(n * OH + oh) * OW + ow] = act_s(hsum(acc) + (bias ? bias[0] : 0.f), act);
}

// CO == 1, CI % 4 == 0: four adjacent output pixels whose taps all fall inside the row, so that each weight vector
// is loaded once for the four. The same sums in the same order as conv_ci_pixel.
static void conv_ci_4px(const f32* x, const f32* w, const f32* bias, f32* y, int n, int oh, int ow, int H, int W,
                        int CI, int OH, int OW, int KH, int KW, int pt, int pl, int act) {
  v128_t a0 = wasm_f32x4_splat(0.f), a1 = a0, a2 = a0, a3 = a0;
  const int kh0 = imax(0, pt - oh), kh1 = imin(KH, H + pt - oh);
  for (int kh = kh0; kh < kh1; kh++)
    for (int kw = 0; kw < KW; kw++) {
      const f32* xp = x + ((n * H + oh + kh - pt) * W + ow + kw - pl) * CI;
      const f32* wp = w + (kh * KW + kw) * CI;
      for (int ci = 0; ci < CI; ci += 4) {
        const v128_t wv = wasm_v128_load(wp + ci);
        a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load(xp + ci), wv));
        a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load(xp + CI + ci), wv));
        a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(wasm_v128_load(xp + 2 * CI + ci), wv));
        a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(wasm_v128_load(xp + 3 * CI + ci), wv));
      }
    }
  const f32 b = bias ? bias[0] : 0.f;
  f32* yp = y + (n * OH + oh) * OW + ow;
  yp[0] = act_s(hsum(a0) + b, act);
  yp[1] = act_s(hsum(a1) + b, act);
  yp[2] = act_s(hsum(a2) + b, act);
  yp[3] = act_s(hsum(a3) + b, act);
}

/** Returns 0 when the shape is outside what this kernel handles (the caller then uses another path). */
EXPORT(conv2d)
int conv2d(const f32* x, const f32* w, const f32* bias, f32* y, int N, int H, int W, int CI, int OH, int OW, int CO,
           int KH, int KW, int pt, int pl, int act) {
  // Output columns whose taps all fall inside the row: [owIn0, owIn1).
  const int owIn0 = imin(OW, imax(0, pl)), owIn1 = imax(owIn0, imin(OW, W + pl - KW + 1));
  if (CO == 1 && CI % 4 == 0) {
    for (int n = 0; n < N; n++)
      for (int oh = 0; oh < OH; oh++) {
        int ow = 0;
        for (; ow < owIn0; ow++) conv_ci_pixel(x, w, bias, y, n, oh, ow, H, W, CI, OH, OW, KH, KW, pt, pl, act);
        for (; ow + 4 <= owIn1; ow += 4) conv_ci_4px(x, w, bias, y, n, oh, ow, H, W, CI, OH, OW, KH, KW, pt, pl, act);
        for (; ow < OW; ow++) conv_ci_pixel(x, w, bias, y, n, oh, ow, H, W, CI, OH, OW, KH, KW, pt, pl, act);
      }
    return 1;
  }
  if (CO % 4 != 0) return 0;
  for (int n = 0; n < N; n++)
    for (int oh = 0; oh < OH; oh++) {
      for (int ow = 0; ow < owIn0; ow++)
        for (int co = 0; co < CO; co += 4) conv_co_edge(x, w, bias, y, n, oh, ow, H, W, CI, OH, OW, CO, KH, KW, pt, pl, co, act);
      int ow = owIn0;
      for (; ow + 4 <= owIn1; ow += 4) {
        int co = 0;
        for (; co + 8 <= CO; co += 8) conv_co_4x2(x, w, bias, y, n, oh, ow, H, W, CI, OH, OW, CO, KH, KW, pt, pl, co, act);
        for (; co < CO; co += 4) conv_co_4x1(x, w, bias, y, n, oh, ow, H, W, CI, OH, OW, CO, KH, KW, pt, pl, co, act);
      }
      for (; ow < OW; ow++)
        for (int co = 0; co < CO; co += 4) conv_co_edge(x, w, bias, y, n, oh, ow, H, W, CI, OH, OW, CO, KH, KW, pt, pl, co, act);
    }
  return 1;
}

// ---------------------------------------------------------------------------------------------------------
// Column sums of a [R, C] matrix (bias gradients: dy summed over batch and space).
EXPORT(sum_rows)
void sum_rows(const f32* x, f32* out, int R, int C) {
  if (C == 1) {
    v128_t a0 = wasm_f32x4_splat(0.f), a1 = a0;
    int r = 0;
    for (; r + 8 <= R; r += 8) {
      a0 = wasm_f32x4_add(a0, wasm_v128_load(x + r));
      a1 = wasm_f32x4_add(a1, wasm_v128_load(x + r + 4));
    }
    f32 s = hsum(wasm_f32x4_add(a0, a1));
    for (; r < R; r++) s += x[r];
    out[0] = s;
    return;
  }
  int c = 0;
  for (; c + 16 <= C; c += 16) {
    v128_t a0 = wasm_f32x4_splat(0.f), a1 = a0, a2 = a0, a3 = a0;
    for (int r = 0; r < R; r++) {
      const f32* p = x + r * C + c;
      a0 = wasm_f32x4_add(a0, wasm_v128_load(p));
      a1 = wasm_f32x4_add(a1, wasm_v128_load(p + 4));
      a2 = wasm_f32x4_add(a2, wasm_v128_load(p + 8));
      a3 = wasm_f32x4_add(a3, wasm_v128_load(p + 12));
    }
    wasm_v128_store(out + c, a0);
    wasm_v128_store(out + c + 4, a1);
    wasm_v128_store(out + c + 8, a2);
    wasm_v128_store(out + c + 12, a3);
  }
  for (; c + 4 <= C; c += 4) {
    v128_t a0 = wasm_f32x4_splat(0.f), a1 = a0;
    int r = 0;
    for (; r + 2 <= R; r += 2) {
      a0 = wasm_f32x4_add(a0, wasm_v128_load(x + r * C + c));
      a1 = wasm_f32x4_add(a1, wasm_v128_load(x + (r + 1) * C + c));
    }
    for (; r < R; r++) a0 = wasm_f32x4_add(a0, wasm_v128_load(x + r * C + c));
    wasm_v128_store(out + c, wasm_f32x4_add(a0, a1));
  }
  for (; c < C; c++) {
    f32 s = 0;
    for (int r = 0; r < R; r++) s += x[r * C + c];
    out[c] = s;
  }
}

// y[r, c] = x[r, c] + b[c] (a bias added over the last axis).
EXPORT(add_bias)
void add_bias(const f32* x, const f32* b, f32* y, int R, int C) {
  if (C % 4 == 0) {
    for (int r = 0; r < R; r++)
      for (int c = 0; c < C; c += 4)
        wasm_v128_store(y + r * C + c, wasm_f32x4_add(wasm_v128_load(x + r * C + c), wasm_v128_load(b + c)));
    return;
  }
  for (int r = 0; r < R; r++)
    for (int c = 0; c < C; c++) y[r * C + c] = x[r * C + c] + b[c];
}

// Nearest-neighbour upsampling by whole factors: y[n, h*SY+a, w*SX+b, c] = x[n,h,w,c].
EXPORT(upsample)
void upsample(const f32* x, f32* y, int N, int H, int W, int C, int SY, int SX) {
  const int OW = W * SX;
  for (int n = 0; n < N; n++)
    for (int h = 0; h < H; h++) {
      f32* row = y + ((n * H + h) * SY) * OW * C;
      for (int w = 0; w < W; w++) {
        const f32* src = x + ((n * H + h) * W + w) * C;
        for (int b = 0; b < SX; b++) {
          f32* dst = row + (w * SX + b) * C;
          int c = 0;
          for (; c + 4 <= C; c += 4) wasm_v128_store(dst + c, wasm_v128_load(src + c));
          for (; c < C; c++) dst[c] = src[c];
        }
      }
      for (int a = 1; a < SY; a++) __builtin_memcpy(row + a * OW * C, row, OW * C * sizeof(f32));
    }
}

// ReLU gradient in one pass: dx = x > 0 ? dy : 0 (the stock gradient is step, cast and multiply).
EXPORT(relu_grad)
void relu_grad(const f32* x, const f32* dy, f32* dx, int size) {
  int i = 0;
  const v128_t zero = wasm_f32x4_splat(0.f);
  for (; i + 4 <= size; i += 4) {
    v128_t positive = wasm_f32x4_gt(wasm_v128_load(x + i), zero);
    wasm_v128_store(dx + i, wasm_v128_and(wasm_v128_load(dy + i), positive));
  }
  for (; i < size; i++) dx[i] = x[i] > 0 ? dy[i] : 0.f;
}

// ---------------------------------------------------------------------------------------------------------
// Natural logarithm of four positive normal floats: Cephes' logf (mantissa in [sqrt(1/2), sqrt(2)), a degree-9
// polynomial, the exponent's ln 2 in two parts), within about 1 ulp, as tf's own Log.
static inline v128_t log_v(v128_t x) {
  const v128_t bits = x;
  v128_t e = wasm_i32x4_sub(wasm_u32x4_shr(bits, 23), wasm_i32x4_splat(126));
  v128_t m = wasm_v128_or(wasm_v128_and(bits, wasm_i32x4_splat(0x007fffff)), wasm_i32x4_splat(0x3f000000));
  // m in [0.5, 1): below sqrt(1/2), double it and take one from the exponent.
  const v128_t small = wasm_f32x4_lt(m, wasm_f32x4_splat(0.707106781186547524f));
  e = wasm_i32x4_add(e, small);  // small lanes are -1
  m = wasm_f32x4_sub(wasm_f32x4_add(m, wasm_v128_and(m, small)), wasm_f32x4_splat(1.f));
  const v128_t ef = wasm_f32x4_convert_i32x4(e);
  const v128_t z = wasm_f32x4_mul(m, m);
  v128_t y = wasm_f32x4_splat(7.0376836292E-2f);
  y = wasm_f32x4_add(wasm_f32x4_mul(y, m), wasm_f32x4_splat(-1.1514610310E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, m), wasm_f32x4_splat(1.1676998740E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, m), wasm_f32x4_splat(-1.2420140846E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, m), wasm_f32x4_splat(1.4249322787E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, m), wasm_f32x4_splat(-1.6668057665E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, m), wasm_f32x4_splat(2.0000714765E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, m), wasm_f32x4_splat(-2.4999993993E-1f));
  y = wasm_f32x4_add(wasm_f32x4_mul(y, m), wasm_f32x4_splat(3.3333331174E-1f));
  y = wasm_f32x4_mul(wasm_f32x4_mul(y, m), z);
  y = wasm_f32x4_add(y, wasm_f32x4_mul(ef, wasm_f32x4_splat(-2.12194440e-4f)));
  y = wasm_f32x4_sub(y, wasm_f32x4_mul(z, wasm_f32x4_splat(0.5f)));
  return wasm_f32x4_add(wasm_f32x4_add(m, y), wasm_f32x4_mul(ef, wasm_f32x4_splat(0.693359375f)));
}

// Binary cross-entropy of each of R rows of C values, averaged over the row: out[r] = -mean(t log p + (1 - t)
// log(1 - p)), p clipped to [eps, 1 - eps]. C % 4 == 0.
EXPORT(bce_rows)
void bce_rows(const f32* t, const f32* p, f32* out, int R, int C, f32 eps) {
  const v128_t low = wasm_f32x4_splat(eps), high = wasm_f32x4_splat(1.f - eps), one = wasm_f32x4_splat(1.f);
  for (int r = 0; r < R; r++) {
    v128_t acc = wasm_f32x4_splat(0.f);
    for (int i = r * C; i < (r + 1) * C; i += 4) {
      const v128_t q = wasm_f32x4_min(wasm_f32x4_max(wasm_v128_load(p + i), low), high);
      const v128_t ti = wasm_v128_load(t + i);
      const v128_t term = wasm_f32x4_add(wasm_f32x4_mul(ti, log_v(q)),
                                         wasm_f32x4_mul(wasm_f32x4_sub(one, ti), log_v(wasm_f32x4_sub(one, q))));
      acc = wasm_f32x4_add(acc, term);
    }
    out[r] = -hsum(acc) / (f32)C;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The encoder's first block: a 3x3 "same" convolution of a one-channel image, its bias and ReLU, then a 2x2 max
// pooling of stride 2 ("same": an odd size takes one more row or column of padding at the bottom or right), in one
// pass: the convolution's output is never written. y is the pooled [N, OH, OW, CO] map; arg[n, oh, ow] records, in
// two bits per channel, which of the window's four positions (row-major) held the first maximum, for the gradient.
// The 4x4 patch of the image under a window's four 3x3 taps is read once; CO = 4 * COV, at most 16.

// p[u][v] = x[n, 2oh - 1 + u, 2ow - 1 + v] (0 outside the image).
#define CRP_PATCH(p, x, n, oh, ow, H, W)                                                                       \
  f32 p[4][4];                                                                                                 \
  for (int u = 0; u < 4; u++)                                                                                  \
    for (int v = 0; v < 4; v++) {                                                                              \
      const int r_ = 2 * (oh) - 1 + u, s_ = 2 * (ow) - 1 + v;                                                  \
      p[u][v] = r_ >= 0 && r_ < (H) && s_ >= 0 && s_ < (W) ? (x)[((n) * (H) + r_) * (W) + s_] : 0.f;           \
    }

#define CRP_FORWARD(NAME, COV)                                                                                 \
  static void NAME(const f32* x, const f32* w, const f32* bias, f32* y, int* arg, int n0, int n1, int H, int W, \
                   int OH, int OW) {                                                                           \
    const int CO = 4 * COV;                                                                                    \
    v128_t wv[9][COV], bv[COV];                                                                                \
    for (int j = 0; j < COV; j++) {                                                                            \
      bv[j] = wasm_v128_load(bias + 4 * j);                                                                    \
      for (int t = 0; t < 9; t++) wv[t][j] = wasm_v128_load(w + t * CO + 4 * j);                               \
    }                                                                                                          \
    for (int n = n0; n < n1; n++)                                                                              \
      for (int oh = 0; oh < OH; oh++)                                                                          \
        for (int ow = 0; ow < OW; ow++) {                                                                      \
          CRP_PATCH(p, x, n, oh, ow, H, W)                                                                     \
          v128_t best[COV], where[COV];                                                                        \
          for (int j = 0; j < COV; j++) {                                                                      \
            best[j] = wasm_f32x4_splat(-__builtin_inff());                                                     \
            where[j] = wasm_i32x4_splat(0);                                                                    \
          }                                                                                                    \
          _Pragma("clang loop unroll(full)") for (int k = 0; k < 4; k++) {                                                    \
            const int a = k >> 1, b = k & 1;                                                                   \
            if (2 * oh + a >= H || 2 * ow + b >= W) continue;                                                  \
            v128_t acc[COV];                                                                                   \
            for (int j = 0; j < COV; j++) acc[j] = bv[j];                                                      \
            for (int t = 0; t < 9; t++) {                                                                      \
              const v128_t xs = wasm_f32x4_splat(p[a + t / 3][b + t % 3]);                                     \
              for (int j = 0; j < COV; j++) acc[j] = wasm_f32x4_add(acc[j], wasm_f32x4_mul(xs, wv[t][j]));     \
            }                                                                                                  \
            for (int j = 0; j < COV; j++) {                                                                    \
              const v128_t gt = wasm_f32x4_gt(acc[j], best[j]);                                                \
              best[j] = wasm_v128_bitselect(acc[j], best[j], gt);                                              \
              where[j] = wasm_v128_bitselect(wasm_i32x4_splat(k), where[j], gt);                               \
            }                                                                                                  \
          }                                                                                                    \
          const int at = (n * OH + oh) * OW + ow;                                                              \
          int packed = 0;                                                                                      \
          for (int j = 0; j < COV; j++) {                                                                      \
            wasm_v128_store(y + at * CO + 4 * j, wasm_f32x4_max(best[j], wasm_f32x4_splat(0.f)));             \
            const v128_t bits = wasm_i32x4_mul(where[j], wasm_i32x4_make(1, 4, 16, 64));                       \
            packed |= (wasm_i32x4_extract_lane(bits, 0) | wasm_i32x4_extract_lane(bits, 1) |                   \
                       wasm_i32x4_extract_lane(bits, 2) | wasm_i32x4_extract_lane(bits, 3))                    \
                      << (8 * j);                                                                              \
          }                                                                                                    \
          arg[at] = packed;                                                                                    \
        }                                                                                                      \
  }

CRP_FORWARD(crp_forward_4, 4)
CRP_FORWARD(crp_forward_2, 2)
CRP_FORWARD(crp_forward_1, 1)

// The window position of channels c..c+3 that took the maximum, and their gradient: dy where the maximum is positive
// (the ReLU), else 0.
static inline v128_t crp_where(int packed, int c) {
  const int p = packed >> (2 * c);
  return wasm_i32x4_make(p & 3, (p >> 2) & 3, (p >> 4) & 3, (p >> 6) & 3);
}
static inline v128_t crp_grad(const f32* dy, const f32* y, int at) {
  return wasm_v128_and(wasm_v128_load(dy + at), wasm_f32x4_gt(wasm_v128_load(y + at), wasm_f32x4_splat(0.f)));
}

// Filter and bias gradients for images [n0, n1), accumulated into dw [3,3,1,CO] and db (the caller zeroes them).
// Only a window's maximum takes its gradient, so the sum runs over the pooled map (a quarter of the conv's pixels),
// with the 9 x COV accumulators in registers.
#define CRP_FILTER_GRAD(NAME, COV)                                                                             \
  static void NAME(const f32* x, const f32* dy, const f32* y, const int* arg, f32* dw, f32* db, int n0, int n1, \
                   int H, int W, int OH, int OW) {                                                             \
    const int CO = 4 * COV;                                                                                    \
    v128_t acc[9][COV], bacc[COV];                                                                             \
    for (int j = 0; j < COV; j++) {                                                                            \
      bacc[j] = wasm_f32x4_splat(0.f);                                                                         \
      for (int t = 0; t < 9; t++) acc[t][j] = wasm_f32x4_splat(0.f);                                           \
    }                                                                                                          \
    for (int n = n0; n < n1; n++)                                                                              \
      for (int oh = 0; oh < OH; oh++)                                                                          \
        for (int ow = 0; ow < OW; ow++) {                                                                      \
          CRP_PATCH(p, x, n, oh, ow, H, W)                                                                     \
          const int at = (n * OH + oh) * OW + ow;                                                              \
          _Pragma("clang loop unroll(full)") for (int j = 0; j < COV; j++) {                                                  \
            const v128_t g = crp_grad(dy, y, at * CO + 4 * j), where = crp_where(arg[at], 4 * j);              \
            bacc[j] = wasm_f32x4_add(bacc[j], g);                                                              \
            _Pragma("clang loop unroll(full)") for (int k = 0; k < 4; k++) {                                                  \
              const v128_t gk = wasm_v128_and(g, wasm_i32x4_eq(where, wasm_i32x4_splat(k)));                   \
              _Pragma("clang loop unroll(full)") for (int t = 0; t < 9; t++)                                                  \
                acc[t][j] = wasm_f32x4_add(                                                                    \
                    acc[t][j], wasm_f32x4_mul(wasm_f32x4_splat(p[(k >> 1) + t / 3][(k & 1) + t % 3]), gk));   \
            }                                                                                                  \
          }                                                                                                    \
        }                                                                                                      \
    for (int j = 0; j < COV; j++) {                                                                            \
      wasm_v128_store(db + 4 * j, wasm_f32x4_add(wasm_v128_load(db + 4 * j), bacc[j]));                        \
      for (int t = 0; t < 9; t++)                                                                              \
        wasm_v128_store(dw + t * CO + 4 * j, wasm_f32x4_add(wasm_v128_load(dw + t * CO + 4 * j), acc[t][j]));  \
    }                                                                                                          \
  }

CRP_FILTER_GRAD(crp_filter_grad_4, 4)
CRP_FILTER_GRAD(crp_filter_grad_2, 2)
CRP_FILTER_GRAD(crp_filter_grad_1, 1)

static int crp_in_scope(int H, int W, int CO, int OH, int OW) {
  return OH == (H + 1) / 2 && OW == (W + 1) / 2 && (CO == 4 || CO == 8 || CO == 16);
}

/** Returns 0 when the shape is outside the kernel's scope (nothing written). Images [n0, n1) of the batch. */
EXPORT(conv_relu_pool)
int conv_relu_pool(const f32* x, const f32* w, const f32* bias, f32* y, int* arg, int n0, int n1, int H, int W, int CO,
                   int OH, int OW) {
  if (!crp_in_scope(H, W, CO, OH, OW)) return 0;
  if (CO == 16) crp_forward_4(x, w, bias, y, arg, n0, n1, H, W, OH, OW);
  else if (CO == 8) crp_forward_2(x, w, bias, y, arg, n0, n1, H, W, OH, OW);
  else crp_forward_1(x, w, bias, y, arg, n0, n1, H, W, OH, OW);
  return 1;
}

EXPORT(conv_relu_pool_filter_grad)
int conv_relu_pool_filter_grad(const f32* x, const f32* dy, const f32* y, const int* arg, f32* dw, f32* db, int n0,
                               int n1, int H, int W, int CO, int OH, int OW) {
  if (!crp_in_scope(H, W, CO, OH, OW)) return 0;
  if (CO == 16) crp_filter_grad_4(x, dy, y, arg, dw, db, n0, n1, H, W, OH, OW);
  else if (CO == 8) crp_filter_grad_2(x, dy, y, arg, dw, db, n0, n1, H, W, OH, OW);
  else crp_filter_grad_1(x, dy, y, arg, dw, db, n0, n1, H, W, OH, OW);
  return 1;
}

// The gradient with respect to the convolution's output [N, H, W, CO] (dense, each pixel written once), for the
// image's gradient (a Conv2DBackpropInput of it) where one is wanted.
EXPORT(conv_relu_pool_output_grad)
void conv_relu_pool_output_grad(const f32* dy, const f32* y, const int* arg, f32* dz, int n0, int n1, int H, int W,
                                int CO, int OH, int OW) {
  for (int n = n0; n < n1; n++)
    for (int oh = 0; oh < OH; oh++)
      for (int ow = 0; ow < OW; ow++) {
        const int at = (n * OH + oh) * OW + ow;
        for (int c = 0; c < CO; c += 4) {
          const v128_t g = crp_grad(dy, y, at * CO + c), where = crp_where(arg[at], c);
          for (int k = 0; k < 4; k++) {
            const int r = 2 * oh + (k >> 1), s = 2 * ow + (k & 1);
            if (r < H && s < W)
              wasm_v128_store(dz + ((n * H + r) * W + s) * CO + c,
                              wasm_v128_and(g, wasm_i32x4_eq(where, wasm_i32x4_splat(k))));
          }
        }
      }
}

// ---------------------------------------------------------------------------------------------------------
// A 2x nearest-neighbour upsampling and then a 3x3 "same" convolution to one channel, in one pass over the small map:
// y[n, p, q] = bias + sum_{kh,kw,c} z[n, (p+kh-1)>>1, (q+kw-1)>>1, c] w[kh,kw,c]. Each output of the 2x2 block of
// z's pixel (i, j) (phase a, b) sees only two rows and two columns of z, so its nine taps fold into four: e holds
// those folded filters, [phase (a,b)][row dr][column dc][CI], filled by upsample_conv_fold. CI % 4 == 0.
EXPORT(upsample_conv_fold)
void upsample_conv_fold(const f32* w, f32* e, int CI) {
  for (int a = 0; a < 2; a++)
    for (int b = 0; b < 2; b++)
      for (int dr = 0; dr < 2; dr++)
        for (int dc = 0; dc < 2; dc++) {
          f32* ep = e + (((a * 2 + b) * 2 + dr) * 2 + dc) * CI;
          for (int c = 0; c < CI; c++) ep[c] = 0.f;
          // Phase 0 takes tap 0 from the row above and taps 1, 2 from its own; phase 1 taps 0, 1 from its own row
          // and tap 2 from the row below.
          for (int kh = 0; kh < 3; kh++) {
            if ((a == 0 ? kh > 0 : kh == 2) != dr) continue;
            for (int kw = 0; kw < 3; kw++) {
              if ((b == 0 ? kw > 0 : kw == 2) != dc) continue;
              for (int c = 0; c < CI; c++) ep[c] += w[(kh * 3 + kw) * CI + c];
            }
          }
        }
}

EXPORT(upsample_conv)
void upsample_conv(const f32* z, const f32* e, const f32* bias, f32* y, int n0, int n1, int H, int W, int CI) {
  const int OW = 2 * W;
  for (int n = n0; n < n1; n++)
    for (int i = 0; i < H; i++)
      for (int j = 0; j < W; j++)
        for (int a = 0; a < 2; a++)
          for (int b = 0; b < 2; b++) {
            v128_t acc = wasm_f32x4_splat(0.f);
            for (int dr = 0; dr < 2; dr++) {
              const int zi = i + dr - 1 + a;
              if (zi < 0 || zi >= H) continue;
              for (int dc = 0; dc < 2; dc++) {
                const int zj = j + dc - 1 + b;
                if (zj < 0 || zj >= W) continue;
                const f32* zp = z + ((n * H + zi) * W + zj) * CI;
                const f32* ep = e + (((a * 2 + b) * 2 + dr) * 2 + dc) * CI;
                for (int c = 0; c < CI; c += 4)
                  acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(zp + c), wasm_v128_load(ep + c)));
              }
            }
            y[(n * 2 * H + 2 * i + a) * OW + 2 * j + b] = hsum(acc) + bias[0];
          }
}

// Its gradient for images [n0, n1). With s[kh,kw](i, j), the sum of dy over the outputs whose tap (kh, kw) reads
// z's pixel (i, j): dz[c] = sum_k s[k] w[k][c] (times z > 0 when relu: z is a ReLU's output), dw[k][c] += s[k] z[c],
// db += s[1][1] (that tap sees every output once). dw, db accumulate (the caller zeroes them).
EXPORT(upsample_conv_grad)
void upsample_conv_grad(const f32* z, const f32* w, const f32* dy, f32* dz, f32* dw, f32* db, int n0, int n1, int H,
                        int W, int CI, int relu) {
  const int OH = 2 * H, OW = 2 * W;
  const v128_t zero = wasm_f32x4_splat(0.f);
  for (int n = n0; n < n1; n++)
    for (int i = 0; i < H; i++)
      for (int j = 0; j < W; j++) {
        // d[u][v]: dy at row 2i-1+u, column 2j-1+v (0 outside). Tap kh reads this pixel from rows u in {2-kh, 3-kh}.
        f32 d[4][4];
        for (int u = 0; u < 4; u++)
          for (int v = 0; v < 4; v++) {
            const int p = 2 * i - 1 + u, q = 2 * j - 1 + v;
            d[u][v] = p >= 0 && p < OH && q >= 0 && q < OW ? dy[(n * OH + p) * OW + q] : 0.f;
          }
        f32 cs[4][3];
        for (int u = 0; u < 4; u++)
          for (int kw = 0; kw < 3; kw++) cs[u][kw] = d[u][2 - kw] + d[u][3 - kw];
        f32 s[9];
        for (int kh = 0; kh < 3; kh++)
          for (int kw = 0; kw < 3; kw++) s[kh * 3 + kw] = cs[2 - kh][kw] + cs[3 - kh][kw];
        db[0] += s[4];
        const f32* zp = z + ((n * H + i) * W + j) * CI;
        f32* dzp = dz + ((n * H + i) * W + j) * CI;
        for (int c = 0; c < CI; c += 4) {
          const v128_t zv = wasm_v128_load(zp + c);
          v128_t g = zero;
          for (int k = 0; k < 9; k++) {
            const v128_t sk = wasm_f32x4_splat(s[k]);
            g = wasm_f32x4_add(g, wasm_f32x4_mul(sk, wasm_v128_load(w + k * CI + c)));
            f32* wp = dw + k * CI + c;
            wasm_v128_store(wp, wasm_f32x4_add(wasm_v128_load(wp), wasm_f32x4_mul(sk, zv)));
          }
          if (relu) g = wasm_v128_and(g, wasm_f32x4_gt(zv, zero));
          wasm_v128_store(dzp + c, g);
        }
      }
}

// ---------------------------------------------------------------------------------------------------------
// Optimizer updates of one variable (lib/backend/kernels/adam.ts, rmsprop.ts): the stock optimizers' float32
// arithmetic in the same order (SIMD division and square root are IEEE's, correctly rounded, as tf's kernels).
EXPORT(rmsprop_update)
void rmsprop_update(const f32* x, const f32* s, const f32* p, const f32* g, f32* x1, f32* s1, f32* p1, int size,
                    f32 rate, f32 decay, f32 od, f32 momentum, f32 eps) {
  // od: 1 - decay, rounded from double as the stock optimizer's scalar is (1.f - decay would differ by an ulp).
  const v128_t d4 = wasm_f32x4_splat(decay), od4 = wasm_f32x4_splat(od), mo4 = wasm_f32x4_splat(momentum);
  const v128_t rate4 = wasm_f32x4_splat(rate), eps4 = wasm_f32x4_splat(eps);
  int i = 0;
  for (; i + 4 <= size; i += 4) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t si = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(s + i), d4), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), od4));
    const v128_t step = wasm_f32x4_div(wasm_f32x4_mul(gi, rate4), wasm_f32x4_sqrt(wasm_f32x4_add(si, eps4)));
    const v128_t pi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(p + i), mo4), step);
    wasm_v128_store(s1 + i, si);
    wasm_v128_store(p1 + i, pi);
    wasm_v128_store(x1 + i, wasm_f32x4_sub(wasm_v128_load(x + i), pi));
  }
  for (; i < size; i++) {
    const f32 gi = g[i];
    const f32 si = s[i] * decay + (gi * gi) * od;
    const f32 pi = p[i] * momentum + (gi * rate) / __builtin_sqrtf(si + eps);
    s1[i] = si;
    p1[i] = pi;
    x1[i] = x[i] - pi;
  }
}

EXPORT(adam_update)
void adam_update(const f32* x, const f32* m, const f32* v, const f32* g, f32* x1, f32* m1, f32* v1, int size,
                 f32 negRate, f32 b1, f32 b2, f32 ob1, f32 ob2, f32 c1, f32 c2, f32 eps) {
  const v128_t b14 = wasm_f32x4_splat(b1), b24 = wasm_f32x4_splat(b2), ob14 = wasm_f32x4_splat(ob1);
  const v128_t ob24 = wasm_f32x4_splat(ob2), c14 = wasm_f32x4_splat(c1), c24 = wasm_f32x4_splat(c2);
  const v128_t eps4 = wasm_f32x4_splat(eps), rate4 = wasm_f32x4_splat(negRate);
  int i = 0;
  for (; i + 4 <= size; i += 4) {
    const v128_t gi = wasm_v128_load(g + i);
    const v128_t mi = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(m + i), b14), wasm_f32x4_mul(gi, ob14));
    const v128_t vi =
        wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(v + i), b24), wasm_f32x4_mul(wasm_f32x4_mul(gi, gi), ob24));
    const v128_t denom = wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(vi, c24)), eps4);
    const v128_t delta = wasm_f32x4_mul(wasm_f32x4_div(wasm_f32x4_div(mi, c14), denom), rate4);
    wasm_v128_store(m1 + i, mi);
    wasm_v128_store(v1 + i, vi);
    wasm_v128_store(x1 + i, wasm_f32x4_add(delta, wasm_v128_load(x + i)));
  }
  for (; i < size; i++) {
    const f32 gi = g[i];
    const f32 mi = m[i] * b1 + gi * ob1;
    const f32 vi = v[i] * b2 + (gi * gi) * ob2;
    m1[i] = mi;
    v1[i] = vi;
    x1[i] = ((mi / c1) / (__builtin_sqrtf(vi / c2) + eps)) * negRate + x[i];
  }
}
