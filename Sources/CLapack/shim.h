#include <cblas.h>
#include <lapacke.h>

/* OpenBLAS's thread-count setter; declared here too so the shim builds whichever cblas.h
   the system's alternatives select. */
void openblas_set_num_threads(int num_threads);
