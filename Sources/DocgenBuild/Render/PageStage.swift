import DocgenDiagnostics
import DocgenMarkup
import DocgenSite
import Foundation

/// Renders every chapter's body once the experiments and figures are done.
struct PageStage {
    let plan: CoursePlan
    let experiments: ExperimentStage.Output
    let figures: FigureStage.Output
    /// Chapters render independently, on up to this many threads; the output keeps chapter order.
    var jobs: Int = 1

    struct Output {
        var pages: [PageContent]
        var diagnostics: [Diagnostic]
    }

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

        let values = ValueEvaluator(experiments: experiments.results,
                                    failed: experiments.failed.union(plan.invalidExperiments))
        let tables = TableRenderer(plan: plan, results: experiments.results)
        let rendered = parallelMap(plan.chapters, jobs: jobs) { chapter -> (PageContent, [Diagnostic]) in
            // One sink per chapter, so diagnostics keep the order of a serial run.
            let sink = DiagnosticSink()
            let resolver = PageResolver(chapter: chapter, plan: plan, values: values, tables: tables,
                                        figures: figures.artifacts, anchors: anchors, siteFiles: siteFiles, sink: sink)
            let (html, diagnostics) = chapter.document.renderHTML(resolver: resolver)
            sink.append(contentsOf: diagnostics)
            let toc = chapter.document.headings.filter { $0.level >= 2 && $0.level <= 3 }
                .map { TOCEntry(level: $0.level, text: $0.text, anchor: $0.slug) }
            return (PageContent(fileName: chapter.outputName, number: chapter.number, title: chapter.title,
                                bodyHTML: Self.removingTitleHeading(html), toc: toc), sink.all)
        }
        return Output(pages: rendered.map(\.0), diagnostics: rendered.flatMap(\.1))
    }

    /// The page template prints the chapter title itself; drop the body's first `<h1>`.
    ///
    /// Searches the UTF-8 bytes directly: Foundation's `range(of:)` and `trimmingCharacters`
    /// on a whole chapter cost milliseconds each on Linux.
    static func removingTitleHeading(_ html: String) -> String {
        let utf8 = html.utf8
        guard let open = firstIndex(of: Array("<h1".utf8), in: utf8, from: utf8.startIndex),
              let close = firstIndex(of: Array("</h1>".utf8), in: utf8, from: utf8.index(open, offsetBy: 3))
        else { return html }
        let before = html[..<open]
        guard before.unicodeScalars.allSatisfy({ CharacterSet.whitespacesAndNewlines.contains($0) }) else { return html }
        var rest = html.unicodeScalars[utf8.index(close, offsetBy: 5)...]
        while let first = rest.first, CharacterSet.newlines.contains(first) { rest = rest.dropFirst() }
        while let last = rest.last, CharacterSet.newlines.contains(last) { rest = rest.dropLast() }
        return String(rest)
    }

    /// The index of the first occurrence of `needle` in `haystack` at or after `start`.
    private static func firstIndex(of needle: [UInt8], in haystack: String.UTF8View,
                                   from start: String.Index) -> String.Index? {
        guard let first = needle.first else { return start }
        var i = start
        while let hit = haystack[i...].firstIndex(of: first) {
            var a = hit, matched = true
            for byte in needle {
                guard a < haystack.endIndex, haystack[a] == byte else { matched = false; break }
                a = haystack.index(after: a)
            }
            if matched { return hit }
            i = haystack.index(after: hit)
        }
        return nil
    }
}
