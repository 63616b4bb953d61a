import Foundation

/// A hash of everything a build reads: the docgen build identity, the options that change
/// the outcome, and the path and bytes of every file in the content folder (but those under the
/// `ignoring` folders, relative to it: the site and the cache when they lie inside it).
///
/// The published site records it; a rebuild whose fingerprint matches has nothing to do
/// and returns at once (the no-op rebuild), without parsing or rendering anything.
enum InputFingerprint {
    /// `publishing`: `BuildOptions.publishingOptions`; "" (the default) leaves the hash as it was
    /// before such options existed.
    static func compute(contentPath: String, identity: String, strict: Bool, ignoring: [String] = [],
                        publishing: String = "") -> String {
        var h = SHA256()
        h.field("inputs/v1")
        h.field(identity)
        h.field(strict ? "strict" : "lenient")
        if !publishing.isEmpty { h.field(publishing) }
        let fm = FileManager.default
        var files: [String] = []
        if let e = fm.enumerator(atPath: contentPath) {
            while let item = e.nextObject() as? String {
                if ignoring.contains(where: { item == $0 || item.hasPrefix($0 + "/") }) {
                    e.skipDescendants()
                    continue
                }
                files.append(item)
            }
        }
        for item in files.sorted() {
            let path = (contentPath as NSString).appendingPathComponent(item)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            h.field(item)
            h.field(fm.contents(atPath: path) ?? Data())
        }
        return h.hexDigest()
    }
}
