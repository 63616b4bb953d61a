import CLapack
import Foundation

/// Threads of the BLAS library (OpenBLAS).
///
/// docgen runs experiments on several threads of its own; letting OpenBLAS also start one
/// thread per core inside each would oversubscribe the machine, so the build pipeline
/// limits BLAS to one thread per call.
public enum BLASThreads {
    /// Makes every BLAS call run on its calling thread.
    ///
    /// With a count of 1 this also stops OpenBLAS's worker threads: the pthread build starts them when the
    /// library loads, and each spins (sched_yield) for about 2^28 clock cycles waiting for work before it sleeps,
    /// about 0.1 s of a core taken from every docgen process. `blas_thread_shutdown_` is looked up at run time
    /// because only OpenBLAS's threaded builds export it; BLAS restarts the workers by itself if a later call
    /// asks for more than one thread.
    public static func limit(to count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
        guard count <= 1 else { return }
        if let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "blas_thread_shutdown_") {
            let shutdown = unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)
            _ = shutdown()
        }
    }
}
