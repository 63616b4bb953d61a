#include "CLapack.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

const struct docgen_blas_functions *docgen_blas_loaded = NULL;

static struct docgen_blas_functions functions;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;
/* The thread count asked for (0: none yet) and OpenBLAS's own functions for it, once loaded. */
static int requested_threads = 0;
static void (*set_num_threads)(int) = NULL;
static int (*thread_shutdown)(void) = NULL;

/* OpenBLAS (BLAS, and its thread control), then LAPACKE with the LAPACK it needs, as the Debian packages install them.
 * RTLD_GLOBAL, as if docgen were linked against them: LAPACK's own BLAS calls then go to OpenBLAS, whichever BLAS the
 * system's alternatives name first. */
static const char *const blas_library = "libopenblas.so.0";
static const char *const lapack_library = "liblapacke.so.3";

static void fail(const char *what) {
    fprintf(stderr, "docgen: error: cannot load %s (%s); install Debian's libopenblas0 and liblapacke "
                    "(`apt-get install libopenblas-dev liblapacke-dev`)\n", what, dlerror());
    exit(70);
}

static void *symbol(void *library, const char *library_name, const char *name) {
    void *s = dlsym(library, name);
    if (!s) fail(library_name);
    return s;
}

static void apply_threads(void) {
    if (requested_threads < 1 || !set_num_threads) return;
    set_num_threads(requested_threads);
    /* Only OpenBLAS's threaded builds have the shutdown; it stops the idle workers, which BLAS restarts by itself if
     * a later call asks for more than one thread. */
    if (requested_threads == 1 && thread_shutdown) thread_shutdown();
}

static void load(void) {
    void *blas = dlopen(blas_library, RTLD_NOW | RTLD_GLOBAL);
    if (!blas) fail(blas_library);
    void *lapack = dlopen(lapack_library, RTLD_NOW | RTLD_GLOBAL);
    if (!lapack) fail(lapack_library);
    functions.ddot = symbol(blas, blas_library, "cblas_ddot");
    functions.daxpy = symbol(blas, blas_library, "cblas_daxpy");
    functions.dgemv = symbol(blas, blas_library, "cblas_dgemv");
    functions.dgemm = symbol(blas, blas_library, "cblas_dgemm");
    functions.dsyrk = symbol(blas, blas_library, "cblas_dsyrk");
    functions.dgels = symbol(lapack, lapack_library, "LAPACKE_dgels");
    functions.dgelsd = symbol(lapack, lapack_library, "LAPACKE_dgelsd");
    functions.dgesdd = symbol(lapack, lapack_library, "LAPACKE_dgesdd");
    functions.dposv = symbol(lapack, lapack_library, "LAPACKE_dposv");
    functions.dsyevd = symbol(lapack, lapack_library, "LAPACKE_dsyevd");
    pthread_mutex_lock(&threads_lock);
    set_num_threads = (void (*)(int))symbol(blas, blas_library, "openblas_set_num_threads");
    thread_shutdown = (int (*)(void))dlsym(blas, "blas_thread_shutdown_");
    apply_threads();
    pthread_mutex_unlock(&threads_lock);
    __atomic_store_n(&docgen_blas_loaded, &functions, __ATOMIC_RELEASE);
}

const struct docgen_blas_functions *docgen_blas_load(void) {
    pthread_once(&load_once, load);
    return docgen_blas_loaded;
}

void docgen_blas_set_threads(int count) {
    pthread_mutex_lock(&threads_lock);
    requested_threads = count < 1 ? 1 : count;
    apply_threads();
    pthread_mutex_unlock(&threads_lock);
}
