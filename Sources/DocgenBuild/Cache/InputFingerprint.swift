import DocgenConcurrency
import Foundation

/// A hash of everything a build reads: the docgen build identity, the options that change
/// the outcome, and the path and bytes of every file in the content folder (but those under the
/// `ignoring` folders, relative to it: the site and the cache when they lie inside it).
///
/// The published site records it; a rebuild whose fingerprint matches has nothing to do
/// and returns at once (the no-op rebuild), without parsing or rendering anything.
///
/// Each file is hashed once per build: the fingerprint keeps every file's SHA-256 (`digests`), which the
/// experiments' cache keys reuse for their data files, and `recomputed(since:)` hashes again only the files whose
/// metadata changed (or might have changed unseen) since.
struct InputFingerprint: Sendable, Equatable {
    /// The fingerprint: 64 hex digits.
    var value: String
    /// SHA-256 of each file's bytes, by absolute standardized path.
    var digests: [String: String]
    /// What `stat` said of each file when it was hashed.
    fileprivate var stamps: [String: ContentFileStamp]
    /// When the files were read (wall-clock seconds).
    fileprivate var readAt: Double
    /// Why the content folder was not read: it holds more entries or bytes than a course can (`ContentLimits`).
    /// Nothing was hashed then, and the build stops with this as its error.
    var problem: String?

    /// `publishing`: `BuildOptions.publishingOptions`; "" (the default) leaves the hash as it was
    /// before such options existed. With `previous`, the fingerprint an earlier build took (`load(from:)`), a file
    /// whose `stat` proves it unchanged since that build read it keeps the digest taken then (see `recomputed`).
    static func compute(contentPath: String, identity: String, strict: Bool, ignoring: [String] = [],
                        publishing: String = "", previous: InputFingerprint? = nil) -> InputFingerprint {
        compute(contentPath: contentPath, identity: identity, strict: strict, ignoring: ignoring,
                publishing: publishing, reusing: previous)
    }

    /// How many files this fingerprint read and hashed, rather than taking a digest from the fingerprint it reused.
    private(set) var hashedFiles = 0

    /// The fingerprint of the same inputs now, to tell whether they changed while the site was built from them. A
    /// file whose size, inode, modification and change times are those seen by `previous` keeps its digest, unless
    /// its change time lies within `racyWindow` seconds of when `previous` read it: a file rewritten in the same
    /// clock tick as that read could keep all four, so such a file is read and hashed again.
    func recomputed(contentPath: String, identity: String, strict: Bool, ignoring: [String] = [],
                    publishing: String = "") -> InputFingerprint {
        Self.compute(contentPath: contentPath, identity: identity, strict: strict, ignoring: ignoring,
                     publishing: publishing, reusing: self)
    }

    /// Whether the file at `path` still has the bytes this fingerprint hashed: its `stat` is what it was then, and,
    /// when that proves nothing (a change time within `racyWindow` of the read), hashing it again gives the same
    /// digest. A result computed from a file is cached under that file's digest only when this holds after the
    /// computation read it, so a file edited during a build can never leave a result under the wrong key.
    func stillHolds(_ path: String) -> Bool {
        let path = Self.standardized(path)
        guard let digest = digests[path], let now = ContentFileStamp(path: path), stamps[path] == now else { return false }
        return trustedDigest(of: path, now: now) != nil || SHA256.contentDigest(fileAt: path) == digest
    }

    /// The digest this fingerprint took of `path`, when `now` (its `stat` today) proves the bytes unchanged since: the
    /// same stamp, and a change time older than `racyWindow` before the read.
    private func trustedDigest(of path: String, now: ContentFileStamp) -> String? {
        guard let seen = stamps[path], seen == now, now.changedAt < readAt - Self.racyWindow else { return nil }
        return digests[path]
    }

    /// Seconds around a read within which a change time does not prove a file unchanged since it was read
    /// (file-system timestamps advance in clock ticks of a few milliseconds; this leaves a wide margin).
    static let racyWindow = 2.0

    private static func compute(contentPath: String, identity: String, strict: Bool, ignoring: [String],
                                publishing: String, reusing previous: InputFingerprint?) -> InputFingerprint {
        let readAt = Date().timeIntervalSince1970
        var h = SHA256()
        h.field("inputs/v2")
        h.field(identity)
        h.field(strict ? "strict" : "lenient")
        if !publishing.isEmpty { h.field(publishing) }
        guard let files = items(under: contentPath, ignoring: ignoring, limit: ContentLimits.maximumEntries) else {
            return InputFingerprint(value: "", digests: [:], stamps: [:], readAt: readAt,
                                    problem: ContentLimits.tooManyEntries(contentPath))
        }
        var digests: [String: String] = [:], stamps: [String: ContentFileStamp] = [:]
        // The enumerator's items are plain relative paths (no `.`, `..` or doubled `/`), so the folder standardized once
        // and an item give the path `standardized` would (which costs microseconds a file).
        let folder = standardized(contentPath)
        var entries: [(item: String, path: String, stamp: ContentFileStamp, digest: String?)] = []
        for item in files.sorted() {
            let path = folder == "/" ? "/" + item : folder + "/" + item
            guard let stamp = ContentFileStamp(path: path), stamp.isRegularFile else { continue }
            entries.append((item, path, stamp, previous?.trustedDigest(of: path, now: stamp)))
        }
        // Sizes as `stat` gives them, before a byte is read: a special file may claim any size (/proc/kcore).
        let bytes = entries.reduce(0.0) { $0 + Double($1.stamp.size) }
        if bytes > Double(ContentLimits.maximumBytes) {
            return InputFingerprint(value: "", digests: [:], stamps: [:], readAt: readAt,
                                    problem: ContentLimits.tooManyBytes(contentPath, bytes: bytes))
        }
        let hashed = hashOnTwoThreads(entries.filter { $0.digest == nil }.map { ($0.path, Int($0.stamp.size)) })
        for entry in entries {
            let digest = entry.digest ?? hashed[entry.path] ?? SHA256.hex(Data())
            h.field(entry.item)
            h.field(digest)
            digests[entry.path] = digest
            stamps[entry.path] = entry.stamp
        }
        return InputFingerprint(value: h.hexDigest(), digests: digests, stamps: stamps, readAt: readAt, problem: nil,
                                hashedFiles: hashed.count)
    }

    /// Each file's content digest (`SHA256.contentDigest`), by path; a file that cannot be read has none. From
    /// `twoThreadBytes` up, the files are dealt, largest first, to whichever of two threads has fewer bytes so far;
    /// each thread reads into a buffer of its own. Fingerprinting a course four times the built-in one (87 files,
    /// 2.2 MB) takes 2.8 ms on one thread; on two, a prose edit of it took 1.0 ms less, and one of the built-in
    /// course 0.7 ms less (medians of 25 alternating release runs).
    static func hashOnTwoThreads(_ files: [(path: String, size: Int)]) -> [String: String] {
        @Sendable func hashAll(_ paths: [String]) -> [String: String] {
            let buffer = FileReadBuffer()
            var out: [String: String] = [:]
            for path in paths { out[path] = SHA256.contentDigest(fileAt: path, buffer: buffer) }
            return out
        }
        guard files.reduce(0, { $0 + $1.size }) >= twoThreadBytes else { return hashAll(files.map(\.path)) }
        var shares: ([String], [String]) = ([], [])
        var bytes = (0, 0)
        for file in files.sorted(by: { $0.size > $1.size }) {
            if bytes.0 <= bytes.1 { shares.0.append(file.path); bytes.0 += file.size }
            else { shares.1.append(file.path); bytes.1 += file.size }
        }
        let other = shares.1
        let second = Background { hashAll(other) }
        return hashAll(shares.0).merging(second.value) { a, _ in a }
    }

    /// Below this many bytes to hash, one thread hashes them all (starting a second costs about 0.1 ms).
    static let twoThreadBytes = 256 << 10

    /// Every entry under `folder` (files, folders and links, hidden ones included) as a path relative to it, in no
    /// particular order; descends into folders but not into links to folders, nor into `ignoring` folders, which
    /// are left out with everything in them. The same entries as `FileManager.enumerator(atPath:)` gives, read with
    /// `readdir` in about a fifteenth of the time (0.045 ms against 0.75 ms for a course of 89 entries). Nil as soon
    /// as there are more than `limit` entries: the walk stops there.
    static func items(under folder: String, ignoring: [String], limit: Int = .max) -> [String]? {
        var out: [String] = []
        var exceeded = false
        func walk(_ relative: String) {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            guard let directory = opendir(path) else { return }
            defer { closedir(directory) }
            while !exceeded, let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." { continue }
                let item = relative.isEmpty ? name : relative + "/" + name
                if ignoring.contains(where: { item == $0 || item.hasPrefix($0 + "/") }) { continue }
                out.append(item)
                if out.count > limit { exceeded = true; return }
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {  // file systems that do not say: ask lstat
                    var status = stat()
                    isFolder = lstat(folder + "/" + item, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder { walk(item) }
            }
        }
        walk("")
        return exceeded ? nil : out
    }

    // MARK: Storage

    /// The record of the last fingerprint a build took, in the cache folder: each file's digest with its `stat` and
    /// the time of the read, so that the next build hashes only the files changed since (a prose edit of the 4×
    /// course then hashes one chapter, not 87 files).
    static let recordFileName = "input-digests.bin"
    static let recordMagic = "docgen-input-digests/1\n"

    /// The fingerprint the last build kept (`save(to:)`), or nil.
    static func load(from cache: BuildCache) -> InputFingerprint? {
        cache.read(".", recordFileName).flatMap(InputFingerprint.init(record:))
    }

    /// Keeps this fingerprint for the next build, unless it hashed nothing: then the one kept still holds every digest.
    func save(to cache: BuildCache) {
        guard hashedFiles > 0 else { return }
        cache.write(".", Self.recordFileName, record())
    }

    func record() -> Data {
        var w = BinaryRecordWriter(magic: Self.recordMagic)
        w.string(value)
        w.double(readAt)
        let files = digests.sorted(by: { $0.key < $1.key }).compactMap { path, digest in
            stamps[path].map { (path, digest, $0) }
        }
        w.int(files.count)
        for (path, digest, stamp) in files {
            w.strings([path, digest])
            stamp.write(to: &w)
        }
        return w.data
    }

    /// The form of `path` the digests are keyed by.
    static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }
}

extension InputFingerprint {
    /// Nil for anything `record()` did not write.
    init?(record: Data) {
        guard var r = BinaryRecordReader(record, magic: Self.recordMagic), let value = r.string(),
              let readAt = r.double(), let count = r.int(), count >= 0 else { return nil }
        var digests: [String: String] = [:], stamps: [String: ContentFileStamp] = [:]
        for _ in 0..<count {
            guard let names = r.strings(), names.count == 2, let stamp = ContentFileStamp(reading: &r) else { return nil }
            digests[names[0]] = names[1]
            stamps[names[0]] = stamp
        }
        guard r.isAtEnd else { return nil }
        self.init(value: value, digests: digests, stamps: stamps, readAt: readAt)
    }
}

/// What `stat` says of a file that would change if its bytes did: size, inode, and the modification and change
/// times to the nanosecond.
private struct ContentFileStamp: Equatable, Sendable {
    var size: Int64
    var inode: UInt64
    var device: UInt64
    var modified: timespec
    var changed: timespec
    var isRegularFile: Bool

    /// Its part of the kept fingerprint's record (`InputFingerprint.record()`).
    func write(to w: inout BinaryRecordWriter) {
        for n in [Int(size), Int(bitPattern: UInt(inode)), Int(bitPattern: UInt(device)), modified.tv_sec,
                  modified.tv_nsec, changed.tv_sec, changed.tv_nsec] {
            w.int(n)
        }
        w.bool(isRegularFile)
    }

    /// What `write(to:)` wrote.
    init?(reading r: inout BinaryRecordReader) {
        guard let size = r.int(), let inode = r.int(), let device = r.int(), let modifiedSeconds = r.int(),
              let modifiedNanoseconds = r.int(), let changedSeconds = r.int(), let changedNanoseconds = r.int(),
              let regular = r.bool() else { return nil }
        (self.size, self.inode, self.device) = (Int64(size), UInt64(UInt(bitPattern: inode)), UInt64(UInt(bitPattern: device)))
        modified = timespec(tv_sec: modifiedSeconds, tv_nsec: modifiedNanoseconds)
        changed = timespec(tv_sec: changedSeconds, tv_nsec: changedNanoseconds)
        isRegularFile = regular
    }

    init?(path: String) {
        var s = stat()
        guard stat(path, &s) == 0 else { return nil }
        size = Int64(s.st_size)
        inode = UInt64(s.st_ino)
        device = UInt64(s.st_dev)
        modified = s.st_mtim
        changed = s.st_ctim
        isRegularFile = (s.st_mode & S_IFMT) == S_IFREG
    }

    /// The change time in wall-clock seconds.
    var changedAt: Double { Double(changed.tv_sec) + Double(changed.tv_nsec) / 1e9 }

    static func == (a: ContentFileStamp, b: ContentFileStamp) -> Bool {
        a.size == b.size && a.inode == b.inode && a.device == b.device && a.isRegularFile == b.isRegularFile
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }
}
