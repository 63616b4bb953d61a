/// What to build, and how.
public struct BuildOptions: Sendable {
    /// The folder of chapters, as the user named it (relative paths are shown as given).
    public var contentPath: String
    /// The folder the site is written to; replaced as a whole, atomically.
    public var outputPath: String
    /// Where cached fits and figures live; outside the output folder, safe to delete.
    /// Default: `.docgen-cache/<output folder name>` beside the output folder, so every output has a cache
    /// of its own (two sites in one folder never share entries, and cleaning one never touches another).
    public var cachePath: String?
    /// Worker threads for fits and figures.
    public var jobs: Int = 2
    /// Ignore the cache.
    public var force = false
    /// Warnings fail the build.
    public var strict = false
    /// Validate and resolve everything but write nothing (`docgen check`).
    public var checkOnly = false
    /// How long a build waits for another build of the same output to finish (see `BuildLock`), in seconds.
    public var lockTimeout: Double = 600
    /// The build identity to key the cache with; nil hashes the running executable.
    /// Tests set it to skip hashing a large test binary.
    public var identity: String?
    /// Also print the printable edition to `course.pdf` in the site, with headless Chromium.
    public var pdf = false
    /// The paper of that PDF.
    public var pdfPaper: PaperSize = .a4
    /// Recompress the site's PNGs at maximum effort (slower; for publishing). Lossless.
    public var optimizeImages = false

    public init(contentPath: String, outputPath: String) {
        self.contentPath = contentPath
        self.outputPath = outputPath
    }

    var resolvedCachePath: String { BuildOptions.cachePath(explicit: cachePath, outputPath: outputPath) }

    /// The options that change the published files beyond the content (part of the input
    /// fingerprint, so switching one on is never "up to date"); "" when none is set.
    var publishingOptions: String {
        var parts: [String] = []
        if pdf { parts.append("pdf:\(pdfPaper.rawValue)") }
        if optimizeImages { parts.append("optimize-images") }
        return parts.joined(separator: " ")
    }

    /// Folders inside the content folder that are not content, relative to it and `/`-separated: the
    /// output, staging and cache folders when they lie inside it (`docgen init` puts `_site/` and
    /// `.docgen-cache/` there) and `.git`. The input fingerprint and `docgen serve`'s watcher skip
    /// them, so writing the site never looks like an edit.
    public var ignoredContentFolders: [String] {
        let content = Self.absolute(contentPath)
        var ignored = [".git"]
        // The whole `.docgen-cache` folder when the cache is the default one: it may hold other outputs' caches.
        let cacheFolder = cachePath ?? PathText.parent(resolvedCachePath)
        for folder in [outputPath, cacheFolder, SitePublisher.stagingContainer(outputPath: outputPath)] {
            let path = Self.absolute(folder)
            if path.hasPrefix(content + "/") { ignored.append(String(path.dropFirst(content.count + 1))) }
        }
        return ignored
    }

    private static func absolute(_ path: String) -> String {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        // Resolve symbolic links of the part that exists, so `/tmp/x` and `/private/tmp/x` compare equal.
        url = url.resolvingSymlinksInPath()
        return url.path
    }

    /// The name of the folder that holds the default caches, beside the output folders.
    public static let cacheFolderName = ".docgen-cache"

    /// The cache folder: the one given, or `.docgen-cache/<output folder name>` beside the output folder.
    static func cachePath(explicit: String?, outputPath: String) -> String {
        if let explicit { return explicit }
        let standardized = (outputPath as NSString).standardizingPath
        let parent = PathText.parent(standardized)
        var name = (standardized as NSString).lastPathComponent
        if name.isEmpty || name == "." || name == "/" || name == ".." { name = "site" }
        return (((parent.isEmpty ? "." : parent) as NSString).appendingPathComponent(cacheFolderName) as NSString)
            .appendingPathComponent(name)
    }
}

import Foundation

/// A progress event, reported from worker threads while a build runs.
public enum BuildProgress: Sendable {
    /// `done` of `total` fits and figures finished; `what` names the last one.
    case step(done: Int, total: Int, what: String)
    /// A line for `--verbose`.
    case note(String)
    /// The build waits for something outside it (another build of the same output); shown unless quiet.
    case waiting(String)
}

/// What a build did.
public struct BuildResult: Sendable {
    /// Every diagnostic of the build, sorted by location.
    public var diagnostics: [Diagnostic]
    /// The closing summary line (`12 pages, 31 figures (3 regenerated, 28 cached) in 0.41 s`).
    public var summary: String
    /// What re-run experiments changed compared with the previous build, when any re-ran.
    public var changeReport: String?
    /// 0 success, 1 content errors (or warnings under `--strict`).
    public var exitStatus: Int32

    public var succeeded: Bool { exitStatus == 0 }
}

import DocgenDiagnostics

/// Diagnostics as an `Error`, for `Result`s of stages that can report several problems.
struct Failure: Error, Sendable {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    init(_ diagnostic: Diagnostic) { diagnostics = [diagnostic] }
}

/// A plain message as an `Error`, for parsers that leave locating it to their caller.
struct Message: Error, Sendable, Equatable {
    var text: String
    init(_ text: String) { self.text = text }
}
