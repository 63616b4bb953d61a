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

/// Draws (or loads from the cache) every figure of the course, in parallel.
struct FigureStage {
    let plan: CoursePlan
    let experiments: ExperimentStage.Output
    let cache: BuildCache?
    let jobs: Int
    let progress: @Sendable (BuildProgress) -> Void
    /// Steps already reported by the experiment stage.
    let offset: Int

    struct Output: Sendable {
        var artifacts: [String: FigureArtifact] = [:]
        /// Site files: `figures/<stem>.png`, `-dark.png`, `.csv`.
        var files: [String: Data] = [:]
        /// SHA-256 of each light PNG, to tell which figures' pixels changed.
        var pixelHashes: [String: String] = [:]
        var regenerated = 0
        var diagnostics: [Diagnostic] = []
    }

    func run() -> Output {
        var output = Output()
        let total = offset + plan.figures.count
        let lock = NSLock()
        var done = offset
        let recipes = FigureRecipes(experiments: experiments)
        let results = parallelMap(plan.figures, jobs: jobs) { figure -> (RenderedFigure?, [Diagnostic], Bool) in
            defer {
                let n = lock.withLock { done += 1; return done }
                progress(.step(done: n, total: total, what: "figure \(figure.number) \(figure.declaration.kind.rawValue)"))
            }
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
            let outcome = recipes.render(figure)
            progress(.note(String(format: "drew figure %@ (%@) in %.3f s", figure.number, d.kind.rawValue,
                                  Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)))
            switch outcome {
            case let .success(rendered):
                if let cache { Self.store(rendered, key, in: cache) }
                return (rendered, [], true)
            case let .failure(failure):
                return (nil, failure.diagnostics, true)
            }
        }
        for (figure, (rendered, diagnostics, regenerated)) in zip(plan.figures, results) {
            output.diagnostics.append(contentsOf: diagnostics)
            guard let rendered else { continue }
            if regenerated { output.regenerated += 1 }
            let stem = figure.stem
            let d = figure.declaration
            if d.alt == nil {
                output.diagnostics.append(.warning("figure \(figure.number) has no 'alt' text; using a generated one: \"\(rendered.generatedAlt)\"",
                                                   at: d.location))
            }
            output.artifacts[stem] = FigureArtifact(width: rendered.width, height: rendered.height,
                                                    alt: d.alt ?? rendered.generatedAlt,
                                                    hasDarkVariant: rendered.darkPNG != nil)
            output.files["figures/\(stem).png"] = rendered.lightPNG
            if let dark = rendered.darkPNG { output.files["figures/\(stem)-dark.png"] = dark }
            output.files["figures/\(stem).csv"] = Data(rendered.csv.utf8)
            output.pixelHashes[stem] = SHA256.hex(rendered.lightPNG)
        }
        return output
    }

    /// Metadata as JSON; the PNGs as their own files, so loading a cached figure copies bytes, not base64.
    static func store(_ f: RenderedFigure, _ key: String, in cache: BuildCache) {
        cache.write("figures", key + ".png", f.lightPNG)
        if let dark = f.darkPNG { cache.write("figures", key + "-dark.png", dark) }
        var meta = f
        meta.lightPNG = Data()
        meta.darkPNG = f.darkPNG == nil ? nil : Data()
        cache.saveJSON(meta, "figures", key + ".json")
    }

    static func load(_ key: String, from cache: BuildCache) -> RenderedFigure? {
        guard var meta = cache.loadJSON(RenderedFigure.self, "figures", key + ".json"),
              let light = cache.read("figures", key + ".png") else { return nil }
        meta.lightPNG = light
        if meta.darkPNG != nil {
            guard let dark = cache.read("figures", key + "-dark.png") else { return nil }
            meta.darkPNG = dark
        }
        return meta
    }

    /// SHA-256 of the build identity, the figure's directive, its number and the keys of its experiments.
    static func key(_ f: PlannedFigure, experiments: ExperimentStage.Output, identity: String?) -> String {
        var h = SHA256()
        h.field("figure/v1")
        h.field(identity ?? "")
        h.field(f.declaration.sourceText)
        h.field(f.number)
        for (id, _) in f.declaration.experiments { h.field(experiments.keys[id] ?? "missing") }
        return h.hexDigest()
    }
}
