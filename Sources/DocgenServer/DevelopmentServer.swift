import DocgenBuild
import Foundation

/// `docgen serve`: serves the site folder on 127.0.0.1, rebuilds when the content changes, and tells the
/// open pages (through `BuildStatus` and `ReloadScript`) to reload after a successful rebuild or to show
/// the errors of a failed one.
///
/// Use: `start()` binds the port (so a port in use is reported before anything else happens), `run()`
/// builds once and then watches until `stop()`, which any thread (a signal handler's, say) may call.
/// A failed rebuild keeps serving the previous site.
public final class DevelopmentServer: @unchecked Sendable {
    /// Bounds on what clients can make the server hold.
    public struct Limits: Sendable {
        /// Seconds a connection may take to send a complete request head, counted from when it opens
        /// or its previous response was sent; then it is closed.
        public var requestDeadline: Double = 10
        /// Connections open at once; one more is closed as soon as it is accepted.
        public var maximumConnections = 512
        /// Threads that answer requests.
        public var threads = 2

        public init() {}
    }

    /// What every build builds (its `strict` also decides whether warnings show as errors in the page).
    public let options: BuildOptions
    /// What the pages' status endpoint reports.
    public let status = BuildStatus()
    /// The port asked for (0: any free one).
    private let port: Int
    private let limits: Limits
    /// Build progress, passed to every build.
    private let progress: @Sendable (BuildProgress) -> Void
    /// Called with each build's result, on the thread of `run()`.
    private let report: (BuildResult) -> Void
    private let watcher: ContentWatcher
    private let lock = NSLock()
    /// Set by `start()`.
    private var listener: HTTPListener?
    /// Set by `stop()`; `run()` returns soon after.
    private var stopped = false
    /// Signalled by `stop()` to cut `run()`'s half-second wait short.
    private let wake = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - port: the port on 127.0.0.1; 0 picks a free one (see `start()`'s result).
    ///   - report: called after every build, on the thread that runs `run()`.
    public init(options: BuildOptions, port: Int, limits: Limits = Limits(),
                progress: @escaping @Sendable (BuildProgress) -> Void = { _ in },
                report: @escaping (BuildResult) -> Void = { _ in }) {
        self.options = options
        self.port = port
        self.limits = limits
        self.progress = progress
        self.report = report
        watcher = ContentWatcher(folder: options.contentPath, ignoring: options.ignoredContentFolders)
    }

    /// Binds 127.0.0.1 and starts answering requests (the previous site, if any, until the first build
    /// is done). Returns the port bound.
    /// - Throws: `ServeError.addressInUse` when another process has the port.
    @discardableResult
    public func start() throws -> Int {
        let listener = try HTTPListener(port: port, files: SiteFiles(root: options.outputPath, status: status),
                                        limits: limits)
        lock.withLock { self.listener = listener }
        return listener.port
    }

    /// Builds, then rebuilds whenever a file of the content folder changes (polled twice a second),
    /// until `stop()`. A content folder too large to be a course (the build's error says so) is not watched: the
    /// server only serves until stopped.
    public func run() {
        build()
        var last = watcher.snapshot()
        while !isStopped {
            if wake.wait(timeout: last == nil ? .distantFuture : .now() + 0.5) == .success { break }
            let now = watcher.snapshot()
            guard now != last else { continue }
            last = now
            build()
        }
    }

    /// Stops watching and serving: closes the port and every open connection. A build under way is
    /// finished first (it swaps the site in atomically, so it is never left half written).
    public func stop() {
        let listener: HTTPListener? = lock.withLock {
            guard !stopped else { return nil }
            stopped = true
            return self.listener
        }
        wake.signal()
        listener?.stop()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    private func build() {
        let result = Builder(options: options, progress: progress).run()
        status.record(result, strict: options.strict)
        report(result)
    }
}
