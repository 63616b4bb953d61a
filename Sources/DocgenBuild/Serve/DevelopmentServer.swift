import Foundation

/// `docgen serve`: build, serve the output folder on 127.0.0.1, rebuild when content changes.
///
/// The content folder is polled twice a second (a snapshot of every file's path, size and
/// modification time), which works on every file system without platform watchers. After a
/// rebuild the server's version changes and open pages reload themselves; a failed rebuild
/// keeps serving the previous site and prints its errors.
public final class DevelopmentServer: @unchecked Sendable {
    let options: BuildOptions
    let server: StaticFileServer
    let report: (BuildResult) -> Void
    let progress: @Sendable (BuildProgress) -> Void

    public init(options: BuildOptions, port: Int, progress: @escaping @Sendable (BuildProgress) -> Void = { _ in },
                report: @escaping (BuildResult) -> Void) {
        self.options = options
        server = StaticFileServer(root: options.outputPath, port: port)
        self.report = report
        self.progress = progress
    }

    /// Builds once, starts serving, then watches forever (until the process is interrupted).
    public func run() throws {
        report(Builder(options: options, progress: progress).run())
        try FileManager.default.createDirectory(atPath: options.outputPath, withIntermediateDirectories: true)
        try server.start()
        var last = Self.snapshot(options.contentPath)
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let now = Self.snapshot(options.contentPath)
            guard now != last else { continue }
            last = now
            let result = Builder(options: options, progress: progress).run()
            report(result)
            if result.succeeded { server.version += 1 }
        }
    }

    /// Path → (size, modification time) of every file under `folder`.
    static func snapshot(_ folder: String) -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: folder) else { return out }
        while let item = e.nextObject() as? String {
            let path = (folder as NSString).appendingPathComponent(item)
            guard let a = try? fm.attributesOfItem(atPath: path) else { continue }
            out[item] = [(a[.size] as? NSNumber)?.doubleValue ?? 0,
                         (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0]
        }
        return out
    }
}
