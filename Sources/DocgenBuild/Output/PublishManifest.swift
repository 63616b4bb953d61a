import Foundation

/// What `stat` says about a published file: enough to notice that anyone touched it.
struct FileStamp: Equatable, Sendable {
    var size: Int
    /// Modification time in nanoseconds since 1970.
    var modifiedNanoseconds: Int64
    var inode: UInt64

    /// Nil when the path does not exist or is not a regular file (symbolic links are not followed).
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int(info.st_size)
        modifiedNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        inode = UInt64(info.st_ino)
    }

    init(size: Int, modifiedNanoseconds: Int64, inode: UInt64) {
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }
}

/// The provenance of each published file that had one, with the file's stamp when it was
/// published. Kept in the cache folder (see `BuildCache.publishManifestPath`), as lines `source <TAB> provenance <TAB> size <TAB>
/// mtime-ns <TAB> inode <TAB> relative path`.
struct PublishManifest: Sendable {
    struct Entry: Equatable, Sendable {
        var provenance: String
        var stamp: FileStamp
    }

    var entries: [String: Entry] = [:]

    /// The manifest lines, sorted by path (paths or provenances holding a tab or newline are left out).
    var text: String {
        var out = ""
        for (relative, entry) in entries.sorted(by: { $0.key < $1.key }) {
            let fields = [relative, entry.provenance]
            if fields.contains(where: { $0.contains("\t") || $0.contains("\n") }) { continue }
            out += "source\t\(entry.provenance)\t\(entry.stamp.size)\t\(entry.stamp.modifiedNanoseconds)\t"
                + "\(entry.stamp.inode)\t\(relative)\n"
        }
        return out
    }

    /// The manifest stored at `path`, sealed like a cache entry (`CacheSeal`); empty when the file is missing or
    /// damaged (then every file is compared by its bytes). Malformed lines are skipped.
    static func read(from path: String) -> PublishManifest {
        var manifest = PublishManifest()
        guard let sealed = FileManager.default.contents(atPath: path), let data = CacheSeal.unseal(sealed) else {
            return manifest
        }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("source\t") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 6, let size = Int(f[2]), let modified = Int64(f[3]), let inode = UInt64(f[4]) else { continue }
            manifest.entries[String(f[5])] = Entry(provenance: String(f[1]),
                                                   stamp: FileStamp(size: size, modifiedNanoseconds: modified, inode: inode))
        }
        return manifest
    }
}
