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

    /// Path → (size, modification time) of every watched file; of the first `ContentLimits.maximumEntries` only, since
    /// a build refuses a content folder that holds more.
    func snapshot() -> [String: [Double]] {
        var out: [String: [Double]] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: folder) else { return out }
        while out.count < ContentLimits.maximumEntries, let item = e.nextObject() as? String {
            if ignoring.contains(where: { item == $0 || item.hasPrefix($0 + "/") }) {
                e.skipDescendants()
                continue
            }
            let path = (folder as NSString).appendingPathComponent(item)
            guard let a = try? fm.attributesOfItem(atPath: path) else { continue }
            out[item] = [(a[.size] as? NSNumber)?.doubleValue ?? 0,
                         (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0]
        }
        return out
    }
}
