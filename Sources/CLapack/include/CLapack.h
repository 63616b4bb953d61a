/* docgen's entry to BLAS (OpenBLAS) and LAPACK (LAPACKE), loaded from the system's libraries the first time a fit
 * calls one of them, not when docgen starts.
 *
 * Linked at start-up, the two libraries and theirs (LAPACK, the reference BLAS, gfortran, quadmath) cost every docgen
 * process about 3.3 ms before its first line ran: 8.4 ms for a program linked against all of docgen's libraries
 * against 5.1 ms without these, medians of 60 alternating runs. Most commands never fit a model: a no-op rebuild, a
 * prose edit, `--version`, `init`. The first call pays the load once (and OpenBLAS starts its worker threads then).
 *
 * Each docgen_X below calls the library's X with the same arguments. The types and constants are the libraries' own
 * (cblas.h of OpenBLAS, lapacke.h). */
#ifndef DOCGEN_CLAPACK_H
#define DOCGEN_CLAPACK_H

#include <cblas.h>
#include <lapacke.h>

/* The library functions docgen calls, once loaded. */
struct docgen_blas_functions {
    __typeof__(cblas_ddot) *ddot;
    __typeof__(cblas_daxpy) *daxpy;
    __typeof__(cblas_dgemv) *dgemv;
    __typeof__(cblas_dgemm) *dgemm;
    __typeof__(cblas_dsyrk) *dsyrk;
    __typeof__(LAPACKE_dgels) *dgels;
    __typeof__(LAPACKE_dgelsd) *dgelsd;
    __typeof__(LAPACKE_dgesdd) *dgesdd;
    __typeof__(LAPACKE_dposv) *dposv;
    __typeof__(LAPACKE_dsyevd) *dsyevd;
};

/* Set once the libraries are loaded (never unset). */
extern const struct docgen_blas_functions *docgen_blas_loaded;

/* Loads the libraries, once, whichever thread calls first; the others wait for it. When a library or one of its
 * functions is missing, prints what to install and ends the process (status 70): no fit can run without them. */
const struct docgen_blas_functions *docgen_blas_load(void);

static inline const struct docgen_blas_functions *docgen_blas(void) {
    const struct docgen_blas_functions *f = __atomic_load_n(&docgen_blas_loaded, __ATOMIC_ACQUIRE);
    return f ? f : docgen_blas_load();
}

/* How many threads BLAS may use per call (OpenBLAS's openblas_set_num_threads). Before the libraries are loaded it is
 * kept for when they are; with 1, OpenBLAS's idle worker threads are also stopped, as each would otherwise spin on a
 * core for about 0.1 s waiting for work. */
void docgen_blas_set_threads(int count);

static inline double docgen_cblas_ddot(blasint n, const double *x, blasint incx, const double *y, blasint incy) {
    return docgen_blas()->ddot(n, x, incx, y, incy);
}

static inline void docgen_cblas_daxpy(blasint n, double alpha, const double *x, blasint incx, double *y, blasint incy) {
    docgen_blas()->daxpy(n, alpha, x, incx, y, incy);
}

static inline void docgen_cblas_dgemv(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE trans, blasint m, blasint n,
                                      double alpha, const double *a, blasint lda, const double *x, blasint incx,
                                      double beta, double *y, blasint incy) {
    docgen_blas()->dgemv(order, trans, m, n, alpha, a, lda, x, incx, beta, y, incy);
}

static inline void docgen_cblas_dgemm(enum CBLAS_ORDER order, enum CBLAS_TRANSPOSE transA, enum CBLAS_TRANSPOSE transB,
                                      blasint m, blasint n, blasint k, double alpha, const double *a, blasint lda,
                                      const double *b, blasint ldb, double beta, double *c, blasint ldc) {
    docgen_blas()->dgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

static inline void docgen_cblas_dsyrk(enum CBLAS_ORDER order, enum CBLAS_UPLO uplo, enum CBLAS_TRANSPOSE trans,
                                      blasint n, blasint k, double alpha, const double *a, blasint lda, double beta,
                                      double *c, blasint ldc) {
    docgen_blas()->dsyrk(order, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}

static inline lapack_int docgen_LAPACKE_dgels(int layout, char trans, lapack_int m, lapack_int n, lapack_int nrhs,
                                              double *a, lapack_int lda, double *b, lapack_int ldb) {
    return docgen_blas()->dgels(layout, trans, m, n, nrhs, a, lda, b, ldb);
}

static inline lapack_int docgen_LAPACKE_dgelsd(int layout, lapack_int m, lapack_int n, lapack_int nrhs, double *a,
                                               lapack_int lda, double *b, lapack_int ldb, double *s, double rcond,
                                               lapack_int *rank) {
    return docgen_blas()->dgelsd(layout, m, n, nrhs, a, lda, b, ldb, s, rcond, rank);
}

static inline lapack_int docgen_LAPACKE_dgesdd(int layout, char jobz, lapack_int m, lapack_int n, double *a,
                                               lapack_int lda, double *s, double *u, lapack_int ldu, double *vt,
                                               lapack_int ldvt) {
    return docgen_blas()->dgesdd(layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt);
}

static inline lapack_int docgen_LAPACKE_dposv(int layout, char uplo, lapack_int n, lapack_int nrhs, double *a,
                                              lapack_int lda, double *b, lapack_int ldb) {
    return docgen_blas()->dposv(layout, uplo, n, nrhs, a, lda, b, ldb);
}

static inline lapack_int docgen_LAPACKE_dsyevd(int layout, char jobz, char uplo, lapack_int n, double *a,
                                               lapack_int lda, double *w) {
    return docgen_blas()->dsyevd(layout, jobz, uplo, n, a, lda, w);
}

#endif
