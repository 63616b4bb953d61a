/* The kernels of CNetworkKernels.h. Each body below is written once, as an always-inlined function on four-double
 * vectors, and compiled twice: into a baseline function (the vectors become pairs of SSE2 registers) and into an
 * AVX2 function (one register each). No level enables FMA, and contraction is off, so a·b + c is always a product
 * rounded and then a sum rounded: the same bits at every level, which the tests check. */
#include "CNetworkKernels.h"

#include <stdint.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF
/* The vector helpers are always inlined, so no four-double vector crosses a call at the baseline level. */
#pragma clang diagnostic ignored "-Wpsabi"

typedef double v4d __attribute__((vector_size(32)));
typedef int64_t v4i __attribute__((vector_size(32)));
typedef uint64_t v4u __attribute__((vector_size(32)));

#define INLINE static inline __attribute__((always_inline))

INLINE v4d splat(double x) { return (v4d){x, x, x, x}; }
INLINE v4d load(const double *p) { v4d v; memcpy(&v, p, sizeof v); return v; }
INLINE void store(double *p, v4d v) { memcpy(p, &v, sizeof v); }
/* Lane by lane: where mask is all ones, a; where it is zero, b. */
INLINE v4d blend(v4i mask, v4d a, v4d b) { return (v4d)((mask & (v4i)a) | (~mask & (v4i)b)); }

/* ---- tanh ---------------------------------------------------------------------------------------------------- */

/* FixedOrderMath's constants, the same doubles. */
static const double ln2Hi = 6.93147180369123816490e-01;
static const double ln2Lo = 1.90821492927058770002e-10;
static const double invLn2 = 1.44269504088896338700e+00;
static const double shifter = 6755399441055744.0; /* 1.5 · 2⁵² */

/* x = k·ln 2 + r with |r| ≤ ln2/2, and 2^k, for |x| ≤ 709 (FixedOrderMath.reduce). */
INLINE void reduce4(v4d x, v4d *r, v4d *scale) {
    v4d t = x * splat(invLn2) + splat(shifter);
    v4d k = t - splat(shifter);
    *r = (x - k * splat(ln2Hi)) - k * splat(ln2Lo);
    /* t's low bits hold k: 2^k has the exponent field k + 1023 (wrapping arithmetic, as in Swift's &- and &+). */
    uint64_t shifterBits;
    memcpy(&shifterBits, &shifter, sizeof shifterBits);
    uint64_t offset = 1023 - shifterBits;
    v4u exponent = (v4u)t + (v4u){offset, offset, offset, offset};
    *scale = (v4d)(exponent << (v4u){52, 52, 52, 52});
}

/* e^r − 1 for |r| ≤ ln2/2 (FixedOrderMath.expm1Reduced): Horner's rule from 1/13!, then r + r²·q. */
INLINE v4d expm1_reduced4(v4d r) {
    v4d q = splat(1.0 / 6227020800.0);
    q = q * r + splat(1.0 / 479001600.0);
    q = q * r + splat(1.0 / 39916800.0);
    q = q * r + splat(1.0 / 3628800.0);
    q = q * r + splat(1.0 / 362880.0);
    q = q * r + splat(1.0 / 40320.0);
    q = q * r + splat(1.0 / 5040.0);
    q = q * r + splat(1.0 / 720.0);
    q = q * r + splat(1.0 / 120.0);
    q = q * r + splat(1.0 / 24.0);
    q = q * r + splat(1.0 / 6.0);
    q = q * r + splat(0.5);
    return r + (r * r) * q;
}

INLINE v4d magnitude4(v4d x) { return (v4d)((v4i)x & (v4i){INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX}); }

/* FixedOrderMath.tanh: sign(x) · m / (m + 2), m = e^{2a} − 1, a = min(|x|, 20). */
INLINE v4d tanh4(v4d x) {
    v4d magnitude = magnitude4(x);
    v4d a = blend(magnitude > splat(20), splat(20), magnitude);
    v4d r, scale;
    reduce4(splat(2) * a, &r, &scale);
    v4d m = scale * expm1_reduced4(r) + (scale - splat(1));
    v4d result = m / (m + splat(2));
    return blend(x < splat(0), -result, result);
}

/* FixedOrderMath.exp: e^x for x clamped to [−708, 709], as Swift's max(x, −708) then min(·, 709) clamp it
 * (Swift's max(x, y) is y >= x ? y : x, its min(x, y) is y < x ? y : x). */
INLINE v4d exp4(v4d x) {
    v4d low = blend(splat(-708) >= x, splat(-708), x);
    v4d c = blend(splat(709) < low, splat(709), low);
    v4d r, scale;
    reduce4(c, &r, &scale);
    return scale + scale * expm1_reduced4(r);
}

/* FixedOrderMath.log1pUnit: log(1 + u) for u in [0, 1]; both reductions are computed and the lane's own is kept. */
INLINE v4d log1p_unit4(v4d u) {
    v4i big = u > splat(0.41421356237309503);
    v4d s = blend(big, (u - splat(1)) / (u + splat(3)), u / (splat(2) + u));
    v4d s2 = s * s;
    v4d q = splat(1.0 / 21);
    q = q * s2 + splat(1.0 / 19);
    q = q * s2 + splat(1.0 / 17);
    q = q * s2 + splat(1.0 / 15);
    q = q * s2 + splat(1.0 / 13);
    q = q * s2 + splat(1.0 / 11);
    q = q * s2 + splat(1.0 / 9);
    q = q * s2 + splat(1.0 / 7);
    q = q * s2 + splat(1.0 / 5);
    q = q * s2 + splat(1.0 / 3);
    v4d logW = splat(2) * s + splat(2) * s * (s2 * q);
    return blend(big, splat(ln2Hi) + (splat(ln2Lo) + logW), logW);
}

/* One vector of log_loss_body: the loss terms, and with delta the scaled residuals. */
INLINE void log_loss4(v4d eta, v4d y, double scale, v4d *term, v4d *delta) {
    v4d e = exp4(-magnitude4(eta));
    /* FixedOrderMath.softplus: max(η, 0) + log(1 + e^{−|η|}), Swift's max(η, 0) being 0 >= η ? 0 : η. */
    v4d softplus = blend(splat(0) >= eta, splat(0), eta) + log1p_unit4(e);
    *term = softplus - y * eta;
    if (delta) {
        /* FixedOrderMath.sigmoid: 1/(1 + e^{−|η|}), times e^{−|η|} for η < 0. */
        v4d s = splat(1) / (splat(1) + e);
        v4d sigmoid = blend(eta >= splat(0), s, e * s);
        *delta = (sigmoid - y) * splat(scale);
    }
}

INLINE void log_loss_body(size_t n, const double *eta, const double *y, double scale, double *terms, double *delta) {
    size_t i = 0;
    v4d term, residual;
    for (; i + 4 <= n; i += 4) {
        log_loss4(load(eta + i), load(y + i), scale, &term, delta ? &residual : NULL);
        store(terms + i, term);
        if (delta) store(delta + i, residual);
    }
    if (i < n) {
        double etaRest[4] = {0, 0, 0, 0}, yRest[4] = {0, 0, 0, 0};
        memcpy(etaRest, eta + i, (n - i) * sizeof(double));
        memcpy(yRest, y + i, (n - i) * sizeof(double));
        log_loss4(load(etaRest), load(yRest), scale, &term, delta ? &residual : NULL);
        memcpy(terms + i, &term, (n - i) * sizeof(double));
        if (delta) memcpy(delta + i, &residual, (n - i) * sizeof(double));
    }
}

INLINE void tanh_body(double *v, size_t count) {
    size_t k = 0;
    /* Four vectors an iteration: each is a long chain of dependent steps (the polynomial), and four independent
     * chains written side by side let the processor overlap them. */
    for (; k + 16 <= count; k += 16) {
        v4d x0 = load(v + k), x1 = load(v + k + 4), x2 = load(v + k + 8), x3 = load(v + k + 12);
        store(v + k, tanh4(x0));
        store(v + k + 4, tanh4(x1));
        store(v + k + 8, tanh4(x2));
        store(v + k + 12, tanh4(x3));
    }
    for (; k + 4 <= count; k += 4) store(v + k, tanh4(load(v + k)));
    if (k < count) {
        double rest[4] = {0, 0, 0, 0};
        memcpy(rest, v + k, (count - k) * sizeof(double));
        v4d out = tanh4(load(rest));
        memcpy(v + k, &out, (count - k) * sizeof(double));
    }
}

/* ---- c = bias + a·b -------------------------------------------------------------------------------------------- */

/* Columns first… of row i, one at a time (the same sums). */
INLINE void multiply_columns(size_t first, size_t i, size_t inner, size_t cols, const double *a, const double *b,
                             const double *bias, double *c) {
    const double *ar = a + i * inner;
    for (size_t j = first; j < cols; j++) {
        double s = bias ? bias[j] : 0;
        for (size_t k = 0; k < inner; k++) s += ar[k] * b[k * cols + j];
        c[i * cols + j] = s;
    }
}

INLINE void multiply_body(size_t rows, size_t inner, size_t cols, const double *a, const double *b,
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
        for (size_t r = 0; r < 4; r++) multiply_columns(vectorCols, i + r, inner, cols, a, b, bias, c);
    }
    for (; i < rows; i++) {
        const double *ar = a + i * inner;
        for (size_t j = 0; j < vectorCols; j += 4) {
            v4d s = bias ? load(bias + j) : splat(0);
            for (size_t k = 0; k < inner; k++) s = s + splat(ar[k]) * load(b + k * cols + j);
            store(c + i * cols + j, s);
        }
        multiply_columns(vectorCols, i, inner, cols, a, b, bias, c);
    }
}

/* ---- g += aᵀ·d ------------------------------------------------------------------------------------------------- */

INLINE void accumulate_columns(size_t k, size_t first, size_t start, size_t end, size_t m, size_t cols,
                               const double *a, const double *d, double *g) {
    for (size_t j = first; j < cols; j++) {
        double s = g[k * cols + j];
        for (size_t i = start; i < end; i++) s += a[i * m + k] * d[i * cols + j];
        g[k * cols + j] = s;
    }
}

INLINE void accumulate_body(size_t rows, size_t m, size_t cols, const double *a, const double *d, double *g) {
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
            for (size_t r = k; r < k + 4; r++) accumulate_columns(r, vectorCols, start, end, m, cols, a, d, g);
        }
        for (; k < m; k++) {
            for (size_t j = 0; j < vectorCols; j += 4) {
                v4d s = load(g + k * cols + j);
                for (size_t i = start; i < end; i++) s = s + splat(a[i * m + k]) * load(d + i * cols + j);
                store(g + k * cols + j, s);
            }
            accumulate_columns(k, vectorCols, start, end, m, cols, a, d, g);
        }
    }
}

/* ---- q = w·mid ------------------------------------------------------------------------------------------------- */

INLINE void rows_times_square_body(size_t n, size_t r, const double *w, const double *mid, double *q) {
    size_t vectorCols = r - r % 4;
    for (size_t j = 0; j < n; j++) {
        const double *wj = w + j * r;
        double *qj = q + j * r;
        size_t c = 0;
        /* Sixteen columns at a time in four running vectors, then four, then one. */
        for (; c + 16 <= vectorCols; c += 16) {
            v4d s0 = splat(0), s1 = splat(0), s2 = splat(0), s3 = splat(0);
            for (size_t a = 0; a < r; a++) {
                v4d x = splat(wj[a]);
                const double *row = mid + a * r + c;
                s0 = s0 + x * load(row);
                s1 = s1 + x * load(row + 4);
                s2 = s2 + x * load(row + 8);
                s3 = s3 + x * load(row + 12);
            }
            store(qj + c, s0);
            store(qj + c + 4, s1);
            store(qj + c + 8, s2);
            store(qj + c + 12, s3);
        }
        for (; c < vectorCols; c += 4) {
            v4d s = splat(0);
            for (size_t a = 0; a < r; a++) s = s + splat(wj[a]) * load(mid + a * r + c);
            store(qj + c, s);
        }
        for (; c < r; c++) {
            double s = 0;
            for (size_t a = 0; a < r; a++) s += wj[a] * mid[a * r + c];
            qj[c] = s;
        }
    }
}

/* ---- the two levels and the dispatch --------------------------------------------------------------------------- */

#define LEVEL_FUNCTIONS(suffix, attributes)                                                                        \
    attributes static void tanh_##suffix(double *v, size_t count) { tanh_body(v, count); }                         \
    attributes static void log_loss_##suffix(size_t n, const double *eta, const double *y, double scale,          \
                                             double *terms, double *delta) {                                      \
        log_loss_body(n, eta, y, scale, terms, delta);                                                             \
    }                                                                                                              \
    attributes static void multiply_##suffix(size_t rows, size_t inner, size_t cols, const double *a,              \
                                             const double *b, const double *bias, double *c) {                     \
        multiply_body(rows, inner, cols, a, b, bias, c);                                                           \
    }                                                                                                              \
    attributes static void accumulate_##suffix(size_t rows, size_t m, size_t cols, const double *a, const double *d, \
                                               double *g) {                                                        \
        accumulate_body(rows, m, cols, a, d, g);                                                                   \
    }                                                                                                              \
    attributes static void rows_times_square_##suffix(size_t n, size_t r, const double *w, const double *mid,      \
                                                      double *q) {                                                 \
        rows_times_square_body(n, r, w, mid, q);                                                                   \
    }

LEVEL_FUNCTIONS(baseline, )
#if defined(__x86_64__)
LEVEL_FUNCTIONS(avx2, __attribute__((target("avx2"))))
#endif

struct kernels {
    void (*tanh)(double *, size_t);
    void (*log_loss)(size_t, const double *, const double *, double, double *, double *);
    void (*multiply)(size_t, size_t, size_t, const double *, const double *, const double *, double *);
    void (*accumulate)(size_t, size_t, size_t, const double *, const double *, double *);
    void (*rows_times_square)(size_t, size_t, const double *, const double *, double *);
};

static const struct kernels levels[] = {
    {tanh_baseline, log_loss_baseline, multiply_baseline, accumulate_baseline, rows_times_square_baseline},
#if defined(__x86_64__)
    {tanh_avx2, log_loss_avx2, multiply_avx2, accumulate_avx2, rows_times_square_avx2},
#endif
};

/* -1 until the first call chooses. */
static int chosen = -1;

enum docgen_kernel_level docgen_kernel_best_level(void) {
#if defined(__x86_64__)
    /* Checks the processor's AVX2 bit and that the system saves the wide registers. */
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

void docgen_rows_times_square(size_t n, size_t r, const double *w, const double *mid, double *q) {
    current()->rows_times_square(n, r, w, mid, q);
}
