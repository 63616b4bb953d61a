import Foundation

/// The identity of the running docgen build: a hash of its own executable file.
///
/// Part of every cache key, so rebuilding docgen (say, after a solver change) makes every
/// cached fit and figure miss, and nothing computed by the old solver can be served.
/// Hashing a 10 MB executable on every run would cost tens of milliseconds, so the hash is
/// remembered beside the cache, keyed by the file's path, size, modification time and inode.
enum BuildIdentity {
    /// Hashed once per process: the executable cannot change under a running build.
    private static let memo = Memo()

    static func current(cacheFolder: String?) -> String {
        if let known = memo.value { return known }
        let identity = compute(cacheFolder: cacheFolder)
        memo.value = identity
        return identity
    }

    private final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: String?
        var value: String? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    private static func compute(cacheFolder: String?) -> String {
        let executable = executablePath()
        guard let executable,
              let attributes = try? FileManager.default.attributesOfItem(atPath: executable) else {
            return "unknown-build"
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        let stamp = "\(executable)|\(size)|\(modified)|\(inode)"
        let memo = cacheFolder.map { ($0 as NSString).appendingPathComponent("identity.txt") }
        if let memo, let text = try? String(contentsOfFile: memo, encoding: .utf8) {
            let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
            if parts.count >= 2, parts[0] == stamp { return String(parts[1]) }
        }
        guard let bytes = FileManager.default.contents(atPath: executable) else { return "unknown-build" }
        let hash = SHA256.hex(bytes)
        if let memo, let cacheFolder {
            try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
            try? "\(stamp)\n\(hash)\n".write(toFile: memo, atomically: true, encoding: .utf8)
        }
        return hash
    }

    static func executablePath() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath
    }
}
