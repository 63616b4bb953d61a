import CLapack

/// Threads of the BLAS library (OpenBLAS).
///
/// docgen runs experiments on several threads of its own; letting OpenBLAS also start one
/// thread per core inside each would oversubscribe the machine, so the build pipeline
/// limits BLAS to one thread per call.
public enum BLASThreads {
    /// Makes every BLAS call run on its calling thread.
    ///
    /// BLAS is loaded at a fit's first call (`CLapack.h`); a limit set before then holds from the load on. With a count
    /// of 1 this also stops OpenBLAS's worker threads, which the pthread build starts as the library loads and which
    /// each spin (sched_yield) for about 2^28 clock cycles waiting for work before they sleep: about 0.1 s of a core.
    /// BLAS restarts the workers by itself if a later call asks for more than one thread.
    public static func limit(to count: Int) {
        docgen_blas_set_threads(Int32(max(1, min(count, Int(Int32.max)))))
    }
}
