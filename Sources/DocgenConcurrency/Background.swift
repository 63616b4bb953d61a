#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A value computed on a thread of its own while the caller goes on; `value` waits for it.
///
/// A thread of its own, not a dispatch queue or `concurrentPerform`: the callers run inside the build's pool of
/// workers, where a pool sized to the cores can find no thread free and run the work only after the caller, or
/// the caller's own work one piece after the other. A POSIX thread starts in about 0.1 ms, and unlike Foundation's
/// `Thread` its first use costs a process no runtime type lookups (0.8 ms), which a prose edit would pay.
public final class Background<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once, by the worker, before `done` is signalled, and read only after a wait
    // on `done` returns.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    /// Stack of the thread: the size a process's main thread usually has, whatever the limit of the shell.
    static var stackBytes: Int { 8 << 20 }

    /// Starts `work` on a new thread. If no thread can be made, `work` runs here, before `init` returns: the value
    /// is the same, only not computed meanwhile.
    public init(_ work: @escaping @Sendable () -> Value) {
        let job = Unmanaged.passRetained(DetachedThread.Job { [self] in
            result = work()
            done.signal()
        })
        guard DetachedThread.start(running: job.toOpaque(), stackBytes: Self.stackBytes) else {
            job.takeRetainedValue().run()
            return
        }
    }

    /// The value, once computed (waits until then); it may be read any number of times, from any thread.
    public var value: Value {
        done.wait()
        done.signal()  // for a later read
        return result!
    }
}

/// Threads started for `Background`, outside its generic context.
private enum DetachedThread {
    /// The work, as the thread receives it (through an unmanaged pointer, retained once and released by the thread).
    final class Job {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts a detached thread with a stack of `stackBytes` that runs and releases the `Job` at `job`; false if
    /// none could be made.
    static func start(running job: UnsafeMutableRawPointer, stackBytes: Int) -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        _ = pthread_attr_setstacksize(&attributes, stackBytes)
        _ = pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if os(Linux)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        return pthread_create(&thread, &attributes, { raw in
            guard let raw else { return nil }
            Unmanaged<Job>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, job) == 0
    }
}
