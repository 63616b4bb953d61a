import DocgenConcurrency
import DocgenDiagnostics
import DocgenMarkup
import DocgenModels
import DocgenSite
import Foundation

/// Rebuilds the site after an edit to chapters' prose at the cost of the edited chapters, not of the course: the
/// edited chapters are planned and their pages resolved and rendered again, and only their pages, the printable
/// edition and the search index are replaced in the output folder. Everything else they need of the course comes from
/// the `ProseEditState` the previous build kept.
///
/// It declines (returns nil, and the caller builds the whole course) unless the result is certain to be the one a
/// whole build would publish, byte for byte:
/// - only chapter files changed since the site was published, and the site is the one the state describes;
/// - each edited chapter's directives are, in order, what they were (so are its experiments, figures and tables);
/// - nothing the other pages show of an edited one changed: its labels, anchors, title, number and sections, the
///   content images it shows, the math font's characters;
/// - the edited chapters plan and resolve without a single diagnostic (the whole build then reports them);
/// - no chapter changed again while it was read.
/// It never runs with `--force`, `--pdf`, `--optimize-images`, `check` or without a cache.
struct ProseEditBuild {
    let options: BuildOptions
    let root: ContentRoot
    let cache: BuildCache
    let identity: String
    let fingerprint: InputFingerprint
    let publisher: SitePublisher
    /// Reports each step's time since `started` (shown by `--verbose`).
    var progress: @Sendable (BuildProgress) -> Void = { _ in }
    var started = DispatchTime.now()

    private func note(_ step: String) {
        progress(.note("prose edit: \(step) after \(Builder.elapsed(since: started)) s"))
    }

    /// Says why the edit is built as a whole build (shown by `--verbose`), and returns nil.
    private func decline(_ reason: String) -> Outcome? {
        progress(.note("prose edit declined after \(Builder.elapsed(since: started)) s: \(reason); "
                       + "building the whole course"))
        return nil
    }

    struct Outcome {
        /// The edited pages' file names, in reading order.
        var pages: [String]
        var report: SitePublisher.Report
    }

    static func applies(to options: BuildOptions) -> Bool {
        !options.force && !options.checkOnly && !options.pdf && !options.optimizeImages
    }

    /// Publishes the edit and records the new state, or returns nil having written nothing; or, when publishing itself
    /// fails midway, having replaced some files under a marker without a fingerprint and removed the state, so that the
    /// whole build the caller then runs rewrites the site.
    func run() -> Outcome? {
        guard Self.applies(to: options) else { return nil }  // --force, --pdf, --optimize-images or `check`
        guard let published = publisher.recordedFingerprint() else { return nil }  // no site there yet: nothing to edit
        guard let siteRecord = cache.read(".", ProseEditState.siteFileName),
              let site = ProseEditState.Site(record: siteRecord) else {
            return decline("no readable record of the published site in the cache")
        }
        guard site.outputPath == InputFingerprint.standardized(publisher.outputPath),
              site.fingerprint == published else {
            return decline("the published site is not the one the cache's record describes")
        }
        // The index record (450 KB on a course four times the built-in one) is read and checked on the other core while
        // the edited chapters are read and parsed. Only its labels are decoded; the few anchors, files, experiments and
        // figures the edited pages need are decoded as they are looked up.
        let indexInBackground = Background {
            cache.read(".", ProseEditState.indexFileName).flatMap(ProseEditState.Index.init(record:))
        }
        defer { _ = indexInBackground.value }
        note("site record read")
        let contentPath = options.contentPath
        let paths = site.chapters.map { ProseEditState.chapterPath($0.name, contentPath: contentPath) }
        guard ProseEditState.restDigest(fingerprint, chapterPaths: Set(paths), identity: identity, strict: options.strict,
                                        publishing: options.publishingOptions) == site.restDigest else {
            return decline("a file other than a chapter changed (data, configuration, theme or options)")
        }
        let edited = site.chapters.indices.filter { fingerprint.digests[paths[$0]] != site.chapters[$0].digest }
        guard !edited.isEmpty else { return decline("no chapter changed") }
        // The chapter list and the course's settings come from docgen.yml and the folder's files, none of which changed.
        guard let configuration = site.course.configuration(chapters: site.chapters.map(\.name)) else {
            return decline("the recorded course settings do not make a configuration")
        }
        // The theme's templates are parsed on the other core while the edited chapters are planned and resolved.
        let (siteConfiguration, overrides) = (configuration.site, root.themeOverrides)
        let rendererInBackground = Background { try? SiteRenderer(configuration: siteConfiguration, themeOverrides: overrides) }

        // The edited chapters as they are now, with their directives as they were.
        var sources: [(source: ChapterSource, document: MarkdownDocument)] = []
        for k in edited {
            let stored = site.chapters[k]
            guard case let .success(source) = ChapterSource.read(stored.name, root: root),
                  SHA256.hex(source.bytes) == fingerprint.digests[paths[k]] else {
                return decline("an edited chapter cannot be read, or changed while it was read")
            }
            let document = MarkdownDocument(source: source.text, file: source.displayPath)
            guard ProseEditState.directivesDigest(document) == stored.directives else {
                return decline("an edited chapter's directives changed")
            }
            sources.append((source, document))
        }
        guard let index = indexInBackground.value, var state = ProseEditState(site: site, index: index) else {
            return decline("the index record is missing, unreadable, or of another build")
        }
        note("chapters parsed, state read")

        // Plan the edited chapters among the labels and pages of the others.
        var planning = ChapterPlanning(root: root)
        let editedPages = Set(edited.map { site.chapters[$0].page })
        for (label, target) in index.labels where !editedPages.contains(target.chapterOutputName) {
            planning.labels[label] = target
            planning.labelLocations[label] = SourceLocation(file: target.chapterOutputName, line: 1, column: 1)
        }
        for chapter in site.chapters {
            if !editedPages.contains(chapter.page) {
                planning.pageOwners[String(chapter.page.dropLast(".html".count))] = "the page of chapter '\(chapter.name)'"
            }
        }
        for (k, (source, document)) in zip(edited, sources) {
            let stored = site.chapters[k]
            planning.add(name: stored.name, number: stored.number, source: source, document: document)
        }
        guard planning.diagnostics.items.isEmpty, planning.chapters.count == edited.count else {
            return decline("an edited chapter does not plan without diagnostics")
        }
        for chapter in planning.chapters {
            let before = index.labels.filter { $0.value.chapterOutputName == chapter.outputName }
            let now = planning.labels.filter { $0.value.chapterOutputName == chapter.outputName }
            guard now == before, PageStage.anchors(of: chapter).sorted() == index.anchors[chapter.outputName] else {
                return decline("an edited chapter's labels or anchors changed")
            }
        }

        note("planned")
        // The experiments the edited pages may show: those their tables name and those their {value} roles read.
        var experiments = planning.experiments
        var results: [String: ExperimentResult] = [:]
        let parser = ExperimentParser(contentRoot: root)
        for id in Self.experimentsNamed(by: planning.chapters) {
            guard let stored = index.experiments[id] else { continue }  // an unknown id: the resolver's error declines
            if experiments[id] == nil {
                let fence = SourceLocation(file: stored.file, line: stored.line, column: stored.column)
                guard case let .success(body) = LocatedYAML.parse(stored.body, file: stored.file, firstLine: stored.bodyLine),
                      case let (declaration?, diagnostics) = parser.parse(id: id, body: body, at: fence,
                                                                           sourceText: "experiment \(id)\n\(stored.body)"),
                      diagnostics.isEmpty else {
                    return decline("an experiment an edited chapter names does not parse as it did")
                }
                experiments[id] = declaration
            }
            guard let cached = cache.loadExperiment(stored.key) else {
                return decline("an experiment an edited chapter names is not in the cache")
            }
            results[id] = cached.result
        }
        let plan = CoursePlan(configuration: configuration, chapters: planning.chapters, experiments: experiments,
                              experimentOrder: planning.experimentOrder, figures: planning.figures,
                              labels: planning.labels)

        // Resolve the edited pages exactly as `PageStage` does, from the state's anchors, files and figures.
        let context = PageStage.Context(
            plan: plan,
            values: ValueEvaluator(experiments: results, failed: [], specs: experiments.mapValues(\.spec)),
            tables: TableRenderer(plan: plan, results: results),
            targets: PageTargets(figure: { index.figures[$0]?.artifact }, anchors: { index.anchors[$0].map(Set.init) },
                                 hasFile: { index.siteFiles.contains($0) }),
            root: root)
        var pages: [PageContent] = []
        for (k, chapter) in zip(edited, plan.chapters) {
            let (page, diagnostics, images) = context.page(for: chapter)
            guard diagnostics.isEmpty, images.keys.sorted() == site.chapters[k].images else {
                return decline("an edited page has diagnostics, or shows other content images")
            }
            pages.append(page)
        }

        note("pages resolved")
        // Render them among the other pages' stored parts. The printable edition and the search index are staged on
        // the other core as soon as their splices are known, while the pages are rendered and the inputs checked.
        let rendered: RenderedSite
        var staging: SitePublisher.SpliceStaging?
        defer { if let staging { publisher.discard(staging) } }
        do {
            guard let renderer = rendererInBackground.value else { return decline("the theme's templates do not load") }
            var lengths: [String: Int] = [:]
            for path in [SiteRenderer.printableEditionPath, SiteRenderer.searchIndexPath] {
                lengths[path] = FileStamp(path: (publisher.outputPath as NSString).appendingPathComponent(path)).map { Int($0.size) }
            }
            guard let edit = try renderer.renderEdited(pages, previous: site.parts, mathFontPath: site.mathFontPath,
                                                       publishedLengths: lengths,
                                                       splicesReady: { staging = publisher.stageSplices($0) })
            else {
                return decline("the edit reaches beyond its pages (a link, sections, the math font's characters) "
                               + "or the published files' lengths are not those recorded")
            }
            rendered = edit
        } catch {
            return decline("rendering failed (\(error))")
        }

        note("site rendered")
        // Publish only when no chapter changed while it was read; then the state follows the site.
        let after = fingerprint.recomputed(contentPath: contentPath, identity: identity, strict: options.strict,
                                           ignoring: options.ignoredContentFolders, publishing: options.publishingOptions)
        guard after.value == fingerprint.value else { return decline("a chapter changed while the edit was built") }
        state.site.fingerprint = fingerprint.value
        state.site.parts = rendered.parts
        for k in edited {
            state.site.chapters[k].digest = fingerprint.digests[paths[k]] ?? ""
        }
        ProseEditState.remove(from: cache)
        let staged = staging ?? publisher.stageSplices(rendered.splicedFiles)
        staging = nil  // publishing removes the staging folder, whatever happens
        let report: SitePublisher.Report
        do {
            report = try publisher.publishEdited(rendered.files, staged: staged, fingerprint: fingerprint.value)
        } catch {
            return decline("publishing failed (\(error))")
        }
        note("published")
        state.saveSite(to: cache)
        note("state saved")
        return Outcome(pages: pages.map(\.fileName), report: report)
    }

    /// The ids of the experiments `chapters` name in their tables and in their `{value}` roles (read from the text, in
    /// prose and in captions alike).
    static func experimentsNamed(by chapters: [PlannedChapter]) -> Set<String> {
        var ids = Set<String>()
        for chapter in chapters {
            for block in chapter.blocks.values {
                if case let .table(t) = block { ids.formUnion(t.declaration.experiments.map(\.id)) }
            }
            ids.formUnion(experimentsNamed(inText: chapter.source.text))
        }
        return ids
    }

    /// The experiments the `{value}` roles of `text` read.
    static func experimentsNamed(inText text: String) -> Set<String> {
        var ids = Set<String>()
        let role = Array("{value}`".utf8)
        let bytes = Array(text.utf8)
        var k = 0
        while k + role.count <= bytes.count {
            guard bytes[k] == role[0], bytes[k..<(k + role.count)].elementsEqual(role) else { k += 1; continue }
            let start = k + role.count
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "`")) else { break }
            if case let .success(reference) = ValueReference.parse(String(decoding: bytes[start..<end], as: UTF8.self)) {
                ids.insert(reference.experiment)
            }
            k = end + 1
        }
        return ids
    }
}
