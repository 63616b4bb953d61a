import DocgenDiagnostics
import DocgenMarkup
import DocgenSite
import Foundation

/// Renders every chapter's body once the experiments and figures are done.
struct PageStage {
    let plan: CoursePlan
    let experiments: ExperimentStage.Output
    let figures: FigureStage.Output

    struct Output {
        var pages: [PageContent]
        var diagnostics: [Diagnostic]
    }

    func run() -> Output {
        let sink = DiagnosticSink()
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
        for id in plan.experimentOrder where experiments.numbers[id] != nil { siteFiles.insert("data/\(id).csv") }

        let values = ValueEvaluator(experiments: experiments.numbers,
                                    failed: experiments.failed.union(plan.invalidExperiments))
        let tables = TableRenderer(experiments: experiments.numbers,
                                   models: plan.experiments.mapValues(\.model))
        var pages: [PageContent] = []
        for chapter in plan.chapters {
            let resolver = PageResolver(chapter: chapter, plan: plan, values: values, tables: tables,
                                        figures: figures.artifacts, anchors: anchors, siteFiles: siteFiles, sink: sink)
            let (html, diagnostics) = chapter.document.renderHTML(resolver: resolver)
            sink.append(contentsOf: diagnostics)
            let toc = chapter.document.headings.filter { $0.level >= 2 && $0.level <= 3 }
                .map { TOCEntry(level: $0.level, text: $0.text, anchor: $0.slug) }
            pages.append(PageContent(fileName: chapter.outputName, number: chapter.number, title: chapter.title,
                                     bodyHTML: Self.removingTitleHeading(html), toc: toc))
        }
        return Output(pages: pages, diagnostics: sink.all)
    }

    /// The page template prints the chapter title itself; drop the body's first `<h1>`.
    static func removingTitleHeading(_ html: String) -> String {
        guard let open = html.range(of: "<h1"), let close = html.range(of: "</h1>", range: open.upperBound..<html.endIndex)
        else { return html }
        let before = html[..<open.lowerBound]
        guard before.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return html }
        return String(html[close.upperBound...]).trimmingCharacters(in: .newlines)
    }
}
