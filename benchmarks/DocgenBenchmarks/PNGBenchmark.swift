// PNG benchmark: every figure of a built site encoded again by docgen's writer and by zlib through libpng, with
// total bytes and encode CPU time side by side. The pixels come from the site's own PNGs, so the corpus is the
// course's real figures (line plots, hatched bars, contours, heat maps, histograms), not one chosen image.
//
// Usage: DocgenBenchmarks png [SITE_DIR] [--runs N] [--quick]   (SITE_DIR defaults to Output; build it first)
// --quick compares docgen's writer with zlib level 6 only; --writer times docgen's writer alone.
import DocgenPlotting
import Foundation

private func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Entry point called by the benchmarks' main.swift for `DocgenBenchmarks png …`.
public func runPNGBenchmark(arguments: [String]) throws {
    var runs = 3
    if let i = arguments.firstIndex(of: "--runs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) { runs = max(1, n) }
    let site = arguments.first { !$0.hasPrefix("--") && Int($0) == nil } ?? "Output"
    let root = URL(fileURLWithPath: site)
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
        throw CocoaError(.fileReadNoSuchFile)
    }
    let files = walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "png" }
        .sorted { $0.path < $1.path }
    guard !files.isEmpty else {
        print("no PNG files under \(site): build the site first (docgen build --output \(site))")
        exit(2)
    }
    var engines: [(String, PNGSettings)] = [
        ("docgen writer (default)", .standard),
        ("libdeflate level 1", .libdeflate(level: 1)),
        ("libdeflate level 2", .libdeflate(level: 2)),
        ("libdeflate level 6", .libdeflate(level: 6)),
        ("zlib level 1, no filter", PNGSettings(level: 1)),
        ("zlib level 6, no filter", PNGSettings(level: 6)),
        ("zlib level 6, adaptive filter", PNGSettings(level: 6, filter: .adaptive)),
    ]
    if arguments.contains("--quick") {
        engines = engines.filter { $0.0 == "docgen writer (default)" || $0.0 == "zlib level 6, no filter" }
    }
    if arguments.contains("--writer") { engines = engines.filter { $0.0 == "docgen writer (default)" } }
    let zlib6 = engines.firstIndex { $0.0 == "zlib level 6, no filter" } ?? 0
    var bytes = [Int](repeating: 0, count: engines.count)
    var seconds = [Double](repeating: 0, count: engines.count)
    var pixels = 0
    var worst: [(ratio: Double, name: String)] = []
    for file in files {
        let image = try PNGDecoder.decode([UInt8](try Data(contentsOf: file)))
        let surface = try image.surfaceForEncoding()
        pixels += image.width * image.height
        var sizes: [Int] = []
        for (k, engine) in engines.enumerated() {
            var best = Double.infinity, size = 0
            for _ in 0..<runs {
                let start = threadCPUSeconds()
                size = try surface.png(settings: engine.1).count
                best = min(best, threadCPUSeconds() - start)
            }
            bytes[k] += size
            seconds[k] += best
            sizes.append(size)
        }
        worst.append((Double(sizes[0]) / Double(sizes[zlib6]), file.lastPathComponent))
    }
    print("\(files.count) PNG files under \(site), \(String(format: "%.1f", Double(pixels) / 1e6)) Mpixel; "
          + "encode CPU is the least of \(runs) runs per file (the pixels are in a Cairo surface before timing starts)")
    print("load average: \(loadAverage())")
    for (k, engine) in engines.enumerated() {
        print(String(format: "  %-30@ %8.2f MB  %7.3f s   size ×%.3f of zlib 6   time ×%.2f of docgen's writer",
                     engine.0 as NSString, Double(bytes[k]) / 1e6, seconds[k], Double(bytes[k]) / Double(bytes[zlib6]),
                     seconds[k] / seconds[0]))
    }
    print("largest docgen/zlib-6 size ratios:")
    for entry in worst.sorted(by: { $0.ratio > $1.ratio }).prefix(5) {
        print(String(format: "  %.2f  %@", entry.ratio, entry.name as NSString))
    }
}
