import Foundation
import Synchronization

/// The identity of the running docgen build: a hash of its own executable file (its GNU
/// build ID when the linker wrote one, else all its bytes).
///
/// The executable is all there is to hash: the built-in theme is compiled into it (DocgenSite embeds
/// `Theme/` with SwiftPM's `embedInCode`), and the linker's build ID is a hash of the whole linked
/// file, so editing a theme file and rebuilding changes the identity as a solver change does.
///
/// Part of every cache key, so rebuilding docgen (say, after a solver change) makes every
/// cached fit and figure miss, and nothing computed by the old solver can be served.
/// Hashing a 10 MB executable on every run would cost tens of milliseconds, so the hash is
/// remembered beside the cache, keyed by the file's path, size, modification time and inode.
public enum BuildIdentity {
    /// Hashed once per process: the executable cannot change under a running build.
    private static let memo = Memo()

    /// The identity the cache keys entries with, as `docgen --version` shows it (hex).
    public static func current() -> String { current(cacheFolder: nil) }

    static func current(cacheFolder: String?) -> String {
        if let known = memo.value { return known }
        let identity = compute(cacheFolder: cacheFolder)
        memo.value = identity
        return identity
    }

    private final class Memo: Sendable {
        private let stored = Mutex<String?>(nil)
        var value: String? {
            get { stored.withLock { $0 } }
            set { stored.withLock { $0 = newValue } }
        }
    }

    private static func compute(cacheFolder: String?) -> String {
        // `stat` itself: Foundation's `attributesOfItem` also looks up the owner's name, which reads the user and
        // group databases (/etc/nsswitch.conf, /etc/passwd, /etc/group) on every run.
        var status = stat()
        guard let executable = executablePath(), stat(executable, &status) == 0 else { return "unknown-build" }
        let size = Int64(status.st_size)
        let stamp = "\(executable)|\(size)|\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)|\(status.st_ino)"
        let memo = cacheFolder.map { ($0 as NSString).appendingPathComponent("identity.txt") }
        if let memo, let sealed = FileManager.default.contents(atPath: memo), let payload = CacheSeal.unseal(sealed) {
            let text = String(decoding: payload, as: UTF8.self)
            let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
            if parts.count >= 2, parts[0] == stamp { return String(parts[1]) }
        }
        var h = SHA256()
        if let buildID = ELFBuildID.read(path: executable) {
            // The linker's hash of the executable: changes whenever the code does, read in microseconds.
            h.field("elf-build-id")
            h.field(buildID)
            h.field(String(size))
        } else {
            guard let bytes = FileManager.default.contents(atPath: executable) else { return "unknown-build" }
            h.field(bytes)
        }
        let hash = h.hexDigest()
        if let memo, let cacheFolder {
            try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
            try? FileWriter.writeAtomically(CacheSeal.seal(Data("\(stamp)\n\(hash)\n".utf8)), to: memo)
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
