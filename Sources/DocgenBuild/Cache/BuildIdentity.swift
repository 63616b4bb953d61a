import Foundation
import Synchronization

/// The identity of the running docgen build: a hash of its own executable file (its GNU
/// build ID when the linker wrote one, else all its bytes) and of the resource bundles beside
/// it (the built-in theme).
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

    private final class Memo: Sendable {
        private let stored = Mutex<String?>(nil)
        var value: String? {
            get { stored.withLock { $0 } }
            set { stored.withLock { $0 = newValue } }
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
        let resources = resourceFiles(besides: executable)
        var stamp = "\(executable)|\(size)|\(modified)|\(inode)"
        for path in resources {
            let a = try? FileManager.default.attributesOfItem(atPath: path)
            stamp += "|\(path):\((a?[.size] as? NSNumber)?.int64Value ?? -1):\((a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        let memo = cacheFolder.map { ($0 as NSString).appendingPathComponent("identity.txt") }
        if let memo, let text = try? String(contentsOfFile: memo, encoding: .utf8) {
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
        for path in resources {
            h.field(path)
            h.field(FileManager.default.contents(atPath: path) ?? Data())
        }
        let hash = h.hexDigest()
        if let memo, let cacheFolder {
            try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
            try? "\(stamp)\n\(hash)\n".write(toFile: memo, atomically: true, encoding: .utf8)
        }
        return hash
    }

    /// Every file in the `*.resources` bundles next to the executable, sorted.
    static func resourceFiles(besides executable: String) -> [String] {
        let folder = (executable as NSString).deletingLastPathComponent
        let fm = FileManager.default
        var files: [String] = []
        for bundle in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted() where bundle.hasSuffix(".resources") {
            let root = (folder as NSString).appendingPathComponent(bundle)
            guard let e = fm.enumerator(atPath: root) else { continue }
            while let item = e.nextObject() as? String {
                let path = (root as NSString).appendingPathComponent(item)
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue { files.append(path) }
            }
        }
        return files.sorted()
    }

    static func executablePath() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath
    }
}
