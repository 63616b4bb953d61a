import DocgenConcurrency
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

    /// The PDF of the course, relative to the site root, written with `--pdf`.
    public static let pdfFileName = "course.pdf"

    public init(options: BuildOptions, progress: @escaping @Sendable (BuildProgress) -> Void = { _ in }) {
        self.options = options
        self.progress = progress
    }

    /// Makes BLAS run on the calling thread and stops OpenBLAS's worker threads, which the library starts when it loads
    /// (at a fit's first BLAS call) and which spin for a while before they sleep. A build does it first thing; an
    /// executable can do it sooner.
    public static func stopIdleBLASWorkers() { BLASThreads.limit(to: 1) }

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
        // One build per output at a time, from before the "up to date" check until the site is published: the
        // fingerprint a build records is then always that of the site it wrote itself. `check` writes nothing and
        // takes no lock.
        var lock: BuildLock?
        if !options.checkOnly {
            do {
                lock = try BuildLock.acquire(cacheFolder: options.resolvedCachePath, timeout: options.lockTimeout) { holder in
                    progress(.waiting("waiting for another build of \(options.outputPath) to finish"
                                      + (holder.map { " (process \($0))" } ?? "") + "…"))
                }
            } catch {
                diagnostics.error("\(error)", at: nil)
                return finish(diagnostics, summary: "nothing built", started: started)
            }
        }
        defer { withExtendedLifetime(lock) {} }
        let cache = options.force ? nil : BuildCache(path: options.resolvedCachePath, identity: options.identity,
                                                     readOnly: options.checkOnly)
        let identity = cache?.identity ?? options.identity ?? BuildIdentity.current(cacheFolder: options.resolvedCachePath)
        progress(.note("build identity after \(Self.elapsed(since: started)) s"))
        // Only the files changed since the last build are hashed; the others keep the digests it took.
        let fingerprint = InputFingerprint.compute(contentPath: options.contentPath, identity: identity,
                                                   strict: options.strict, ignoring: options.ignoredContentFolders,
                                                   publishing: options.publishingOptions,
                                                   previous: cache.flatMap(InputFingerprint.load(from:)))
        if let problem = fingerprint.problem {
            diagnostics.error(problem, at: nil)
            return finish(diagnostics, summary: "nothing built", started: started)
        }
        if let cache { fingerprint.save(to: cache) }
        progress(.note("input fingerprint after \(Self.elapsed(since: started)) s"))
        let publisher = SitePublisher(outputPath: options.outputPath,
                                      manifestPath: cache?.publishManifestPath(outputPath: options.outputPath))
        let staleStagingRemoval = lock != nil ? publisher.removeStaleStagingInBackground() : nil
        defer { staleStagingRemoval?.finish() }
        if !options.force, !options.checkOnly, publisher.recordedFingerprint() == fingerprint.value {
            return finish(diagnostics, summary: "\(options.outputPath) is up to date", started: started)
        }
        if let cache, let edit = ProseEditBuild(options: options, root: root, cache: cache, identity: identity,
                                                fingerprint: fingerprint, publisher: publisher, progress: progress,
                                                started: started).run() {
            progress(.note("wrote \(edit.report.written) files, \(edit.report.unchanged) unchanged"))
            return finish(diagnostics, summary: "rebuilt \(edit.pages.joined(separator: ", ")) after a prose edit; "
                          + "every other page, figure and experiment is unchanged", started: started)
        }
        let (plan, planDiagnostics) = CoursePlanner(root: root, jobs: options.jobs).plan()
        diagnostics.append(contentsOf: planDiagnostics)
        progress(.note("planned after \(Self.elapsed(since: started)) s"))
        let (experiments, figures) = ComputeStage(plan: plan, cache: cache, jobs: options.jobs,
                                                  fingerprint: fingerprint, progress: progress).run()
        diagnostics.append(contentsOf: experiments.diagnostics)
        diagnostics.append(contentsOf: figures.diagnostics)
        diagnostics.append(contentsOf: GridChoiceCheck.diagnostics(plan: plan, results: experiments.results))
        /// The build's diagnostics with a warning for each damaged cache entry met so far.
        func reportingDamage(_ diagnostics: DiagnosticList) -> DiagnosticList {
            var all = diagnostics
            for entry in cache?.damaged ?? [] {
                all.warning("the cache entry \(entry) in \(options.resolvedCachePath) was damaged (its checksum does "
                            + "not match); it was discarded and computed again", at: nil)
            }
            return all
        }

        progress(.note("experiments and figures after \(Self.elapsed(since: started)) s"))
        let pages = PageStage(plan: plan, experiments: experiments, figures: figures, jobs: options.jobs, root: root).run()
        progress(.note("pages after \(Self.elapsed(since: started)) s"))
        diagnostics.append(contentsOf: pages.diagnostics)

        let counts = "\(plan.chapters.count) page\(plan.chapters.count == 1 ? "" : "s"), "
            + "\(figures.artifacts.count) figure\(figures.artifacts.count == 1 ? "" : "s") "
            + "(\(figures.regenerated) regenerated, \(figures.artifacts.count - figures.regenerated) cached), "
            + "\(experiments.results.count) experiment\(experiments.results.count == 1 ? "" : "s")"
        diagnostics = reportingDamage(diagnostics)
        diagnostics.append(contentsOf: Self.nonFiniteWarnings(plan: plan, experiments: experiments, figures: figures,
                                                              already: diagnostics.items))
        if diagnostics.hasErrors || (options.strict && !diagnostics.warnings.isEmpty) {
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        }

        var files = figures.files
        // Images from the content folder, at the same relative path, so they show offline.
        for (relative, path) in pages.images.sorted(by: { $0.key < $1.key }) {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                diagnostics.error("cannot read the image \(relative)", at: nil)
                continue
            }
            files[relative] = .data(bytes)
        }
        for id in plan.experimentOrder {
            // The CSV is a function of the experiment's cache key, which therefore names its bytes.
            let provenance = cache == nil ? nil : experiments.keys[id].map { "experiment:\($0).csv" }
            if let csv = experiments.csv[id] {
                files["data/\(id).csv"] = .data(Data(csv.utf8), provenance: provenance)
            }
            // Families that train epoch by epoch publish the per-epoch losses beside it.
            if let history = experiments.historyCSV[id] {
                files["data/\(id)-history.csv"] = .data(Data(history.utf8),
                                                         provenance: provenance.map { $0 + "#history" })
            }
        }
        let themeProblems = Self.checkTheme(root: root)
        if !themeProblems.isEmpty {
            diagnostics.append(contentsOf: themeProblems)
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        }
        files.merge(ReproduceScript.files(plan: plan, experiments: experiments, cached: cache != nil)) { ours, _ in ours }
        progress(.note("reproduce scripts after \(Self.elapsed(since: started)) s"))
        var renderedSite: RenderedSite?
        do {
            let renderer = try SiteRenderer(configuration: plan.configuration.site, themeOverrides: root.themeOverrides,
                                            fontStore: cache.map(MathFontCache.init))
            let site = try renderer.render(pages: pages.pages, pdfFileName: options.pdf ? Self.pdfFileName : nil)
            renderedSite = site
            for w in site.warnings { diagnostics.warning(w.message, at: nil) }
            files.merge(site.files.mapValues { SiteFile.data($0) }) { generated, _ in generated }
        } catch let error as SiteError {
            diagnostics.append(Self.diagnostic(error, root: root))
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        } catch {
            diagnostics.error("cannot render the site theme: \(error)", at: nil)
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        }
        progress(.note("site after \(Self.elapsed(since: started)) s"))
        if options.optimizeImages && !options.checkOnly {
            let (optimized, report) = ImageOptimization(cache: cache, jobs: options.jobs).run(files)
            files = optimized
            progress(.note(String(format: "optimized %d PNGs (%d recompressed): %d → %d bytes after %.3f s",
                                  report.images, report.recompressed, report.bytesBefore, report.bytesAfter,
                                  Self.seconds(since: started))))
        }
        if options.pdf && !options.checkOnly {
            guard let chromium = PDFPrinter.findChromium() else {
                diagnostics.error(PDFPrinter.missingChromiumMessage(), at: nil)
                return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
            }
            do {
                let pdf = try PDFPrinter(chromium: chromium).print(page: "print.html", of: files, paper: options.pdfPaper)
                files[Self.pdfFileName] = .data(pdf)
                progress(.note(String(format: "printed %@ (%d bytes) after %.3f s", Self.pdfFileName, pdf.count,
                                      Self.seconds(since: started))))
            } catch {
                diagnostics.error("--pdf: \(error)", at: nil)
                return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
            }
        }
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
            // Record the fingerprint only when the content did not change while the site was being built from it.
            let after = fingerprint.recomputed(contentPath: options.contentPath, identity: identity,
                                               strict: options.strict, ignoring: options.ignoredContentFolders,
                                               publishing: options.publishingOptions)
            if let cache { ProseEditState.remove(from: cache) }
            let recorded = after.value == fingerprint.value ? fingerprint.value : nil
            progress(.note("inputs checked again after \(Self.elapsed(since: started)) s"))
            let published = try publisher.publish(files, fingerprint: recorded)
            progress(.note("published after \(Self.elapsed(since: started)) s"))
            if let cache, recorded != nil, diagnostics.items.isEmpty, let rendered = renderedSite {
                ProseEditState(outputPath: publisher.outputPath, fingerprint: after, identity: identity,
                               options: options, plan: plan, experiments: experiments, figures: figures, pages: pages,
                               site: rendered)?.save(to: cache)
            }
            progress(.note("prose-edit state saved after \(Self.elapsed(since: started)) s"))
            cache?.saveLastBuild(experiments: experiments, figures: figures)
            if let report, let cache { cache.saveReport(report) }
            progress(.note("wrote \(published.written) files, \(published.unchanged) unchanged"))
        } catch let error as SitePublisher.PublishError {
            diagnostics.error("\(error)", at: nil)
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        } catch {
            // Foundation's errors (a read-only file system, a full disk) as one line, not an NSError dump.
            diagnostics.error("cannot write the site to \(options.outputPath): \((error as NSError).localizedDescription)", at: nil)
            return finish(diagnostics, summary: "build failed: \(options.outputPath) left unchanged", started: started)
        }
        // Entries met after the check above (the previous build's snapshot) are reported too.
        let reported = Set(diagnostics.items)
        for d in reportingDamage(DiagnosticList()).items where !reported.contains(d) { diagnostics.append(d) }
        var result = finish(diagnostics, summary: counts, started: started)
        result.changeReport = report
        return result
    }

    /// A warning for each CSV the site would publish with `nan` or `inf` in it, at the directive that made it,
    /// unless a warning about that experiment (or figure) is already there.
    static func nonFiniteWarnings(plan: CoursePlan, experiments: ExperimentStage.Output, figures: FigureStage.Output,
                                  already: [Diagnostic]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for id in plan.experimentOrder {
            guard let csv = experiments.csv[id], let d = plan.experiments[id],
                  let message = NonFiniteGuard.warning(file: "data/\(id).csv", csv: csv) else { continue }
            if already.contains(where: { $0.severity == .warning && $0.message.hasPrefix("experiment '\(id)'") }) { continue }
            out.append(.warning("experiment '\(id)': \(message)", at: d.location))
        }
        for figure in plan.figures {
            guard case let .data(bytes)? = figures.files["figures/\(figure.stem).csv"]?.source,
                  let message = NonFiniteGuard.warning(file: "figures/\(figure.stem).csv", csv: String(decoding: bytes, as: UTF8.self))
            else { continue }
            let named = figure.declaration.experiments.contains { e in
                already.contains { $0.severity == .warning && $0.message.hasPrefix("experiment '\(e.id)'") }
                    || out.contains { $0.message.hasPrefix("experiment '\(e.id)'") }
            }
            if !named { out.append(.warning("figure \(figure.number): \(message)", at: figure.declaration.location)) }
        }
        return out
    }

    /// The theme folder's files, confined like every file a build publishes: each must resolve (symbolic links
    /// followed) to a regular file inside the content folder.
    static func checkTheme(root: ContentRoot) -> [Diagnostic] {
        let fm = FileManager.default
        let folder = (root.path as NSString).appendingPathComponent("theme")
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory) else { return [] }
        let display = (root.displayPath as NSString).appendingPathComponent("theme")
        guard isDirectory.boolValue else {
            return [.error("'theme' must be a folder of templates and style sheets", at: SourceLocation(file: display, line: 1, column: 1))]
        }
        if case let .failure(problem) = root.resolve("theme"), problem != .notAFile {
            return [.error(problem.message(for: "theme", what: "theme folder"), at: SourceLocation(file: display, line: 1, column: 1))]
        }
        var problems: [Diagnostic] = []
        guard let entries = fm.enumerator(atPath: folder) else { return [] }
        while let relative = entries.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            switch root.resolve("theme/" + relative) {
            case .success, .failure(.notAFile): continue
            case let .failure(problem):
                problems.append(.error(problem.message(for: "theme/" + relative, what: "theme file"),
                                       at: SourceLocation(file: (display as NSString).appendingPathComponent(relative), line: 1, column: 1)))
            }
        }
        return problems
    }

    /// A theme problem at its file (and line and column, for a template that does not parse).
    static func diagnostic(_ error: SiteError, root: ContentRoot) -> Diagnostic {
        func shown(_ path: String) -> String {
            path.hasPrefix(root.path + "/") ? (root.displayPath as NSString).appendingPathComponent(String(path.dropFirst(root.path.count + 1))) : path
        }
        switch error {
        case let .templateSyntax(path, line, column, reason):
            return .error("template syntax error: \(reason)", at: SourceLocation(file: shown(path), line: line, column: column))
        case let .templateStructure(path, line, column, reason):
            return .error(reason, at: SourceLocation(file: shown(path), line: line, column: column))
        case let .unreadableThemeFile(path, reason):
            return .error("cannot read theme file: \(reason)", at: SourceLocation(file: shown(path), line: 1, column: 1))
        case let .templateMissing(name):
            let theme = (root.displayPath as NSString).appendingPathComponent("theme")
            return .error("template '\(name).mustache' renders nothing; the theme needs it",
                          at: SourceLocation(file: (theme as NSString).appendingPathComponent(name + ".mustache"), line: 1, column: 1))
        default:
            return .error("cannot render the site: \(error)", at: nil)
        }
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// Seconds since `start` with three decimals, as the progress notes print them.
    static func elapsed(since start: DispatchTime) -> String { decimal(seconds(since: start), places: 3) }

    /// `x` (≥ 0) rounded to `places` decimals, like `%.Nf` but without Foundation's formatter, whose first use in a
    /// process costs runtime type lookups that every build and prose edit would pay.
    static func decimal(_ x: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((max(0, x) * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        return places == 0 ? String(scaled) : "\(scaled / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    private func finish(_ diagnostics: DiagnosticList, summary: String, started: DispatchTime) -> BuildResult {
        let failed = diagnostics.hasErrors || (options.strict && !diagnostics.warnings.isEmpty)
        let timed = summary + " in " + Self.decimal(Self.seconds(since: started), places: 2) + " s"
        return BuildResult(diagnostics: diagnostics.sorted, summary: timed, changeReport: nil, exitStatus: failed ? 1 : 0)
    }

    /// Removes the site and the cache; returns what it removed.
    public static func clean(outputPath: String, cachePath: String? = nil) throws -> [String] {
        let resolvedCachePath = BuildOptions.cachePath(explicit: cachePath, outputPath: outputPath)
        var removed: [String] = []
        let fm = FileManager.default
        var lock: BuildLock?
        if fm.fileExists(atPath: resolvedCachePath) {
            lock = try BuildLock.acquire(cacheFolder: resolvedCachePath, timeout: 0)
        }
        defer { withExtendedLifetime(lock) {} }
        if fm.fileExists(atPath: outputPath) {
            try SitePublisher(outputPath: outputPath).checkReplaceable()
            for entry in try fm.contentsOfDirectory(atPath: outputPath) where !SitePublisher.keptPlaceholders.contains(entry) {
                try fm.removeItem(atPath: (outputPath as NSString).appendingPathComponent(entry))
            }
            removed.append(outputPath)
        }
        // Files a prose edit retired, or an interrupted build's staging, beside the output folder.
        let staging = SitePublisher.stagingContainer(outputPath: outputPath)
        if fm.fileExists(atPath: staging) {
            try fm.removeItem(atPath: staging)
            removed.append(staging)
        }
        if fm.fileExists(atPath: resolvedCachePath) {
            try fm.removeItem(atPath: resolvedCachePath)
            removed.append(resolvedCachePath)
        }
        // The default caches' folder goes too once it holds no other output's cache.
        let parent = PathText.parent(resolvedCachePath)
        if cachePath == nil, (parent as NSString).lastPathComponent == BuildOptions.cacheFolderName,
           (try? fm.contentsOfDirectory(atPath: parent))?.isEmpty == true {
            try? fm.removeItem(atPath: parent)
        }
        return removed
    }
}
