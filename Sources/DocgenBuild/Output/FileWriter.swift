import Foundation
import Synchronization

/// Writes whole files with plain POSIX calls.
///
/// Foundation's atomic `Data.write` also fsyncs and looks up a temporary folder for every file; for the ~300
/// files of a cold build (site and cache) that was ~15 % of its time. docgen needs atomicity against its own
/// interruption, not durability across a power cut: the site is swapped into place as a whole, and a cache
/// entry is written to a temporary name in its own folder and renamed, so no reader ever sees half a file.
enum FileWriter {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
    }

    /// Creates or truncates `path` and writes `data` (permissions 0644, before the umask).
    static func write(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, code: errno) }
        defer { close(descriptor) }
        try writeAll(data, to: descriptor, path: path)
    }

    /// Writes all of `data` at the open file's position, retrying short and interrupted writes; `path` names the file
    /// in the error.
    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Failure(path: path, code: errno)
                }
                offset += written
            }
        }
    }

    /// Writes `data` to a temporary name beside `path` and renames it over `path`.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())-\(counter.next())"
        do {
            try write(data, to: temporary)
            guard rename(temporary, path) == 0 else { throw Failure(path: path, code: errno) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Distinct temporary names for concurrent writers in one process.
    private static let counter = Counter()
    private final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }
}
