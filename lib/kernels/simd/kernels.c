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
void max_pool_grad(const f32* x, const f32* dy, f32* dx, int N, int H, int W, int C, int OH, int OW, int FH, int FW,
                   int SH, int SW, int pt, int pl) {
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
          if (w0 >= 0) dx[w0] += g[c];
          if (w1 >= 0) dx[w1] += g[c + 1];
          if (w2 >= 0) dx[w2] += g[c + 2];
          if (w3 >= 0) dx[w3] += g[c + 3];
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
          if (where >= 0) dx[where] += g[c];
        }
      }
    }
}

// ---------------------------------------------------------------------------------------------------------
// Nearest-neighbour upsampling by whole factors (SY, SX), no corner alignment: dx[n,h,w,c] sums its block of dy.
EXPORT(upsample_grad)
void upsample_grad(const f32* dy, f32* dx, int N, int H, int W, int C, int SY, int SX) {
  const int OW = W * SX;
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
          wasm_v128_store(out + c, acc);
        }
        for (; c < C; c++) {
          f32 acc = 0;
          for (int a = 0; a < SY; a++)
            for (int b = 0; b < SX; b++) acc += dy[(((n * H + h) * SY + a) * OW + w * SX + b) * C + c];
          out[c] = acc;
        }
      }
}
