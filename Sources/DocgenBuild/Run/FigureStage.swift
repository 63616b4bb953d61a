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
    /// The narrow screens' variant (panels in one column, 360 px wide).
    var narrow: NarrowRendering?
    var csv: String
    /// CSS pixels; the PNGs are drawn at 2× device scale.
    var width: Int
    var height: Int
    var generatedAlt: String
}

/// A figure's variant for narrow screens: its panels stacked in one column, so text keeps its desktop size.
struct NarrowRendering: Codable, Sendable {
    var lightPNG: Data
    var darkPNG: Data?
    var width: Int
    var height: Int
}

/// The size of a cached narrow variant.
struct NarrowSize: Codable, Sendable, Equatable {
    var width: Int
    var height: Int
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
    /// The narrow variant's size, when the figure has one (`-narrow.png`, `-narrow-dark.png`).
    var narrow: NarrowSize?
    /// `ImageDigest` of each PNG kept beside this record, by its name's suffix after the key (`.png`, `-dark.png`,
    /// `-narrow.png`, `-narrow-dark.png`): the PNGs are stored unsealed, so the site can hard-link them.
    var pngDigests: [String: String] = [:]
}

/// A figure ready to publish: its metadata and where its PNGs come from.
struct StagedFigure: Sendable {
    var metadata: CachedFigureMetadata
    var light: SiteFile
    var dark: SiteFile?
    var narrowLight: SiteFile?
    var narrowDark: SiteFile?
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

    /// Figures are drawn at this size in CSS pixels (the width of a page's text column, so text keeps the size it was
    /// drawn at on a desktop), at 2.5× device scale (1600×1000 PNGs).
    static let width = 640
    static let height = 400
    static let scale = 2.5
    /// The narrow variant of every figure: this wide, each panel this tall (a phone's text column), so text keeps
    /// its desktop size on a phone instead of shrinking to 56 % with the picture.
    static let narrowWidth = 360
    static let narrowPanelHeight = 280.0

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
    ///
    /// `completing` supplies the outputs a figure needs that were left in the cache undecoded; it is called only when
    /// the figure itself is not in the cache (the figure's key names its experiments, hence their outputs, without
    /// them), and returns the experiments with those outputs, plus any diagnostics of loading them.
    func runOne(_ figure: PlannedFigure, experiments: [FinishedExperiment?], keys: [String: String],
                completing: ([FinishedExperiment]) -> ([FinishedExperiment], [Diagnostic]) = { ($0, []) }) -> Outcome {
        let d = figure.declaration
        let known = experiments.compactMap { $0 }
        guard known.count == experiments.count else { return Outcome(diagnostics: [], regenerated: false) }
        let context = FigureContext(title: d.title, conventions: plan.configuration.figureConventions, styles: plan.styles)
        let key = Self.key(figure, experimentKeys: keys, identity: cache?.identity,
                           look: Self.look(context, experiments: known))
        if let cache, let stored = Self.load(key, from: cache) {
            return Outcome(staged: stored, diagnostics: [], regenerated: false)
        }
        let (finished, loadDiagnostics) = completing(known)
        // An output that could not be computed has its own error; drawing without it would only repeat that.
        for e in finished where d.kind.outputs(for: e.planned).contains(where: { e.outputs[$0] == nil }) {
            return Outcome(diagnostics: loadDiagnostics, regenerated: false)
        }
        let started = DispatchTime.now()
        let outcome = Self.render(figure, finished, context: context)
        progress(.note("drew figure \(figure.number) (\(d.kindName)) in \(Builder.elapsed(since: started)) s"))
        switch outcome {
        case let .success(rendered):
            return Outcome(staged: Self.stage(rendered, key, in: cache), diagnostics: loadDiagnostics, regenerated: true)
        case let .failure(failure):
            return Outcome(diagnostics: loadDiagnostics + failure.diagnostics, regenerated: true)
        }
    }

    /// The figure's kind draws it once; the drawing is rendered in the light and the dark theme.
    static func render(_ figure: PlannedFigure, _ experiments: [FinishedExperiment],
                       context: FigureContext) -> Result<RenderedFigure, Failure> {
        let d = figure.declaration
        do {
            let drawing = try d.kind.draw(experiments, context: context)
            let style = { (theme: Theme) in
                FigureStyle(theme: theme, width: Double(width), height: Double(height), scale: scale)
            }
            let light = try drawing.render(style: style(.light)), dark = try drawing.render(style: style(.dark))
            let narrowStyle = { (theme: Theme) in
                FigureStyle(theme: theme, width: Double(narrowWidth), height: Double(height), scale: scale,
                            stackedPanelHeight: narrowPanelHeight)
            }
            let narrowLight = try drawing.render(style: narrowStyle(.light))
            let narrowDark = try drawing.render(style: narrowStyle(.dark))
            let narrow = NarrowRendering(lightPNG: Data(narrowLight.png), darkPNG: Data(narrowDark.png),
                                         width: Int(narrowLight.width.rounded()), height: Int(narrowLight.height.rounded()))
            return .success(RenderedFigure(lightPNG: Data(light.png), darkPNG: Data(dark.png), narrow: narrow,
                                           csv: drawing.csv, width: Int(light.width.rounded()),
                                           height: Int(light.height.rounded()), generatedAlt: drawing.altText))
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
                                                    hasDarkVariant: staged.dark != nil,
                                                    narrowSize: meta.narrow.map { ($0.width, $0.height) })
            output.files["figures/\(stem).png"] = staged.light
            if let dark = staged.dark { output.files["figures/\(stem)-dark.png"] = dark }
            if let narrow = staged.narrowLight { output.files["figures/\(stem)-narrow.png"] = narrow }
            if let narrow = staged.narrowDark { output.files["figures/\(stem)-narrow-dark.png"] = narrow }
            output.files["figures/\(stem).csv"] = .data(Data(meta.csv.utf8), provenance: staged.origin.map { $0 + ".csv" })
            output.pixelHashes[stem] = meta.lightPNGHash
        }
        return output
    }

    /// Stores a freshly drawn figure (when there is a cache) and stages its bytes for publishing.
    /// Metadata as a sealed JSON entry holding each PNG's checksum; the PNGs as plain files beside it, which the
    /// publisher hard-links into the site, so each PNG is written to disk once.
    static func stage(_ f: RenderedFigure, _ key: String, in cache: BuildCache?) -> StagedFigure {
        var variants: [(suffix: String, png: Data)] = [(".png", f.lightPNG)]
        if let dark = f.darkPNG { variants.append(("-dark.png", dark)) }
        if let narrow = f.narrow {
            variants.append(("-narrow.png", narrow.lightPNG))
            if let dark = narrow.darkPNG { variants.append(("-narrow-dark.png", dark)) }
        }
        var meta = CachedFigureMetadata(csv: f.csv, width: f.width, height: f.height, generatedAlt: f.generatedAlt,
                                        hasDarkVariant: f.darkPNG != nil, lightPNGHash: ImageDigest.hex(f.lightPNG),
                                        narrow: f.narrow.map { NarrowSize(width: $0.width, height: $0.height) })
        var files: [String: SiteFile] = [:]
        let origin = cache == nil ? nil : "figure:" + key
        for (suffix, png) in variants {
            meta.pngDigests[suffix] = ImageDigest.hex(png)
            let path = cache?.writeUnsealed("figures", key + suffix, png)
            files[suffix] = .data(png, provenance: origin.map { $0 + suffix }, linkSource: path)
        }
        // The record last: a crash before it leaves PNGs no record names, never a record without its PNGs.
        cache?.saveJSON(meta, "figures", key + ".json")
        return StagedFigure(metadata: meta, light: files[".png"]!, dark: files["-dark.png"],
                            narrowLight: files["-narrow.png"], narrowDark: files["-narrow-dark.png"], origin: origin)
    }

    /// A cached figure: its metadata and its PNGs, each PNG checked against the checksum its sealed record holds (a
    /// damaged one makes the whole figure a miss, so it is drawn again). The PNGs keep their provenance, so the
    /// publisher can still keep an untouched previous output file without comparing bytes, and their cache path, so
    /// it links rather than copies them.
    static func load(_ key: String, from cache: BuildCache) -> StagedFigure? {
        guard let meta = cache.loadJSON(CachedFigureMetadata.self, "figures", key + ".json") else { return nil }
        var suffixes = [".png"]
        if meta.hasDarkVariant { suffixes.append("-dark.png") }
        if meta.narrow != nil { suffixes += meta.hasDarkVariant ? ["-narrow.png", "-narrow-dark.png"] : ["-narrow.png"] }
        var files: [String: SiteFile] = [:]
        var complete = true
        // Every PNG is read, so each damaged one is reported, before deciding.
        for suffix in suffixes {
            guard let digest = meta.pngDigests[suffix],
                  let (data, path) = cache.readUnsealed("figures", key + suffix, digest: digest) else {
                complete = false
                continue
            }
            files[suffix] = .data(data, provenance: "figure:" + key + suffix, linkSource: path)
        }
        guard complete, let light = files[".png"] else { return nil }
        return StagedFigure(metadata: meta, light: light, dark: files["-dark.png"], narrowLight: files["-narrow.png"],
                            narrowDark: files["-narrow-dark.png"], origin: "figure:" + key)
    }

    /// What of the course's visual language a figure depends on: the conventions, and the styles of the features of
    /// its experiments (so adding a data set that restyles nothing redraws nothing).
    static func look(_ context: FigureContext, experiments: [FinishedExperiment]) -> String {
        var names: [String] = []
        for e in experiments { names += e.result.featureNames }
        return context.conventions.cacheDescription + "|" + context.styles.fingerprint(features: names)
    }

    /// SHA-256 of the build identity, the course's look for this figure (`look`), the figure's directive, its number and the keys of its experiments (which,
    /// with the directive, also name every output it draws).
    static func key(_ f: PlannedFigure, experimentKeys: [String: String], identity: String?, look: String) -> String {
        var h = SHA256()
        h.field("figure/v4")
        h.field(identity ?? "")
        h.field(look)
        h.field(f.declaration.sourceText)
        h.field(f.number)
        for (id, _) in f.declaration.experiments { h.field(experimentKeys[id] ?? "missing") }
        return h.hexDigest()
    }
}
