/* The inner loops of docgen's network training: the tanh of an array, the log-loss of its rows, and the matrix
 * products of the forward and backward passes (also Q = W·M of the compact L-BFGS matrix).
 *
 * Each function gives the same bits on every x86-64 processor. Every entry is the same sequence of IEEE operations
 * in the same order (no fused multiply-add, no reassociation; sums run in increasing index of the summed dimension);
 * vectors only carry independent entries side by side. What differs between processors is how wide those vectors
 * are: with AVX-512 or AVX2 (checked once, at the first call) the loops run eight or four doubles to a register,
 * otherwise two (SSE2, the x86-64 baseline). Compiling docgen's Swift for a wider set would need a processor with it;
 * this keeps one build for all.
 *
 * Matrices are row-major: entry (i, j) of an r × c matrix m is m[i * c + j]. Sizes are counts of doubles. */
#ifndef DOCGEN_CNETWORKKERNELS_H
#define DOCGEN_CNETWORKKERNELS_H

#include <stddef.h>

/* Instruction sets the kernels can run on. */
enum docgen_kernel_level {
    docgen_kernel_baseline = 0, /* SSE2 */
    docgen_kernel_avx2 = 1,
    docgen_kernel_avx512 = 2, /* AVX-512 F: tanh and the log-loss eight doubles to a vector */
};

/* The widest level this processor runs. */
enum docgen_kernel_level docgen_kernel_best_level(void);

/* The level in use: the best level, unless a test chose another. */
enum docgen_kernel_level docgen_kernel_current_level(void);

/* Makes `level` the one in use (for tests, which run every level and compare bits); a level this processor cannot run
 * is lowered to the best one. Returns the level now in use. */
enum docgen_kernel_level docgen_kernel_use_level(enum docgen_kernel_level level);

/* v[k] = tanh(v[k]) for k < count, computed as FixedOrderMath.tanh computes it (Sources/DocgenModels/Solvers/Network/
 * FixedOrderMath.swift): sign(x) · m / (m + 2) with m = e^{2 min(|x|, 20)} − 1 from a degree-13 Taylor polynomial after
 * reducing by ln 2. */
void docgen_tanh_array(double *v, size_t count);

/* The log-loss of logits eta against 0/1 targets y, row by row, as FixedOrderMath computes it:
 * terms[i] = softplus(eta[i]) − y[i]·eta[i], and, unless delta is NULL, delta[i] = (sigmoid(eta[i]) − y[i])·scale. */
void docgen_log_loss_rows(size_t n, const double *eta, const double *y, double scale, double *terms, double *delta);

/* c = bias + a·b (a: rows × inner, b: inner × cols, c: rows × cols): c[i, j] = bias[j] + a[i, 0]·b[0, j] + …, added in
 * increasing k. With bias NULL the sum starts from 0. */
void docgen_dense_multiply(size_t rows, size_t inner, size_t cols, const double *a, const double *b,
                           const double *bias, double *c);

/* g += aᵀ·d (a: rows × m, d: rows × cols, g: m × cols): g[k, j] += a[0, k]·d[0, j] + a[1, k]·d[1, j] + …, each product
 * added to g[k, j]'s running sum in increasing row. */
void docgen_dense_accumulate_transposed(size_t rows, size_t m, size_t cols, const double *a, const double *d,
                                        double *g);

#endif
