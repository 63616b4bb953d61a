import DocgenDiagnostics
import DocgenMarkup
import DocgenSite
import Foundation

/// Builds every chapter's structured page once the experiments and figures are done.
struct PageStage {
    let plan: CoursePlan
    let experiments: ExperimentStage.Output
    let figures: FigureStage.Output
    /// Chapters render independently, on up to this many threads; the output keeps chapter order.
    var jobs: Int = 1

    struct Output {
        var pages: [PageContent]
        var diagnostics: [Diagnostic]
        /// Content files shown as images: path in the site (relative to the content folder) → absolute path.
        var images: [String: String] = [:]
        /// The images of each page, by page file name: paths in the site.
        var imagesByPage: [String: Set<String>] = [:]
        /// The anchors of every page by page file name (`PageStage.anchors(of:)`), which links are checked against.
        var anchors: [String: Set<String>] = [:]
        /// Every file the site will hold besides its pages, which links and images are checked against.
        var siteFiles: Set<String> = []
    }

    /// The content folder, whose image files pages may show (nil: images are not checked).
    var root: ContentRoot? = nil

    func run() -> Output {
        var anchors: [String: Set<String>] = [:]
        for chapter in plan.chapters { anchors[chapter.outputName] = Self.anchors(of: chapter) }
        var siteFiles = Set(figures.files.keys)
        for id in plan.experimentOrder where experiments.results[id] != nil { siteFiles.insert("data/\(id).csv") }
        for id in plan.experimentOrder { siteFiles.formUnion(ReproduceScript.paths(of: id, plan: plan, experiments: experiments)) }
        for (id, result) in experiments.results where !result.histories.isEmpty { siteFiles.insert("data/\(id)-history.csv") }

        let values = ValueEvaluator(experiments: experiments.results,
                                    failed: experiments.failed.union(plan.invalidExperiments),
                                    specs: plan.experiments.mapValues(\.spec))
        let tables = TableRenderer(plan: plan, results: experiments.results)
        let context = Context(plan: plan, values: values, tables: tables,
                              targets: PageTargets(figures: figures.artifacts, anchors: anchors, siteFiles: siteFiles),
                              root: root)
        let rendered = parallelMap(plan.chapters, jobs: jobs) { context.page(for: $0) }
        var output = Output(pages: rendered.map(\.page), diagnostics: rendered.flatMap(\.diagnostics), anchors: anchors,
                            siteFiles: siteFiles)
        for (page, result) in zip(output.pages, rendered) {
            output.images.merge(result.images) { first, _ in first }
            output.imagesByPage[page.fileName] = Set(result.images.keys)
        }
        return output
    }

    /// What a link may point at in `chapter`: its headings, labelled equations, figures and tables.
    static func anchors(of chapter: PlannedChapter) -> Set<String> {
        var set = Set(chapter.document.headings.map(\.slug))
        set.formUnion(chapter.document.equations.map(\.label))
        for block in chapter.blocks.values {
            if case let .figure(f) = block { set.insert(f.stem) }
            if case let .table(t) = block { set.insert(t.anchor) }
        }
        return set
    }

    /// What a chapter's page is made from besides the chapter: the course's plan, numbers, tables and figures, and the
    /// anchors and files links may point at.
    struct Context {
        let plan: CoursePlan
        let values: ValueEvaluator
        let tables: TableRenderer
        let targets: PageTargets
        let root: ContentRoot?

        /// The page of `chapter`, its diagnostics in source order, and the content images it shows (path in the site →
        /// absolute path).
        func page(for chapter: PlannedChapter) -> (page: PageContent, diagnostics: [Diagnostic], images: [String: String]) {
            BuildWork.record(.pageResolved)
            // One sink per chapter, so diagnostics keep the order of a serial run.
            let sink = DiagnosticSink()
            let images = ImageCollector()
            let resolver = PageResolver(chapter: chapter, plan: plan, values: values, tables: tables, targets: targets,
                                        sink: sink, root: root, images: images)
            let (page, diagnostics) = chapter.document.page(resolver: resolver)
            sink.append(contentsOf: diagnostics)
            return (PageContent(fileName: chapter.outputName, number: chapter.number, title: chapter.title, page: page),
                    sink.all, images.all)
        }
    }
}
