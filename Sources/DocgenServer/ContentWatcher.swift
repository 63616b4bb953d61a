import DocgenBuild
import Foundation

/// Notices edits to the content folder by polling: a snapshot of every file's path, size and
/// modification time, compared twice a second. Works on every file system, with no platform watcher.
/// Folders the build writes into (the site and the cache, when inside the content folder) are skipped,
/// so a build never looks like an edit.
struct ContentWatcher {
    let folder: String
    /// Folders relative to `folder` that are not watched.
    let ignoring: [String]
    /// The most entries watched (`ContentLimits.maximumEntries`: a build refuses a folder holding more).
    var limit = ContentLimits.maximumEntries

    /// Path → (size, modification time) of every watched entry, as `lstat` gives them; nil when the folder holds
    /// more than `limit` entries, which no build reads (the walk stops there).
    func snapshot() -> [String: [Double]]? {
        guard let items = ContentLimits.entries(under: folder, ignoring: ignoring, limit: limit) else { return nil }
        var out: [String: [Double]] = [:]
        for item in items {
            var status = stat()
            guard lstat(folder + "/" + item, &status) == 0 else { continue }
            out[item] = [Double(status.st_size),
                         Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9]
        }
        return out
    }
}
