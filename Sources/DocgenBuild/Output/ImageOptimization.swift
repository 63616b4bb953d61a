import DocgenPlotting
import Foundation

/// `--optimize-images`: every PNG of the site recompressed by `PNGOptimizer` before publishing.
///
/// Figures are optimized once: the result is kept in the cache under the figure's provenance
/// (`optimized/<SHA-256 of the provenance>.png`), so a publishing build after an unchanged one
/// copies instead of recompressing. PNGs without a provenance (an author's own images) are
/// recompressed every time.
struct ImageOptimization {
    let cache: BuildCache?
    let jobs: Int

    struct Report {
        var images = 0
        var bytesBefore = 0
        var bytesAfter = 0
        var recompressed = 0
    }

    func run(_ files: [String: SiteFile]) -> (files: [String: SiteFile], report: Report) {
        let paths = files.keys.filter { $0.hasSuffix(".png") }.sorted()
        let results = parallelMap(paths, jobs: jobs) { path -> (SiteFile, Int, Int, Bool)? in
            guard let file = files[path], let bytes = try? file.bytes() else { return nil }
            let cacheName = file.provenance.map { Self.cacheName($0) }
            if let cache, let cacheName, let stored = cache.read("optimized", cacheName) {
                return (optimized(stored, from: file), bytes.count, stored.count, false)
            }
            guard let smaller = try? PNGOptimizer.optimize(bytes) else { return nil }
            if let cache, let cacheName { cache.write("optimized", cacheName, smaller) }
            return (optimized(smaller, from: file), bytes.count, smaller.count, true)
        }
        var out = files
        var report = Report()
        for (path, result) in zip(paths, results) {
            guard let (file, before, after, recompressed) = result else { continue }
            out[path] = file
            report.images += 1
            report.bytesBefore += before
            report.bytesAfter += after
            if recompressed { report.recompressed += 1 }
        }
        return (out, report)
    }

    /// The optimized bytes, named by the figure's provenance so an unchanged published copy is kept.
    /// In memory, never the cache file itself: what the cache stores is its business (it may wrap
    /// the bytes), and what the site publishes must be exactly the PNG.
    private func optimized(_ data: Data, from file: SiteFile) -> SiteFile {
        .data(data, provenance: file.provenance.map { $0 + "+optimized" })
    }

    static func cacheName(_ provenance: String) -> String {
        var h = SHA256()
        h.field("optimized-png/v1")
        h.field(provenance)
        return h.hexDigest() + ".png"
    }
}
