import CLapack

/// Threads of the BLAS library (OpenBLAS).
///
/// docgen runs experiments on several threads of its own; letting OpenBLAS also start one
/// thread per core inside each would oversubscribe the machine, so the build pipeline
/// limits BLAS to one thread per call.
public enum BLASThreads {
    public static func limit(to count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }
}
