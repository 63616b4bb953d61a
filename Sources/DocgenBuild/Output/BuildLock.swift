import Foundation

/// One build per output at a time: an exclusive `flock` on `build.lock` in the output's cache folder, held
/// from before the "up to date" check until the site is published (or the build fails).
///
/// A second build of the same output (say `docgen build` while `docgen serve` rebuilds) waits for the first,
/// saying so once, and gives up with a clear message after `timeout`. The kernel drops the lock when its
/// holder exits, killed or not, so a crashed build never leaves the output locked. The file holds the
/// holder's process id, only for the waiting message.
final class BuildLock {
    private let descriptor: Int32
    let path: String

    struct Busy: Error, CustomStringConvertible {
        var path: String
        var holder: String?
        var waited: Double
        var description: String {
            "another docgen build of this output is still running\(holder.map { " (process \($0))" } ?? "") "
                + "after waiting \(Int(waited)) s; try again when it has finished (lock: \(path))"
        }
    }

    struct Unavailable: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot lock \(path): \(reason)" }
    }

    /// Takes the lock of the cache folder `cacheFolder` (created when missing), waiting up to `timeout`
    /// seconds; `waiting` is called once, with the holder's process id when known, if the lock is busy.
    static func acquire(cacheFolder: String, timeout: Double,
                        waiting: (String?) -> Void = { _ in }) throws -> BuildLock {
        try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        let path = (cacheFolder as NSString).appendingPathComponent("build.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Unavailable(path: path, reason: String(cString: strerror(errno))) }
        let started = DispatchTime.now().uptimeNanoseconds
        var announced = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            guard error == EWOULDBLOCK || error == EINTR else {
                close(descriptor)
                throw Unavailable(path: path, reason: String(cString: strerror(error)))
            }
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let waited = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            if waited >= timeout {
                close(descriptor)
                throw Busy(path: path, holder: holder?.isEmpty == false ? holder : nil, waited: waited)
            }
            if !announced {
                waiting(holder?.isEmpty == false ? holder : nil)
                announced = true
            }
            usleep(50_000)
        }
        let pid = Data("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return BuildLock(descriptor: descriptor, path: path)
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Releases the lock (closing the file releases it too).
    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
