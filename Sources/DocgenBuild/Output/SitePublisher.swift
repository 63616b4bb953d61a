import DocgenConcurrency
import DocgenSite
import Foundation
import Synchronization

/// Writes a finished site into the output folder all at once, or not at all.
///
/// The files go to a staging folder beside the output folder; only when every file is
/// written is the staging folder swapped into place with one atomic `renameat2`
/// exchange (two renames where the file system cannot exchange). A failed or interrupted
/// build therefore leaves the previous output byte for byte as it was.
///
/// A file whose bytes did not change is hard-linked from the previous output instead of
/// written, so its modification time (and a browser's cache) survive the rebuild.
public struct SitePublisher: Sendable {
    /// The marker file that says a folder was written by docgen and may be replaced.
    public static let markerName = ".docgen-site"
    /// Hidden placeholder files carried over from the previous output (kept for git).
    static let keptPlaceholders = [".gitkeep"]

    public let outputPath: String
    /// Where to keep the provenance manifest of the published files (outside the output folder,
    /// so the output itself stays deterministic); nil keeps none and compares bytes.
    public let manifestPath: String?

    /// This publisher's own staging folder: `.<name>.staging/<pid>-<n>` beside the output folder, so two
    /// builds never write into one staging folder (and `BuildLock` keeps them from publishing at once).
    let stagingPath: String
    /// The folder holding every publisher's staging folder of this output (`.<name>.staging`).
    var stagingContainer: String { PathText.parent(stagingPath) }

    /// `.<name>.staging` beside `outputPath`: where builds stage the site (the build never reads it as content).
    public static func stagingContainer(outputPath: String) -> String {
        let standardized = (outputPath as NSString).standardizingPath
        let dir = PathText.parent(standardized)
        return (dir as NSString).appendingPathComponent(".\((standardized as NSString).lastPathComponent).staging")
    }

    public init(outputPath: String, manifestPath: String? = nil) {
        self.outputPath = (outputPath as NSString).standardizingPath
        self.manifestPath = manifestPath
        // The random part keeps the name new even beside the leftovers of an earlier process that had this number.
        stagingPath = (Self.stagingContainer(outputPath: outputPath) as NSString)
            .appendingPathComponent("\(getpid())-\(Self.counter.next())-\(String(UInt64.random(in: 0...UInt64.max), radix: 36))")
    }

    private static let counter = StagingCounter()
    private final class StagingCounter: Sendable {
        private let value = Mutex(0)
        func next() -> Int { value.withLock { $0 += 1; return $0 } }
    }

    /// Starts removing what earlier builds left in the staging container (interrupted builds' staging folders and
    /// the files a prose edit retired) on another thread, and returns at once; call the result's `finish` before the
    /// process ends. Only the entries there now are removed, so this build's own staging folder, made later, is
    /// never touched (staging names are never reused: see `init`). Only for a caller that holds the output's
    /// `BuildLock`: then no other build is using the container.
    func removeStaleStagingInBackground() -> StaleStagingRemoval {
        let container = stagingContainer
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: container)) ?? []
        return StaleStagingRemoval(container: container, removal: Background {
            for entry in entries { try? FileManager.default.removeItem(atPath: (container as NSString).appendingPathComponent(entry)) }
        })
    }

    /// The removal `removeStaleStagingInBackground` started.
    struct StaleStagingRemoval: Sendable {
        let container: String
        let removal: Background<Void>

        /// Waits for the removal, then removes the staging container itself when it is empty. The container is
        /// never removed on the removal's thread: there it could vanish between this build's two `mkdir`s of its own
        /// staging folder (the container, then the folder in it), and the staging would fail; a prose edit then
        /// fell back to a whole build, and a whole build failed. The build calls this after it published.
        func finish() {
            removal.value
            rmdir(container)  // only when empty: a prose edit's retired files stay for the next build
        }
    }

    /// The folder in the staging container where a prose edit keeps, hard-linked, the files it replaced (see
    /// `publishEdited`). The next build removes it.
    private var retiredPath: String { stagingPath + ".retired" }

    public struct Report: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        /// True when nothing differed and the output folder was left alone entirely.
        public var untouched = false
    }

    public struct PublishError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The input fingerprint recorded by the build that wrote the current output, if any.
    public func recordedFingerprint() -> String? {
        let marker = (outputPath as NSString).appendingPathComponent(Self.markerName)
        guard let text = try? String(contentsOfFile: marker, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("inputs: ") {
            return String(line.dropFirst("inputs: ".count))
        }
        return nil
    }

    /// Publishes `files` (paths relative to the output folder, `/`-separated), recording
    /// `fingerprint` (the hash of the build's inputs) in the marker file.
    public func publish(_ files: [String: Data], fingerprint: String? = nil) throws -> Report {
        try publish(files.mapValues { SiteFile.data($0) }, fingerprint: fingerprint)
    }

    /// Publishes `files`, which may be file sources (copied) and may carry a provenance.
    ///
    /// A file is kept from the previous output (hard-linked, so inode and modification time
    /// survive) when its bytes are equal. Equality is proven without reading anything when
    /// the manifest of the previous publish recorded the same provenance for that path and the
    /// file still has the size, modification time and inode recorded then; otherwise the
    /// bytes are compared.
    public func publish(_ files: [String: SiteFile], fingerprint: String? = nil) throws -> Report {
        let fm = FileManager.default
        try checkReplaceable()
        if fingerprint == nil, try isIdentical(files) { return Report(untouched: true) }

        let staging = stagingPath
        try? fm.removeItem(atPath: staging)
        defer {
            try? fm.removeItem(atPath: staging)
            rmdir(stagingContainer)  // only when no other staging folder is in it
        }
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)

        let previousManifest = manifestPath.map(PublishManifest.read(from:)) ?? PublishManifest()
        var manifest = PublishManifest()
        var report = Report()
        var marked = files
        marked[Self.markerName] = nil
        for placeholder in Self.keptPlaceholders
        where fm.fileExists(atPath: (outputPath as NSString).appendingPathComponent(placeholder)) {
            marked[placeholder] = marked[placeholder] ?? .data(Data())
        }
        var createdFolders: Set<String> = [staging]
        var twins = Twins()
        for (relative, file) in marked.sorted(by: { $0.key < $1.key }) {
            guard Self.isSafeRelativePath(relative) else {
                throw PublishError(description: "refusing to write '\(relative)' outside the output folder")
            }
            let target = (staging as NSString).appendingPathComponent(relative)
            let folder = PathText.parent(target)
            if !createdFolders.contains(folder) {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                createdFolders.insert(folder)
            }
            let previous = (outputPath as NSString).appendingPathComponent(relative)
            if let provenance = file.provenance, let recorded = previousManifest.entries[relative],
               recorded.provenance == provenance, FileStamp(path: previous) == recorded.stamp,
               link(previous, target) == 0 {
                manifest.entries[relative] = recorded
                report.unchanged += 1
                continue
            }
            let unchanged: Bool
            if case let .file(path) = file.source {
                unchanged = try placeCopy(of: path, previous: previous, target: target, twins: &twins)
            } else {
                unchanged = try place(try file.bytes(), previous: previous, target: target, linkSource: file.linkSource,
                                      twins: &twins)
            }
            if unchanged {
                report.unchanged += 1
            } else {
                report.written += 1
            }
            if let provenance = file.provenance, let stamp = FileStamp(path: target) {
                manifest.entries[relative] = .init(provenance: provenance, stamp: stamp)
            }
        }
        var markerTwins = Twins()  // the marker is a file of its own, whatever its bytes
        var marker = "Written by docgen build; this folder is replaced on every build.\n"
        if let fingerprint { marker += "inputs: \(fingerprint)\n" }
        if try place(Data(marker.utf8), previous: (outputPath as NSString).appendingPathComponent(Self.markerName),
                     target: (staging as NSString).appendingPathComponent(Self.markerName), twins: &markerTwins) {
            report.unchanged += 1
        } else {
            report.written += 1
        }
        if let manifestPath {
            // Written before the swap: every stamp names a staged file, which the swap only moves.
            try? fm.createDirectory(atPath: PathText.parent(manifestPath),
                                   withIntermediateDirectories: true)
            try? FileWriter.writeAtomically(CacheSeal.seal(Data(manifest.text.utf8)), to: manifestPath)
        }
        try swapIntoPlace(staging)
        return report
    }

    /// Replaces some files of the published site, each by one atomic rename, and records `fingerprint`: for a
    /// rebuild that changed only those files of the site the previous build published (a prose edit, see
    /// `ProseEditBuild`), where staging and swapping the whole site would cost far more than the edit. `files` are
    /// whole files; `spliced` are new versions of published files given as splices of them, made by copying their kept
    /// ranges inside the kernel and writing only the new bytes.
    ///
    /// The site is not swapped as a whole, so between two renames a reader can see one page new and another still old;
    /// a build interrupted there is never taken for an up-to-date one, because the marker loses its fingerprint before
    /// the first file is replaced and gets the new one after the last. A file whose bytes did not change is left alone.
    /// Every new file is written into the staging folder before the first is renamed into the site, so a failure to
    /// write one (or a spliced file that is not as long as its splice says) leaves the site as it was. Only for a caller
    /// that holds the output's `BuildLock`.
    public func publishEdited(_ files: [String: Data], spliced: [String: SplicedFile] = [:],
                              fingerprint: String) throws -> Report {
        try publishEdited(files, staged: stageSplices(spliced), fingerprint: fingerprint)
    }

    /// `publishEdited`, with the spliced files staged already (`stageSplices`, started while the caller rendered
    /// the rest). The staging folder is removed on return, whatever happened.
    public func publishEdited(_ files: [String: Data], staged: SpliceStaging, fingerprint: String) throws -> Report {
        defer { discard(staged) }
        try checkReplaceable()
        let fm = FileManager.default
        var changed: [(relative: String, from: String)] = []
        var report = Report()
        do {
            // The whole files first, compared and written into the staging folder while the spliced ones (the
            // printable edition, the search index: megabytes on a large course) are still being staged on the
            // other thread; then the spliced ones, once staged.
            for relative in files.keys.sorted() {
                guard Self.isSafeRelativePath(relative), relative != Self.markerName, let bytes = files[relative] else {
                    throw PublishError(description: "refusing to write '\(relative)' outside the output folder")
                }
                let path = (outputPath as NSString).appendingPathComponent(relative)
                if FileStamp(path: path)?.size == bytes.count, fm.contents(atPath: path) == bytes {
                    report.unchanged += 1
                    continue
                }
                try fm.createDirectory(atPath: stagingPath, withIntermediateDirectories: true)
                let from = (stagingPath as NSString).appendingPathComponent("whole-\(changed.count)")
                try FileWriter.write(bytes, to: from)
                changed.append((relative, from))
            }
            let splices = try staged.outcome.value.get()
            for relative in splices.keys.sorted() {
                guard Self.isSafeRelativePath(relative), relative != Self.markerName, files[relative] == nil else {
                    throw PublishError(description: "refusing to write '\(relative)' outside the output folder")
                }
                if case let .staged(at)? = splices[relative] {
                    changed.append((relative, at))
                } else {
                    report.unchanged += 1
                }
            }
        } catch let error as PublishError {
            throw error
        } catch {
            throw PublishError(description: "\(error)")
        }
        changed.sort { $0.relative < $1.relative }
        let marker = (outputPath as NSString).appendingPathComponent(Self.markerName)
        let heading = "Written by docgen build; this folder is replaced on every build.\n"
        do {
            if !changed.isEmpty {
                // Every new file is staged before the first is renamed in: a failure while writing (a full disk)
                // leaves the site as it was, marker included.
                var staged: [(from: String, to: String)] = []
                for file in changed {
                    let to = (outputPath as NSString).appendingPathComponent(file.relative)
                    try fm.createDirectory(atPath: PathText.parent(to), withIntermediateDirectories: true)
                    staged.append((file.from, to))
                }
                // Replacing a file by rename frees the old file's blocks inside the rename, about 1 ms a MB (the
                // printable edition and the search index are several MB on a large course). A second link to each
                // replaced file, in the staging container, keeps that work out of this build: the next build
                // removes the links on another thread while it fingerprints its inputs. Where a link cannot be
                // made (another file system, no hard links), the rename frees the file as before.
                try? fm.createDirectory(atPath: retiredPath, withIntermediateDirectories: false)
                for (k, (_, to)) in staged.enumerated() {
                    _ = link(to, (retiredPath as NSString).appendingPathComponent("\(k)"))
                }
                try FileWriter.writeAtomically(Data(heading.utf8), to: marker)
                for (from, to) in staged {
                    guard rename(from, to) == 0 else {
                        throw PublishError(description: "cannot replace \(to): \(String(cString: strerror(errno)))")
                    }
                    report.written += 1
                }
            }
            try FileWriter.writeAtomically(Data((heading + "inputs: \(fingerprint)\n").utf8), to: marker)
        } catch let error as PublishError {
            throw error
        } catch {
            throw PublishError(description: "\(error)")
        }
        report.written += 1  // the marker, whose fingerprint changed
        return report
    }

    /// Spliced files written ahead of `publishEdited` (`stageSplices`).
    public final class SpliceStaging: Sendable {
        fileprivate let outcome: Background<Result<[String: StagedSplice], PublishError>>
        fileprivate init(_ outcome: Background<Result<[String: StagedSplice], PublishError>>) { self.outcome = outcome }
    }

    /// What became of one spliced file: the published one holds its bytes already, or the new one is at `path`.
    fileprivate enum StagedSplice: Sendable { case unchanged, staged(path: String) }

    /// Starts writing the files `spliced` makes of the published ones into the staging folder, on a thread of its
    /// own, and returns at once; `publishEdited(_:staged:fingerprint:)` waits for them, or `discard` drops them.
    ///
    /// Each new file's write-back to disk is started on that thread too (`SpliceWriter.write`). Otherwise ext4 starts
    /// it inside the rename that replaces the published file (its "replace by rename" safeguard for files written
    /// with delayed allocation), on the build's critical path: for the printable edition and search index of a course
    /// four times the built-in one (3.1 MB), 0.9 ms of the renames' 1.0 ms per edit (sampled with perf).
    public func stageSplices(_ spliced: [String: SplicedFile]) -> SpliceStaging {
        let (outputPath, stagingPath) = (outputPath, stagingPath)
        return SpliceStaging(Background {
            var out: [String: StagedSplice] = [:]
            for (k, (relative, splice)) in spliced.sorted(by: { $0.key < $1.key }).enumerated() {
                guard Self.isSafeRelativePath(relative), relative != Self.markerName else {
                    return .failure(PublishError(description: "refusing to write '\(relative)' outside the output folder"))
                }
                let path = (outputPath as NSString).appendingPathComponent(relative)
                guard let unchanged = SpliceWriter.holdsAlready(path, splice) else {
                    return .failure(PublishError(description: "\(path) is not the file the splice was made for"))
                }
                if unchanged {
                    out[relative] = .unchanged
                    continue
                }
                let staged = (stagingPath as NSString).appendingPathComponent("spliced-\(k)")
                do {
                    try FileManager.default.createDirectory(atPath: stagingPath, withIntermediateDirectories: true)
                    try SpliceWriter.write(splice, from: path, to: staged)
                } catch {
                    return .failure(PublishError(description: "\(error)"))
                }
                out[relative] = .staged(path: staged)
            }
            return .success(out)
        })
    }

    /// Waits for `staging` and removes this publisher's staging folder, with what it wrote: for an edit that is not
    /// published after all.
    public func discard(_ staging: SpliceStaging) {
        _ = staging.outcome.value
        try? FileManager.default.removeItem(atPath: stagingPath)
        rmdir(stagingContainer)  // only when no other staging folder is in it
    }

    /// The files one `publish` wrote into its staging folder, by their bytes and by the file they copy, so that a
    /// second file with the same bytes becomes a hard link to the first rather than a new file. On ext4 creating a
    /// file costs far more than linking one (0.6 ms against 0.07 ms per file in a cold build of the course, under
    /// `strace`); in the course, 148 of the 549 files a cold build writes repeat another's bytes (7.0 MB: a data set
    /// both the ridge and the lasso fits copy, the splits of one seed). Only files written afresh are twins, never
    /// ones kept from the previous output: a twin then shares a file whose modification time is this build's.
    private struct Twins {
        var byBytes: [Data: String] = [:]
        var bySource: [String: String] = [:]
    }

    /// Hard-links `previous` to `target` when it holds exactly `bytes` (true), else links `linkSource` (which the
    /// caller vouches holds `bytes`; a cache file) or a file this publish wrote with the same bytes (`twins`), or
    /// writes `bytes` (false).
    private func place(_ bytes: Data, previous: String, target: String, linkSource: String? = nil,
                       twins: inout Twins) throws -> Bool {
        let fm = FileManager.default
        if FileStamp(path: previous)?.size == bytes.count, let old = fm.contents(atPath: previous), old == bytes,
           link(previous, target) == 0 {
            return true
        }
        if let linkSource, FileStamp(path: linkSource)?.size == bytes.count, link(linkSource, target) == 0 {
            return false
        }
        if let twin = twins.byBytes[bytes], link(twin, target) == 0 { return false }
        do {
            try FileWriter.write(bytes, to: target)  // into the staging folder, which is swapped in as a whole
        } catch {
            throw PublishError(description: "\(error)")
        }
        twins.byBytes[bytes] = target
        return false
    }

    /// Hard-links `previous` to `target` when it holds the bytes of the file at `source` (true), else links the copy
    /// of `source` this publish made already (`twins`) or copies `source` (false); compared and copied a piece at a
    /// time, so a large file (a data set published as a reproduce script's input) is never held in memory.
    private func placeCopy(of source: String, previous: String, target: String, twins: inout Twins) throws -> Bool {
        if FileComparison.sameBytes(source, previous), link(previous, target) == 0 { return true }
        if let twin = twins.bySource[source], link(twin, target) == 0 { return false }
        guard FileComparison.copy(source, to: target) else {
            throw PublishError(description: "cannot copy \(source) to publish it")
        }
        twins.bySource[source] = target
        return false
    }

    /// Refuses to replace a folder that docgen did not write (so `--output ~` cannot wipe a home folder).
    func checkReplaceable() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: outputPath, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw PublishError(description: "output path \(outputPath) exists and is not a folder")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: outputPath)) ?? []
        let foreign = entries.filter { !Self.keptPlaceholders.contains($0) && $0 != "README.md" }
        if !foreign.isEmpty && !entries.contains(Self.markerName) {
            throw PublishError(description:
                "refusing to replace \(outputPath): it is not empty and was not written by docgen (no \(Self.markerName))")
        }
    }

    /// True when the output folder already holds exactly these files with these bytes.
    func isIdentical(_ files: [String: SiteFile]) throws -> Bool {
        let fm = FileManager.default
        guard fm.fileExists(atPath: (outputPath as NSString).appendingPathComponent(Self.markerName)) else { return false }
        var existing = Set<String>()
        if let e = fm.enumerator(atPath: outputPath) {
            while let item = e.nextObject() as? String {
                var isDir: ObjCBool = false
                _ = fm.fileExists(atPath: (outputPath as NSString).appendingPathComponent(item), isDirectory: &isDir)
                if !isDir.boolValue { existing.insert(item) }
            }
        }
        existing.remove(Self.markerName)
        for p in Self.keptPlaceholders { existing.remove(p) }
        guard existing == Set(files.keys) else { return false }
        for (relative, file) in files {
            let path = (outputPath as NSString).appendingPathComponent(relative)
            if case let .file(source) = file.source {
                guard FileComparison.sameBytes(source, path) else { return false }
                continue
            }
            let bytes = try file.bytes()
            guard FileStamp(path: path)?.size == bytes.count, fm.contents(atPath: path) == bytes else { return false }
        }
        return true
    }

    private func swapIntoPlace(_ staging: String) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: outputPath) {
            guard rename(staging, outputPath) == 0 else {
                throw PublishError(description: "cannot move the new site to \(outputPath): \(String(cString: strerror(errno)))")
            }
            return
        }
        if AtomicExchange.exchange(staging, outputPath) {
            return  // the old site now sits at `staging` and is removed by the caller
        }
        // Fallback: two renames. The window between them is a few microseconds.
        let old = stagingPath + ".old"
        try? fm.removeItem(atPath: old)
        guard rename(outputPath, old) == 0 else {
            throw PublishError(description: "cannot replace \(outputPath): \(String(cString: strerror(errno)))")
        }
        guard rename(staging, outputPath) == 0 else {
            _ = rename(old, outputPath)
            throw PublishError(description: "cannot replace \(outputPath): \(String(cString: strerror(errno)))")
        }
        try? fm.removeItem(atPath: old)
    }

    static func isSafeRelativePath(_ p: String) -> Bool {
        !p.isEmpty && !p.hasPrefix("/") && !p.split(separator: "/").contains("..")
    }
}

/// The C function `name` of the process's libraries, looked up at run time, as a `type` (a `@convention(c)` function
/// type matching its C declaration): for Linux calls that Glibc's Swift overlay does not export. Nil where there is
/// none.
private func systemFunction<Function>(_ name: String, as type: Function.Type) -> Function? {
    #if os(Linux)
    guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
    return unsafeBitCast(symbol, to: type)
    #else
    return nil
    #endif
}

/// Linux `renameat2(…, RENAME_EXCHANGE)`: swaps two paths in one atomic step.
enum AtomicExchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let function = systemFunction("renameat2", as: RenameAt2.self)

    /// Exchanges `a` and `b`; false when the system or file system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        guard let function else { return false }
        let atFDCWD: Int32 = -100
        let renameExchange: UInt32 = 1 << 1
        return function(atFDCWD, a, atFDCWD, b, renameExchange) == 0
    }
}

/// Linux `sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE)`: starts writing a file's dirty pages to disk and returns
/// without waiting for the disk.
enum WriteBack {
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    private static let function = systemFunction("sync_file_range", as: SyncFileRange.self)

    /// Starts the write-back of the whole file open at `fd`; where the system has no such call, nothing (the file
    /// is written back later, as any other).
    static func start(_ fd: Int32) {
        let syncFileRangeWrite: UInt32 = 2
        _ = function?(fd, 0, 0, syncFileRangeWrite)
    }
}

/// Comparing and copying files a piece at a time (symbolic links followed: the bytes are copied, never the link).
enum FileComparison {
    private static let piece = 1 << 20

    /// Whether the files at `a` and `b` can both be read and hold the same bytes (sizes first, then 1 MiB pieces
    /// compared with memcmp).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard stat(a, &first) == 0, stat(b, &second) == 0, (first.st_mode & S_IFMT) == S_IFREG,
              (second.st_mode & S_IFMT) == S_IFREG, first.st_size == second.st_size else { return false }
        let left = open(a, O_RDONLY), right = open(b, O_RDONLY)
        defer { if left >= 0 { close(left) }; if right >= 0 { close(right) } }
        guard left >= 0, right >= 0 else { return false }
        let buffers = UnsafeMutableRawPointer.allocate(byteCount: 2 * piece, alignment: 64)
        defer { buffers.deallocate() }
        while true {
            let count = readFully(left, buffers, piece)
            guard count >= 0, readFully(right, buffers + piece, piece) == count else { return false }
            if count == 0 { return true }
            if memcmp(buffers, buffers + piece, count) != 0 { return false }
        }
    }

    /// Copies the bytes of `source` into a new file at `target` through a 1 MiB buffer; false when either cannot be
    /// opened or an I/O fails.
    static func copy(_ source: String, to target: String) -> Bool {
        let input = open(source, O_RDONLY)
        guard input >= 0 else { return false }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard output >= 0 else { return false }
        var ok = true
        defer { if close(output) != 0 { ok = false } }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: piece, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = readFully(input, buffer, piece)
            if count < 0 { return false }
            if count == 0 { return ok }
            var written = 0
            while written < count {
                let n = write(output, buffer + written, count - written)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                written += n
            }
        }
    }

    /// Reads up to `count` bytes (fewer only at the end of the file); −1 on an error.
    private static func readFully(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        var total = 0
        while total < count {
            let n = read(fd, buffer + total, count - total)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return -1 }
            if n == 0 { break }
            total += n
        }
        return total
    }
}

/// Makes a file from a splice of another (`SplicedFile`): the kept ranges copied by the kernel (`sendfile`, no copy
/// through this process), the new bytes written.
enum SpliceWriter {
    /// Whether the file at `path` already holds what `splice` makes of it (each replacement equals the bytes it
    /// replaces); nil when the file cannot be read or is not `splice.oldLength` bytes long.
    static func holdsAlready(_ path: String, _ splice: SplicedFile) -> Bool? {
        guard FileStamp(path: path)?.size == splice.oldLength else { return nil }
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return nil }
        defer { close(input) }
        for replacement in splice.replacements {
            guard replacement.range.count == replacement.bytes.count else { return false }
            var old = Data(count: replacement.range.count)
            let count = old.withUnsafeMutableBytes { pread(input, $0.baseAddress, $0.count, off_t(replacement.range.lowerBound)) }
            guard count == replacement.range.count else { return nil }
            if old != replacement.bytes { return false }
        }
        return true
    }

    /// Writes the file `splice` makes of the file at `source` to `target`.
    static func write(_ splice: SplicedFile, from source: String, to target: String) throws {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw FileWriter.Failure(path: source, code: errno) }
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw FileWriter.Failure(path: target, code: errno) }
        var closed = false
        defer { if !closed { close(output) } }
        for piece in splice.pieces {
            switch piece {
            case let .kept(range): try copy(range, from: input, to: output, path: target)
            case let .new(bytes): try FileWriter.writeAll(bytes, to: output, path: target)
            }
        }
        WriteBack.start(output)
        closed = true
        guard close(output) == 0 else { throw FileWriter.Failure(path: target, code: errno) }
    }

    /// Copies `range` of `input` to the end of `output`: by `sendfile`, or through a buffer where the kernel cannot.
    private static func copy(_ range: Range<Int>, from input: Int32, to output: Int32, path: String) throws {
        var offset = range.lowerBound
        while offset < range.upperBound {
            let sent = sendfile(output, input, &offset, range.upperBound - offset)
            if sent > 0 { continue }
            if sent < 0 && errno == EINTR { continue }
            if sent == 0 { throw FileWriter.Failure(path: path, code: EIO) }
            // sendfile refused (EINVAL or ENOSYS on some file systems): copy the rest through a buffer.
            var buffer = Data(count: range.upperBound - offset)
            let read = buffer.withUnsafeMutableBytes { pread(input, $0.baseAddress, $0.count, off_t(offset)) }
            guard read == buffer.count else { throw FileWriter.Failure(path: path, code: errno) }
            try FileWriter.writeAll(buffer, to: output, path: path)
            return
        }
    }
}
