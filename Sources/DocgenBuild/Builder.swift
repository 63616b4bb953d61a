import DocgenDiagnostics
import DocgenMarkup
import DocgenModels
import DocgenSite
import Foundation

/// Builds a course: plan → fits → figures → pages → site, then publishes atomically.
///
/// Every stage collects diagnostics instead of stopping at the first; the output folder is
/// replaced only when the whole build succeeded (and, under `strict`, had no warnings).
public final class Builder: Sendable {
    public let options: BuildOptions
    let progress: @Sendable (BuildProgress) -> Void

    public init(options: BuildOptions, progress: @escaping @Sendable (BuildProgress) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
    }

    public func run() -> BuildResult {
        let started = DispatchTime.now()
        var diagnostics = DiagnosticList()
        // Experiments run in parallel already; one BLAS thread each avoids oversubscribing the cores, and
        // stopping OpenBLAS's idle workers now saves the CPU they would spin away during the build.
        BLASThreads.limit(to: 1)

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.contentPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error("content folder '\(options.contentPath)' does not exist", at: nil)
            return finish(diagnostics, summary: "nothing built", started: started)
        }
        let root = ContentRoot(path: options.contentPath, displayPath: options.contentPath)
        let cache = options.force ? nil : BuildCache(path: options.resolvedCachePath, identity: options.identity,
                                                     readOnly: options.checkOnly)
        let identity = cache?.identity ?? options.identity ?? BuildIdentity.current(cacheFolder: options.resolvedCachePath)
        progress(.note(String(format: "build identity after %.3f s", Self.seconds(since: started))))
        let fingerprint = InputFingerprint.compute(contentPath: options.contentPath, identity: identity,
                                                   strict: options.strict, ignoring: options.ignoredContentFolders)
        progress(.note(String(format: "input fingerprint after %.3f s", Self.seconds(since: started))))
        let publisher = SitePublisher(outputPath: options.outputPath,
                                      manifestPath: cache?.publishManifestPath(outputPath: options.outputPath))
        if !options.force, !options.checkOnly, publisher.recordedFingerprint() == fingerprint {
            return finish(diagnostics, summary: "\(options.outputPath) is up to date", started: started)
        }
        let (plan, planDiagnostics) = CoursePlanner(root: root, jobs: options.jobs).plan()
        diagnostics.append(contentsOf: planDiagnostics)
        progress(.note(String(format: "planned after %.3f s", Self.seconds(since: started))))
        let (experiments, figures) = ComputeStage(plan: plan, cache: cache, jobs: options.jobs, progress: progress).run()
        diagnostics.append(contentsOf: experiments.diagnostics)
        diagnostics.append(contentsOf: figures.diagnostics)

        progress(.note(String(format: "experiments and figures after %.3f s", Self.seconds(since: started))))
        let pages = PageStage(plan: plan, experiments: experiments, figures: figures, jobs: options.jobs).run()
        progress(.note(String(format: "pages after %.3f s", Self.seconds(since: started))))
        diagnostics.append(contentsOf: pages.diagnostics)

        let counts = "\(plan.chapters.count) page\(plan.chapters.count == 1 ? "" : "s"), "
            + "\(figures.artifacts.count) figure\(figures.artifacts.count == 1 ? "" : "s") "
            + "(\(figures.regenerated) regenerated, \(figures.artifacts.count - figures.regenerated) cached), "
            + "\(experiments.results.count) experiment\(experiments.results.count == 1 ? "" : "s")"
        if diagnostics.hasErrors || (options.strict && !diagnostics.warnings.isEmpty) {
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        }

        var files = figures.files
        for id in plan.experimentOrder {
            // The CSV is a function of the experiment's cache key, which therefore names its bytes.
            let provenance = cache == nil ? nil : experiments.keys[id].map { "experiment:\($0).csv" }
            if let csv = experiments.csv[id] {
                files["data/\(id).csv"] = .data(Data(csv.utf8), provenance: provenance)
            }
        }
        files.merge(ReproduceScript.files(plan: plan, experiments: experiments, cached: cache != nil)) { ours, _ in ours }
        do {
            let themeFolder = (root.path as NSString).appendingPathComponent("theme")
            let overrides = FileManager.default.fileExists(atPath: themeFolder) ? URL(fileURLWithPath: themeFolder) : nil
            let renderer = try SiteRenderer(
                configuration: SiteConfiguration(title: plan.configuration.title,
                                                 author: plan.configuration.author ?? "",
                                                 language: plan.configuration.language),
                themeOverrides: overrides)
            let site = try renderer.render(pages: pages.pages)
            for w in site.warnings { diagnostics.warning(w.message, at: nil) }
            files.merge(site.files.mapValues { SiteFile.data($0) }) { generated, _ in generated }
        } catch {
            diagnostics.error("cannot render the site theme: \(error)", at: nil)
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        }
        progress(.note(String(format: "site after %.3f s", Self.seconds(since: started))))
        if options.strict && !diagnostics.warnings.isEmpty {
            return finish(diagnostics, summary: "build failed (--strict): \(options.outputPath) left unchanged", started: started)
        }
        if options.checkOnly {
            return finish(diagnostics, summary: "checked \(counts); nothing written", started: started)
        }
        let report: String?
        do {
            // The previous build's numbers are only needed when something was fitted again.
            let previous = experiments.rerun.isEmpty ? nil : cache?.loadLastBuild()
            report = ChangeReport.make(previous: previous, current: experiments, figures: figures)
            let published = try publisher.publish(files, fingerprint: fingerprint)
            cache?.saveLastBuild(experiments: experiments, figures: figures)
            if let report, let cache { cache.saveReport(report) }
            progress(.note("wrote \(published.written) files, \(published.unchanged) unchanged"))
        } catch {
            diagnostics.error("\(error)", at: nil)
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        }
        var result = finish(diagnostics, summary: counts, started: started)
        result.changeReport = report
        return result
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    private func finish(_ diagnostics: DiagnosticList, summary: String, started: DispatchTime) -> BuildResult {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let failed = diagnostics.hasErrors || (options.strict && !diagnostics.warnings.isEmpty)
        let timed = summary + " in " + String(format: "%.2f s", seconds)
        return BuildResult(diagnostics: diagnostics.sorted, summary: timed, changeReport: nil, exitStatus: failed ? 1 : 0)
    }

    /// Removes the site and the cache; returns what it removed.
    public static func clean(outputPath: String, cachePath: String? = nil) throws -> [String] {
        let resolvedCachePath = BuildOptions.cachePath(explicit: cachePath, outputPath: outputPath)
        var removed: [String] = []
        let fm = FileManager.default
        if fm.fileExists(atPath: outputPath) {
            try SitePublisher(outputPath: outputPath).checkReplaceable()
            for entry in try fm.contentsOfDirectory(atPath: outputPath) where !SitePublisher.keptPlaceholders.contains(entry) {
                try fm.removeItem(atPath: (outputPath as NSString).appendingPathComponent(entry))
            }
            removed.append(outputPath)
        }
        if fm.fileExists(atPath: resolvedCachePath) {
            try fm.removeItem(atPath: resolvedCachePath)
            removed.append(resolvedCachePath)
        }
        return removed
    }
}
