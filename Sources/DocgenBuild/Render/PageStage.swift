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
    }

    /// The content folder, whose image files pages may show (nil: images are not checked).
    var root: ContentRoot? = nil

    func run() -> Output {
        var anchors: [String: Set<String>] = [:]
        for chapter in plan.chapters {
            var set = Set(chapter.document.headings.map(\.slug))
            set.formUnion(chapter.document.equations.map(\.label))
            for block in chapter.blocks.values {
                if case let .figure(f) = block { set.insert(f.stem) }
                if case let .table(t) = block { set.insert(t.anchor) }
            }
            anchors[chapter.outputName] = set
        }
        var siteFiles = Set(figures.files.keys)
        for id in plan.experimentOrder where experiments.results[id] != nil { siteFiles.insert("data/\(id).csv") }
        for id in plan.experimentOrder { siteFiles.formUnion(ReproduceScript.paths(of: id, plan: plan, experiments: experiments)) }
        for (id, result) in experiments.results where !result.histories.isEmpty { siteFiles.insert("data/\(id)-history.csv") }

        let values = ValueEvaluator(experiments: experiments.results,
                                    failed: experiments.failed.union(plan.invalidExperiments),
                                    specs: plan.experiments.mapValues(\.spec))
        let tables = TableRenderer(plan: plan, results: experiments.results)
        let images = ImageCollector()
        let root = self.root
        let rendered = parallelMap(plan.chapters, jobs: jobs) { chapter -> (PageContent, [Diagnostic]) in
            // One sink per chapter, so diagnostics keep the order of a serial run.
            let sink = DiagnosticSink()
            let resolver = PageResolver(chapter: chapter, plan: plan, values: values, tables: tables,
                                        figures: figures.artifacts, anchors: anchors, siteFiles: siteFiles, sink: sink,
                                        root: root, images: images)
            let (page, diagnostics) = chapter.document.page(resolver: resolver)
            sink.append(contentsOf: diagnostics)
            return (PageContent(fileName: chapter.outputName, number: chapter.number, title: chapter.title,
                                page: page), sink.all)
        }
        return Output(pages: rendered.map(\.0), diagnostics: rendered.flatMap(\.1), images: images.all)
    }
}
