/* The kernels of CNetworkKernels.h, at three levels of the x86-64 instruction set:
 *
 *   baseline  SSE2: four-double vectors become pairs of registers; the products in blocks of four rows by four
 *             columns (the wider blocks spill at this level)
 *   avx2      one register per vector; the products in blocks of two rows by sixteen columns
 *   avx512    tanh and the log-loss eight doubles to a vector; the products are avx2's
 *
 * Each body is written once, as always-inlined functions on vectors, and compiled into each level's functions. FMA is
 * never used (contraction is off, and no level's code has a fused operation written in it), so a·b + c is always a
 * product rounded, then a sum rounded: the same bits at every level, which the tests check. */
#include "CNetworkKernels.h"

#include <stdint.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
/* The vector helpers are always inlined, so no vector crosses a call at a level narrower than it. */
#pragma clang diagnostic ignored "-Wpsabi"

#define INLINE static inline __attribute__((always_inline))

/* FixedOrderMath's constants, the same doubles. */
static const double ln2Hi = 6.93147180369123816490e-01;
static const double ln2Lo = 1.90821492927058770002e-10;
static const double invLn2 = 1.44269504088896338700e+00;
static const double shifter = 6755399441055744.0; /* 1.5 · 2⁵² */

/* ---- tanh and the log-loss, four doubles to a vector and eight ---------------------------------------------- */

#define EW_WIDTH 4
#define EW(name) name##_w4
#define EW_INLINE INLINE
#include "ElementwiseKernels.h"
#undef EW_WIDTH
#undef EW
#undef EW_INLINE

#if defined(__x86_64__)
#define EW_WIDTH 8
#define EW(name) name##_w8
#define EW_INLINE static inline __attribute__((always_inline, target("avx512f")))
#include "ElementwiseKernels.h"
#undef EW_WIDTH
#undef EW
#undef EW_INLINE
#endif

/* The products below work on four-double vectors with the helpers ElementwiseKernels.h defined for that width. */
typedef vd_w4 v4d;
#define splat splat_w4
#define load load_w4
#define store store_w4

/* ---- c = bias + a·b -------------------------------------------------------------------------------------------- */

/* Row block i (`count` rows, 1 or 2) of c: columns sixteen at a time in four vectors per row, then four, then one.
 * Two rows of sixteen columns are eight running sums, enough independent additions to keep the adders busy. */
INLINE void multiply_rows(size_t i, size_t count, size_t inner, size_t cols, const double *a, const double *b,
                          const double *bias, double *c) {
    const double *a0 = a + i * inner, *a1 = count > 1 ? a0 + inner : a0;
    double *c0 = c + i * cols, *c1 = count > 1 ? c0 + cols : c0;
    size_t wideCols = cols - cols % 16, vectorCols = cols - cols % 4, j = 0;
    for (; j < wideCols; j += 16) {
        v4d s00 = bias ? load(bias + j) : splat(0), s01 = bias ? load(bias + j + 4) : splat(0);
        v4d s02 = bias ? load(bias + j + 8) : splat(0), s03 = bias ? load(bias + j + 12) : splat(0);
        v4d s10 = s00, s11 = s01, s12 = s02, s13 = s03;
        for (size_t k = 0; k < inner; k++) {
            const double *bk = b + k * cols + j;
            v4d w0 = load(bk), w1 = load(bk + 4), w2 = load(bk + 8), w3 = load(bk + 12);
            v4d x0 = splat(a0[k]), x1 = splat(a1[k]);
            s00 = s00 + x0 * w0; s01 = s01 + x0 * w1; s02 = s02 + x0 * w2; s03 = s03 + x0 * w3;
            s10 = s10 + x1 * w0; s11 = s11 + x1 * w1; s12 = s12 + x1 * w2; s13 = s13 + x1 * w3;
        }
        /* With one row, row 1 is row 0 again: stored last, the same values. */
        store(c1 + j, s10); store(c1 + j + 4, s11); store(c1 + j + 8, s12); store(c1 + j + 12, s13);
        store(c0 + j, s00); store(c0 + j + 4, s01); store(c0 + j + 8, s02); store(c0 + j + 12, s03);
    }
    for (; j < vectorCols; j += 4) {
        v4d s0 = bias ? load(bias + j) : splat(0), s1 = s0;
        for (size_t k = 0; k < inner; k++) {
            v4d w = load(b + k * cols + j);
            s0 = s0 + splat(a0[k]) * w;
            s1 = s1 + splat(a1[k]) * w;
        }
        store(c1 + j, s1);
        store(c0 + j, s0);
    }
    for (; j < cols; j++) {
        double s0 = bias ? bias[j] : 0, s1 = s0;
        for (size_t k = 0; k < inner; k++) {
            double w = b[k * cols + j];
            s0 += a0[k] * w;
            s1 += a1[k] * w;
        }
        c1[j] = s1;
        c0[j] = s0;
    }
}

INLINE void multiply_body(size_t rows, size_t inner, size_t cols, const double *a, const double *b,
                          const double *bias, double *c) {
    size_t i = 0;
    for (; i + 2 <= rows; i += 2) multiply_rows(i, 2, inner, cols, a, b, bias, c);
    if (i < rows) multiply_rows(i, 1, inner, cols, a, b, bias, c);
}

/* ---- g += aᵀ·d ------------------------------------------------------------------------------------------------- */

/* Rows k (`count` of them, 1 or 2) of g, continued over rows start..<end of a and d: columns sixteen at a time in
 * four vectors per row of g (eight running sums for two), then four, then one. */
INLINE void accumulate_rows(size_t k, size_t count, size_t start, size_t end, size_t m, size_t cols, const double *a,
                            const double *d, double *g) {
    size_t k1 = count > 1 ? k + 1 : k;
    double *g0 = g + k * cols, *g1 = g + k1 * cols;
    size_t wideCols = cols - cols % 16, vectorCols = cols - cols % 4, j = 0;
    for (; j < wideCols; j += 16) {
        v4d s00 = load(g0 + j), s01 = load(g0 + j + 4), s02 = load(g0 + j + 8), s03 = load(g0 + j + 12);
        v4d s10 = load(g1 + j), s11 = load(g1 + j + 4), s12 = load(g1 + j + 8), s13 = load(g1 + j + 12);
        for (size_t i = start; i < end; i++) {
            const double *di = d + i * cols + j;
            v4d d0 = load(di), d1 = load(di + 4), d2 = load(di + 8), d3 = load(di + 12);
            v4d x0 = splat(a[i * m + k]), x1 = splat(a[i * m + k1]);
            s00 = s00 + x0 * d0; s01 = s01 + x0 * d1; s02 = s02 + x0 * d2; s03 = s03 + x0 * d3;
            s10 = s10 + x1 * d0; s11 = s11 + x1 * d1; s12 = s12 + x1 * d2; s13 = s13 + x1 * d3;
        }
        /* With one row, row 1 is row 0 again: stored last, the same values. */
        store(g1 + j, s10); store(g1 + j + 4, s11); store(g1 + j + 8, s12); store(g1 + j + 12, s13);
        store(g0 + j, s00); store(g0 + j + 4, s01); store(g0 + j + 8, s02); store(g0 + j + 12, s03);
    }
    for (; j < vectorCols; j += 4) {
        v4d s0 = load(g0 + j), s1 = load(g1 + j);
        for (size_t i = start; i < end; i++) {
            v4d dv = load(d + i * cols + j);
            s0 = s0 + splat(a[i * m + k]) * dv;
            s1 = s1 + splat(a[i * m + k1]) * dv;
        }
        store(g1 + j, s1);
        store(g0 + j, s0);
    }
    for (; j < cols; j++) {
        double s0 = g0[j], s1 = g1[j];
        for (size_t i = start; i < end; i++) {
            double dv = d[i * cols + j];
            s0 += a[i * m + k] * dv;
            s1 += a[i * m + k1] * dv;
        }
        g1[j] = s1;
        g0[j] = s0;
    }
}

INLINE void accumulate_body(size_t rows, size_t m, size_t cols, const double *a, const double *d, double *g) {
    /* Rows in tiles of 256, so both operands stay in cache; each tile continues every entry's running sum, so the order
     * is that of one pass. */
    const size_t tile = 256;
    for (size_t start = 0; start < rows; start += tile) {
        size_t end = rows - start < tile ? rows : start + tile, k = 0;
        for (; k + 2 <= m; k += 2) accumulate_rows(k, 2, start, end, m, cols, a, d, g);
        if (k < m) accumulate_rows(k, 1, start, end, m, cols, a, d, g);
    }
}

/* ---- the products at the baseline ---------------------------------------------------------------------------- */

/* SSE2 has sixteen registers of two doubles: four rows by one four-double vector (four running sums, eight registers)
 * fit, while the wide blocks above (eight four-double sums and their operands) spill at this level and measured
 * 40–70 % slower on the course's 210 × 16 × 16 products. The same sums in the same order as the wide form. */

/* Columns first… of row i, one at a time (the same sums). */
INLINE void multiply_columns_narrow(size_t first, size_t i, size_t inner, size_t cols, const double *a,
                                    const double *b, const double *bias, double *c) {
    const double *ar = a + i * inner;
    for (size_t j = first; j < cols; j++) {
        double s = bias ? bias[j] : 0;
        for (size_t k = 0; k < inner; k++) s += ar[k] * b[k * cols + j];
        c[i * cols + j] = s;
    }
}

INLINE void multiply_body_narrow(size_t rows, size_t inner, size_t cols, const double *a, const double *b,
                                 const double *bias, double *c) {
    size_t vectorCols = cols - cols % 4, i = 0;
    /* Four rows at a time, four columns to a vector: sixteen running sums. */
    for (; i + 4 <= rows; i += 4) {
        const double *a0 = a + i * inner, *a1 = a0 + inner, *a2 = a1 + inner, *a3 = a2 + inner;
        for (size_t j = 0; j < vectorCols; j += 4) {
            v4d start = bias ? load(bias + j) : splat(0);
            v4d s0 = start, s1 = start, s2 = start, s3 = start;
            for (size_t k = 0; k < inner; k++) {
                v4d w = load(b + k * cols + j);
                s0 = s0 + splat(a0[k]) * w;
                s1 = s1 + splat(a1[k]) * w;
                s2 = s2 + splat(a2[k]) * w;
                s3 = s3 + splat(a3[k]) * w;
            }
            store(c + i * cols + j, s0);
            store(c + (i + 1) * cols + j, s1);
            store(c + (i + 2) * cols + j, s2);
            store(c + (i + 3) * cols + j, s3);
        }
        for (size_t r = 0; r < 4; r++) multiply_columns_narrow(vectorCols, i + r, inner, cols, a, b, bias, c);
    }
    for (; i < rows; i++) {
        const double *ar = a + i * inner;
        for (size_t j = 0; j < vectorCols; j += 4) {
            v4d s = bias ? load(bias + j) : splat(0);
            for (size_t k = 0; k < inner; k++) s = s + splat(ar[k]) * load(b + k * cols + j);
            store(c + i * cols + j, s);
        }
        multiply_columns_narrow(vectorCols, i, inner, cols, a, b, bias, c);
    }
}

INLINE void accumulate_columns_narrow(size_t k, size_t first, size_t start, size_t end, size_t m, size_t cols,
                                      const double *a, const double *d, double *g) {
    for (size_t j = first; j < cols; j++) {
        double s = g[k * cols + j];
        for (size_t i = start; i < end; i++) s += a[i * m + k] * d[i * cols + j];
        g[k * cols + j] = s;
    }
}

INLINE void accumulate_body_narrow(size_t rows, size_t m, size_t cols, const double *a, const double *d, double *g) {
    /* Rows in tiles of 256, so both operands stay in cache; each tile continues every entry's running sum, so the order
     * is that of one pass. */
    const size_t tile = 256;
    size_t vectorCols = cols - cols % 4;
    for (size_t start = 0; start < rows; start += tile) {
        size_t end = rows - start < tile ? rows : start + tile, k = 0;
        for (; k + 4 <= m; k += 4) {
            for (size_t j = 0; j < vectorCols; j += 4) {
                v4d s0 = load(g + k * cols + j), s1 = load(g + (k + 1) * cols + j);
                v4d s2 = load(g + (k + 2) * cols + j), s3 = load(g + (k + 3) * cols + j);
                for (size_t i = start; i < end; i++) {
                    v4d dv = load(d + i * cols + j);
                    const double *ar = a + i * m + k;
                    s0 = s0 + splat(ar[0]) * dv;
                    s1 = s1 + splat(ar[1]) * dv;
                    s2 = s2 + splat(ar[2]) * dv;
                    s3 = s3 + splat(ar[3]) * dv;
                }
                store(g + k * cols + j, s0);
                store(g + (k + 1) * cols + j, s1);
                store(g + (k + 2) * cols + j, s2);
                store(g + (k + 3) * cols + j, s3);
            }
            for (size_t r = k; r < k + 4; r++) accumulate_columns_narrow(r, vectorCols, start, end, m, cols, a, d, g);
        }
        for (; k < m; k++) {
            for (size_t j = 0; j < vectorCols; j += 4) {
                v4d s = load(g + k * cols + j);
                for (size_t i = start; i < end; i++) s = s + splat(a[i * m + k]) * load(d + i * cols + j);
                store(g + k * cols + j, s);
            }
            accumulate_columns_narrow(k, vectorCols, start, end, m, cols, a, d, g);
        }
    }
}

/* ---- the levels and the dispatch ------------------------------------------------------------------------------- */

#define ELEMENTWISE_FUNCTIONS(suffix, attributes, width)                                                           \
    attributes static void tanh_##suffix(double *v, size_t count) { tanh_body_##width(v, count); }                 \
    attributes static void log_loss_##suffix(size_t n, const double *eta, const double *y, double scale,          \
                                             double *terms, double *delta) {                                      \
        log_loss_body_##width(n, eta, y, scale, terms, delta);                                                     \
    }

#define MATRIX_FUNCTIONS(suffix, attributes, form)                                                                 \
    attributes static void multiply_##suffix(size_t rows, size_t inner, size_t cols, const double *a,              \
                                             const double *b, const double *bias, double *c) {                     \
        multiply_body##form(rows, inner, cols, a, b, bias, c);                                                     \
    }                                                                                                              \
    attributes static void accumulate_##suffix(size_t rows, size_t m, size_t cols, const double *a, const double *d, \
                                               double *g) {                                                        \
        accumulate_body##form(rows, m, cols, a, d, g);                                                             \
    }

ELEMENTWISE_FUNCTIONS(baseline, , w4)
MATRIX_FUNCTIONS(baseline, , _narrow)
#if defined(__x86_64__)
ELEMENTWISE_FUNCTIONS(avx2, __attribute__((target("avx2"))), w4)
MATRIX_FUNCTIONS(avx2, __attribute__((target("avx2"))), )
/* At AVX-512 the matrix products stay at AVX2: their four-double blocks compiled for AVX-512 measured slower
 * (a network's loss and gradient, on this project's machine), and eight-double blocks would leave the 16-unit
 * layers of the course no faster. */
ELEMENTWISE_FUNCTIONS(avx512, __attribute__((target("avx512f"))), w8)
#endif

struct kernels {
    void (*tanh)(double *, size_t);
    void (*log_loss)(size_t, const double *, const double *, double, double *, double *);
    void (*multiply)(size_t, size_t, size_t, const double *, const double *, const double *, double *);
    void (*accumulate)(size_t, size_t, size_t, const double *, const double *, double *);
};

static const struct kernels levels[] = {
    {tanh_baseline, log_loss_baseline, multiply_baseline, accumulate_baseline},
#if defined(__x86_64__)
    {tanh_avx2, log_loss_avx2, multiply_avx2, accumulate_avx2},
    {tanh_avx512, log_loss_avx512, multiply_avx2, accumulate_avx2},
#endif
};

/* -1 until the first call chooses. */
static int chosen = -1;

enum docgen_kernel_level docgen_kernel_best_level(void) {
#if defined(__x86_64__)
    /* Checks the processor's bits, and that the system saves the wide registers. */
    if (__builtin_cpu_supports("avx512f")) return docgen_kernel_avx512;
    if (__builtin_cpu_supports("avx2")) return docgen_kernel_avx2;
#endif
    return docgen_kernel_baseline;
}

enum docgen_kernel_level docgen_kernel_current_level(void) {
    int level = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (level < 0) {
        level = (int)docgen_kernel_best_level();
        __atomic_store_n(&chosen, level, __ATOMIC_RELAXED);
    }
    return (enum docgen_kernel_level)level;
}

enum docgen_kernel_level docgen_kernel_use_level(enum docgen_kernel_level level) {
    enum docgen_kernel_level best = docgen_kernel_best_level();
    int use = (int)(level > best ? best : level);
    __atomic_store_n(&chosen, use, __ATOMIC_RELAXED);
    return (enum docgen_kernel_level)use;
}

static inline const struct kernels *current(void) { return &levels[docgen_kernel_current_level()]; }

void docgen_tanh_array(double *v, size_t count) { current()->tanh(v, count); }

void docgen_log_loss_rows(size_t n, const double *eta, const double *y, double scale, double *terms, double *delta) {
    current()->log_loss(n, eta, y, scale, terms, delta);
}

void docgen_dense_multiply(size_t rows, size_t inner, size_t cols, const double *a, const double *b,
                           const double *bias, double *c) {
    current()->multiply(rows, inner, cols, a, b, bias, c);
}

void docgen_dense_accumulate_transposed(size_t rows, size_t m, size_t cols, const double *a, const double *d,
                                        double *g) {
    current()->accumulate(rows, m, cols, a, d, g);
}
