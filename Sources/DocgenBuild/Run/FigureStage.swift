import DocgenDiagnostics
import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation

/// A figure drawn by its kind: its PNGs (light, and dark when drawn), the CSV of the
/// plotted numbers, its size in CSS pixels and a generated alt text.
struct RenderedFigure: Codable, Sendable {
    var lightPNG: Data
    var darkPNG: Data?
    var csv: String
    /// CSS pixels; the PNGs are drawn at 2× device scale.
    var width: Int
    var height: Int
    var generatedAlt: String
}

/// What the cache keeps of a figure besides its PNG files (`figures/<key>.json`).
struct CachedFigureMetadata: Codable, Sendable {
    var csv: String
    var width: Int
    var height: Int
    var generatedAlt: String
    var hasDarkVariant: Bool
    /// SHA-256 of the light PNG, for the change report (so a cached build never hashes pixels).
    var lightPNGHash: String
}

/// A figure ready to publish: its metadata and where its PNGs come from.
struct StagedFigure: Sendable {
    var metadata: CachedFigureMetadata
    var light: SiteFile
    var dark: SiteFile?
    /// `figure:<cache key>` when the figure is in the cache: the provenance prefix of its files.
    var origin: String?
}

/// Draws (or loads from the cache) every figure of the course, in parallel.
///
/// A cached figure's PNGs are read and checked against their checksums; the publisher receives them tagged
/// with the cache key, and keeps the previous output file untouched when it came from the same key.
struct FigureStage {
    let plan: CoursePlan
    let cache: BuildCache?
    let progress: @Sendable (BuildProgress) -> Void

    /// Figures are drawn at this size in CSS pixels, at 2× device scale.
    static let width = 800
    static let height = 500

    struct Output: Sendable {
        var artifacts: [String: FigureArtifact] = [:]
        /// Site files: `figures/<stem>.png`, `-dark.png`, `.csv`.
        var files: [String: SiteFile] = [:]
        /// SHA-256 of each light PNG, to tell which figures' pixels changed.
        var pixelHashes: [String: String] = [:]
        var regenerated = 0
        var diagnostics: [Diagnostic] = []
    }

    struct Outcome: Sendable {
        var staged: StagedFigure?
        var diagnostics: [Diagnostic]
        var regenerated: Bool
    }

    /// Loads one figure from the cache, or draws and stores it. `experiments` are the figure's finished experiments
    /// in directive order (nil where one failed: the figure is then not drawn, the experiment's error says why);
    /// `keys` are every experiment's cache keys. Safe to call from several threads.
    func runOne(_ figure: PlannedFigure, experiments: [FinishedExperiment?], keys: [String: String]) -> Outcome {
        let d = figure.declaration
        let finished = experiments.compactMap { $0 }
        guard finished.count == experiments.count else { return Outcome(diagnostics: [], regenerated: false) }
        // An output that could not be computed has its own error; drawing without it would only repeat that.
        for e in finished where d.kind.outputs(for: e.planned).contains(where: { e.outputs[$0] == nil }) {
            return Outcome(diagnostics: [], regenerated: false)
        }
        let key = Self.key(figure, experimentKeys: keys, identity: cache?.identity)
        if let cache, let stored = Self.load(key, from: cache) {
            return Outcome(staged: stored, diagnostics: [], regenerated: false)
        }
        let started = DispatchTime.now()
        let outcome = Self.render(figure, finished)
        progress(.note(String(format: "drew figure %@ (%@) in %.3f s", figure.number, d.kindName,
                              Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)))
        switch outcome {
        case let .success(rendered):
            return Outcome(staged: Self.stage(rendered, key, in: cache), diagnostics: [], regenerated: true)
        case let .failure(failure):
            return Outcome(diagnostics: failure.diagnostics, regenerated: true)
        }
    }

    /// The figure's kind draws it once; the drawing is rendered in the light and the dark theme.
    static func render(_ figure: PlannedFigure, _ experiments: [FinishedExperiment]) -> Result<RenderedFigure, Failure> {
        let d = figure.declaration
        do {
            let drawing = try d.kind.draw(experiments, title: d.title)
            let style = { (theme: Theme) in
                FigureStyle(theme: theme, width: Double(width), height: Double(height))
            }
            let light = try drawing.render(style: style(.light)), dark = try drawing.render(style: style(.dark))
            return .success(RenderedFigure(lightPNG: Data(light.png), darkPNG: Data(dark.png), csv: drawing.csv,
                                           width: width, height: height, generatedAlt: drawing.altText))
        } catch let error as FigureInputError {
            let at = error.key.flatMap { d.keyLocations[$0] }
                ?? error.experiment.flatMap { $0 < d.experiments.count ? d.experiments[$0].at : nil } ?? d.location
            return .failure(Failure(.error("figure \(figure.number): \(error.message)", at: at)))
        } catch {
            return .failure(Failure(.error("figure \(figure.number) could not be drawn: \(error)", at: d.location)))
        }
    }

    /// The stage's output from each figure's outcome (`results[i]` belongs to `plan.figures[i]`).
    func collect(_ results: [Outcome]) -> Output {
        var output = Output()
        for (figure, outcome) in zip(plan.figures, results) {
            output.diagnostics.append(contentsOf: outcome.diagnostics)
            guard let staged = outcome.staged else { continue }
            if outcome.regenerated { output.regenerated += 1 }
            let stem = figure.stem
            let d = figure.declaration
            let meta = staged.metadata
            if d.alt == nil {
                output.diagnostics.append(.warning("figure \(figure.number) has no 'alt' text; using a generated one: \"\(meta.generatedAlt)\"",
                                                   at: d.location))
            }
            output.artifacts[stem] = FigureArtifact(width: meta.width, height: meta.height,
                                                    alt: d.alt ?? meta.generatedAlt,
                                                    hasDarkVariant: staged.dark != nil)
            output.files["figures/\(stem).png"] = staged.light
            if let dark = staged.dark { output.files["figures/\(stem)-dark.png"] = dark }
            output.files["figures/\(stem).csv"] = .data(Data(meta.csv.utf8), provenance: staged.origin.map { $0 + ".csv" })
            output.pixelHashes[stem] = meta.lightPNGHash
        }
        return output
    }

    /// Stores a freshly drawn figure (when there is a cache) and stages its bytes for publishing.
    /// Metadata as JSON; the PNGs as their own files, which the publisher can copy without decoding.
    static func stage(_ f: RenderedFigure, _ key: String, in cache: BuildCache?) -> StagedFigure {
        let meta = CachedFigureMetadata(csv: f.csv, width: f.width, height: f.height, generatedAlt: f.generatedAlt,
                                        hasDarkVariant: f.darkPNG != nil, lightPNGHash: ImageDigest.hex(f.lightPNG))
        if let cache {
            cache.write("figures", key + ".png", f.lightPNG)
            if let dark = f.darkPNG { cache.write("figures", key + "-dark.png", dark) }
            cache.saveJSON(meta, "figures", key + ".json")
        }
        let origin = cache == nil ? nil : "figure:" + key
        return StagedFigure(metadata: meta, light: .data(f.lightPNG, provenance: origin.map { $0 + ".png" }),
                            dark: f.darkPNG.map { .data($0, provenance: origin.map { $0 + "-dark.png" }) }, origin: origin)
    }

    /// A cached figure: its metadata and its PNGs, each entry verified against its checksum (a damaged one makes
    /// the whole figure a miss, so it is drawn again). The PNGs keep their provenance, so the publisher can still
    /// keep an untouched previous output file without comparing bytes.
    static func load(_ key: String, from cache: BuildCache) -> StagedFigure? {
        // Every entry is read, so each damaged one is reported, before deciding.
        let meta = cache.loadJSON(CachedFigureMetadata.self, "figures", key + ".json")
        let light = cache.read("figures", key + ".png")
        let darkBytes = cache.read("figures", key + "-dark.png")
        guard let meta, let light else { return nil }
        var dark: SiteFile?
        if meta.hasDarkVariant {
            guard let darkBytes else { return nil }
            dark = .data(darkBytes, provenance: "figure:" + key + "-dark.png")
        }
        return StagedFigure(metadata: meta, light: .data(light, provenance: "figure:" + key + ".png"), dark: dark,
                            origin: "figure:" + key)
    }

    /// SHA-256 of the build identity, the figure's directive, its number and the keys of its experiments (which,
    /// with the directive, also name every output it draws).
    static func key(_ f: PlannedFigure, experimentKeys: [String: String], identity: String?) -> String {
        var h = SHA256()
        h.field("figure/v2")
        h.field(identity ?? "")
        h.field(f.declaration.sourceText)
        h.field(f.number)
        for (id, _) in f.declaration.experiments { h.field(experimentKeys[id] ?? "missing") }
        return h.hexDigest()
    }
}
