import DocgenDiagnostics
import Foundation

/// A figure drawn by a recipe: its PNGs (light, and dark when drawn), the CSV of the
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
/// A cached figure's PNGs are never read here: the publisher receives the cache files as
/// file sources tagged with the cache key, and keeps the previous output file untouched when
/// it came from the same key.
struct FigureStage {
    let plan: CoursePlan
    let experiments: ExperimentStage.Output
    let cache: BuildCache?
    let progress: @Sendable (BuildProgress) -> Void

    struct Output: Sendable {
        var artifacts: [String: FigureArtifact] = [:]
        /// Site files: `figures/<stem>.png`, `-dark.png`, `.csv`.
        var files: [String: SiteFile] = [:]
        /// SHA-256 of each light PNG, to tell which figures' pixels changed.
        var pixelHashes: [String: String] = [:]
        var regenerated = 0
        var diagnostics: [Diagnostic] = []
    }

    typealias Outcome = (staged: StagedFigure?, diagnostics: [Diagnostic], regenerated: Bool)

    /// Loads one figure from the cache, or draws and stores it. `experiments` must hold the
    /// figure's finished experiments and every experiment's key. Safe to call from several threads.
    func runOne(_ figure: PlannedFigure, experiments: ExperimentStage.Output) -> Outcome {
        let d = figure.declaration
        // A figure whose experiment failed is not drawn; the experiment's error says why.
        if d.experiments.contains(where: { experiments.failed.contains($0.id) || experiments.numbers[$0.id] == nil }) {
            return (nil, [], false)
        }
        let key = Self.key(figure, experiments: experiments, identity: cache?.identity)
        if let cache, let stored = Self.load(key, from: cache) {
            return (stored, [], false)
        }
        let started = DispatchTime.now()
        let outcome = FigureRecipes(experiments: experiments).render(figure)
        progress(.note(String(format: "drew figure %@ (%@) in %.3f s", figure.number, d.kind.rawValue,
                              Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)))
        switch outcome {
        case let .success(rendered):
            return (Self.stage(rendered, key, in: cache), [], true)
        case let .failure(failure):
            return (nil, failure.diagnostics, true)
        }
    }

    /// The stage's output from each figure's outcome (`results[i]` belongs to `plan.figures[i]`).
    func collect(_ results: [Outcome]) -> Output {
        var output = Output()
        for (figure, (staged, diagnostics, regenerated)) in zip(plan.figures, results) {
            output.diagnostics.append(contentsOf: diagnostics)
            guard let staged else { continue }
            if regenerated { output.regenerated += 1 }
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

    /// A cached figure: its metadata, and its PNGs as file sources (checked to exist, not read).
    static func load(_ key: String, from cache: BuildCache) -> StagedFigure? {
        guard let meta = cache.loadJSON(CachedFigureMetadata.self, "figures", key + ".json") else { return nil }
        let fm = FileManager.default
        let light = cache.filePath("figures", key + ".png")
        guard fm.fileExists(atPath: light) else { return nil }
        var dark: SiteFile?
        if meta.hasDarkVariant {
            let path = cache.filePath("figures", key + "-dark.png")
            guard fm.fileExists(atPath: path) else { return nil }
            dark = .file(path, provenance: "figure:" + key + "-dark.png")
        }
        return StagedFigure(metadata: meta, light: .file(light, provenance: "figure:" + key + ".png"), dark: dark,
                            origin: "figure:" + key)
    }

    /// SHA-256 of the build identity, the figure's directive, its number and the keys of its experiments.
    static func key(_ f: PlannedFigure, experiments: ExperimentStage.Output, identity: String?) -> String {
        var h = SHA256()
        h.field("figure/v2")
        h.field(identity ?? "")
        h.field(f.declaration.sourceText)
        h.field(f.number)
        for (id, _) in f.declaration.experiments { h.field(experiments.keys[id] ?? "missing") }
        return h.hexDigest()
    }
}
