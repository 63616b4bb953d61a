import DocgenModels
import Foundation

/// How much a content folder may hold. A build reads and hashes every file in it (`InputFingerprint`), so a folder
/// given by mistake (`--content /`, `--content ~`) would be read whole: /proc/kcore alone claims 128 TiB. The walk
/// stops at `maximumEntries`, and nothing is read when the files' sizes add up to more than `maximumBytes`; the
/// build then stops with an error naming the folder. A course holds about a hundred files and a few megabytes, its
/// largest data set (`SizeLimits.maximumCells` values) a few hundred megabytes.
public enum ContentLimits {
    /// Files, folders and links under the content folder, hidden ones included (those of the site and the cache
    /// inside it are not counted).
    public static let maximumEntries = 100_000
    /// Bytes of the regular files under the content folder, as `stat` gives their sizes: 16 GiB.
    public static let maximumBytes = 16 << 30

    /// Every entry under `folder` (files, folders and links, not descending into links or `ignoring` folders), as
    /// paths relative to it; nil when there are more than `limit`. The walk a build's fingerprint takes.
    public static func entries(under folder: String, ignoring: [String], limit: Int = maximumEntries) -> [String]? {
        InputFingerprint.items(under: folder, ignoring: ignoring, limit: limit)
    }

    static func tooManyEntries(_ folder: String) -> String {
        "the content folder '\(folder)' holds more than \(SizeLimits.grouped(maximumEntries)) files and folders, and "
            + "docgen reads every file in it; is it the course? Name the folder that holds docgen.yml and the "
            + "chapters (--content)"
    }

    static func tooManyBytes(_ folder: String, bytes: Double) -> String {
        "the files in the content folder '\(folder)' add up to \(gibibytes(bytes)), more than the "
            + "\(gibibytes(Double(maximumBytes))) docgen reads; is it the course? Name the folder that holds "
            + "docgen.yml and the chapters (--content)"
    }

    /// Bytes in GiB with one decimal, or in TiB from 1024 GiB up.
    private static func gibibytes(_ bytes: Double) -> String {
        let gib = bytes / Double(1 << 30)
        return gib >= 1024 ? String(format: "%.1f TiB", gib / 1024) : String(format: "%.1f GiB", gib)
    }
}
