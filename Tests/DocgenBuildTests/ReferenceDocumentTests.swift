@testable import DocgenBuild
import DocgenDiagnostics
import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation
import XCTest

/// `Content/README.md` is the authors' reference; this keeps it true to docgen.
///
/// - Every figure kind, table kind, experiment key, generator key and `docgen.yml` key has a row in its section,
///   and no row documents a key docgen does not read.
/// - Every directive in the file builds, together, cleanly under `--strict`; every figure kind has an example with
///   its picture in `README-figures/`, and every table example is followed by the table docgen makes of it.
/// - The `{value}` field table is generated from `ValueField.all`.
///
/// `DOCGEN_UPDATE_REFERENCE=1 swift test --filter ReferenceDocumentTests` rewrites the generated blocks and redraws
/// the pictures (the site's 640×400 layout at 1.25×, 800×500 pixels, light theme) instead of comparing them.
final class ReferenceDocumentTests: XCTestCase {
    static let contentFolder = TestContent.repositoryRoot.appendingPathComponent("Content")
    static let readmeURL = contentFolder.appendingPathComponent("README.md")
    static let figuresFolder = contentFolder.appendingPathComponent("README-figures")
    static var updating: Bool { ProcessInfo.processInfo.environment["DOCGEN_UPDATE_REFERENCE"] == "1" }

    private func readme() throws -> String { try String(contentsOf: Self.readmeURL, encoding: .utf8) }

    // MARK: Keys

    func testEveryFigureKindAndItsKeysAreDocumentedAndNothingElse() throws {
        let figures = try XCTUnwrap(Self.section(try readme(), "## Figures"))
        XCTAssertEqual(Self.documentedKeys(Self.preamble(figures)), Set(ExhibitParser.figureKeys), "keys every figure takes")
        for kind in FigureKinds.all {
            let section = try XCTUnwrap(Self.section(figures, "### `\(kind.name)`"), "no section for figure kind \(kind.name)")
            XCTAssertEqual(Self.documentedKeys(section), Set(kind.optionKeys), "the keys of figure \(kind.name)")
            XCTAssertTrue(section.contains("```{figure} \(kind.name)\n"), "figure \(kind.name) has no example")
        }
        XCTAssertEqual(Self.subsectionNames(figures), FigureKinds.names, "one section per kind, in registry order")
    }

    func testEveryTableKindAndItsKeysAreDocumentedAndNothingElse() throws {
        let tables = try XCTUnwrap(Self.section(try readme(), "## Tables"))
        XCTAssertEqual(Self.documentedKeys(Self.preamble(tables)), Set(ExhibitParser.tableKeys), "keys every table takes")
        for kind in TableKinds.all {
            let section = try XCTUnwrap(Self.section(tables, "### `\(kind.name)`"), "no section for table kind \(kind.name)")
            XCTAssertEqual(Self.documentedKeys(section), Set(kind.optionKeys), "the keys of table \(kind.name)")
            XCTAssertTrue(section.contains("```{table} \(kind.name)\n"), "table \(kind.name) has no example")
        }
        XCTAssertEqual(Self.subsectionNames(tables), TableKinds.names, "one section per kind, in registry order")
    }

    func testEveryExperimentGeneratorAndCourseFileKeyIsDocumentedAndNothingElse() throws {
        let text = try readme()
        let experiments = try XCTUnwrap(Self.section(text, "## Experiments"))
        XCTAssertEqual(Self.documentedKeys(Self.preamble(experiments)), Set(ExperimentParser.knownKeys))
        XCTAssertEqual(Self.documentedKeys(try XCTUnwrap(Self.section(text, "## Data"))), Set(GeneratorSpec.optionKeys))
        XCTAssertEqual(Self.documentedKeys(try XCTUnwrap(Self.section(text, "## The course file: `docgen.yml`"))),
                       Set(CourseConfiguration.keys))
        for model in ModelFamilies.modelNames { XCTAssertTrue(experiments.contains("`\(model)`"), "model \(model)") }
    }

    func testTheValueFieldTableIsGeneratedFromTheRegistry() throws {
        try check(block: "ValueField.all", equals: Self.valueFieldTable())
    }

    // MARK: Examples

    /// Every directive of the file, built together: clean under --strict, a picture per figure kind, and the tables
    /// as printed after their examples.
    func testTheExamplesBuildCleanlyAndTheirPicturesAndTablesAreUpToDate() throws {
        let content = try TestContent()
        defer { content.remove() }
        let fm = FileManager.default
        for file in try fm.contentsOfDirectory(atPath: Self.contentFolder.appendingPathComponent("data").path) {
            try fm.copyItem(at: Self.contentFolder.appendingPathComponent("data/\(file)"),
                            to: URL(fileURLWithPath: content.content).appendingPathComponent("data/\(file)"))
        }
        let directives = Self.directives(try readme())
        try content.write("01-examples.md", "# Examples\n\n" + directives.joined(separator: "\n\n") + "\n")

        var options = BuildOptions(contentPath: content.content, outputPath: content.output)
        options.cachePath = content.cache
        options.identity = "reference-examples"
        options.strict = true
        let build = Builder(options: options).run()
        XCTAssertEqual(build.diagnostics.map(\.description), [], "the examples build cleanly under --strict")
        XCTAssertEqual(build.exitStatus, 0)

        let (plan, _) = CoursePlanner(root: ContentRoot(path: content.content, displayPath: "Content")).plan()
        let fitter = ExperimentFitter(plan: plan)
        var results: [String: ExperimentResult] = [:]
        for id in plan.experimentOrder {
            guard case let .success(fitted) = fitter.fit(id) else { return XCTFail("experiment \(id) did not fit") }
            results[id] = fitted.result
        }
        func finished(_ entries: [(id: String, at: SourceLocation)], outputsOf kind: (any FigureKind)?) throws
            -> [FinishedExperiment] {
            try entries.map { entry in
                let d = try XCTUnwrap(plan.experiments[entry.id])
                var outputs: [ExperimentOutputRequest: ExperimentOutput] = [:]
                for request in kind?.outputs(for: d.planned) ?? [] {
                    guard case let .success(data) = fitter.dataset(d) else { throw Failure(.error("no data", at: nil)) }
                    outputs[request] = try computeOutput(request, data: data, spec: d.spec, result: results[entry.id]!,
                                                         generator: d.generator)
                }
                return FinishedExperiment(planned: d.planned, result: results[entry.id]!, outputs: outputs)
            }
        }

        let text = try readme()
        for kind in FigureKinds.names {
            // The kind's example is the figure labelled fig-KIND; its label names its picture.
            let label = "fig-\(kind)"
            let figure = try XCTUnwrap(plan.figures.first { $0.declaration.label == label }, "no example labelled \(label)")
            XCTAssertEqual(figure.declaration.kindName, kind)
            let picture = Self.figuresFolder.appendingPathComponent("\(label).png")
            XCTAssertTrue(text.contains("](README-figures/\(label).png)"), "the README shows README-figures/\(label).png")
            if Self.updating {
                let drawing = try figure.declaration.kind.draw(try finished(figure.declaration.experiments,
                                                                            outputsOf: figure.declaration.kind),
                                                                 context: FigureContext(conventions: plan.configuration.figureConventions,
                                                                                        styles: plan.styles))
                // Small files: the site's 640×400 layout at 1.25× (800×500 pixels), and zlib's best compression
                // with adaptive row filters.
                let style = FigureStyle(width: 640, height: 400, scale: 1.25, png: PNGSettings(level: 9, filter: .adaptive))
                let png = try drawing.render(style: style).png
                try fm.createDirectory(at: Self.figuresFolder, withIntermediateDirectories: true)
                try Data(png).write(to: picture)
            }
            let bytes = try XCTUnwrap(fm.contents(atPath: picture.path), "missing \(picture.lastPathComponent)")
            XCTAssertEqual(Self.pngSize(bytes).map { "\($0.width)×\($0.height)" }, "800×500", picture.lastPathComponent)
        }
        for chapter in plan.chapters {
            for (_, block) in chapter.blocks.sorted(by: { $0.key < $1.key }) {
                guard case let .table(t) = block else { continue }
                let label = try XCTUnwrap(t.declaration.label, "a table example needs a label: it names its output")
                let model = try t.declaration.kind.table(try finished(t.declaration.experiments, outputsOf: nil))
                try check(block: label, equals: Self.markdown(model))
            }
        }
    }

    // MARK: Generated blocks

    /// Compares (or, when updating, rewrites) the text between the block's markers.
    private func check(block name: String, equals generated: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let begin = "<!-- generated by ReferenceDocumentTests from \(name) -->\n", end = "<!-- end of generated text -->"
        var text = try readme()
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else {
            return XCTFail("no block '\(begin.dropLast())' … '\(end)' in the README", file: file, line: line)
        }
        if Self.updating {
            text.replaceSubrange(start.upperBound..<stop.lowerBound, with: generated)
            try text.write(to: Self.readmeURL, atomically: true, encoding: .utf8)
        } else {
            XCTAssertEqual(String(text[start.upperBound..<stop.lowerBound]), generated,
                           "the README's '\(name)' block is stale: run with DOCGEN_UPDATE_REFERENCE=1", file: file, line: line)
        }
    }

    /// The `{value}` field table, from the registry.
    static func valueFieldTable() -> String {
        func need(_ n: ValueField.Need) -> String {
            switch n {
            case .crossValidation: return "`cv`"
            case .split: return "a `split`"
            case .penalty: return "a penalized model"
            case .exactZeros: return "an L1 part in the penalty"
            case .task(.regression): return "a regression"
            case .task(.binaryClassification): return "`logistic`"
            }
        }
        var lines = ["| field | one per | needs | what |", "|---|---|---|---|"]
        for field in ValueField.all {
            let needs = field.needs.isEmpty ? "—" : field.needs.map(need).joined(separator: ", ")
            lines.append("| `\(field.name)` | \(field.shape == .perExperiment ? "experiment" : "α") | \(needs) | \(field.meaning) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table as GitHub Markdown: numeric columns right-aligned, emphasized cells in *…*.
    static func markdown(_ table: TableModel) -> String {
        func row(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        var lines = [row(table.header)]
        lines.append("|" + table.header.indices.map { $0 >= table.numericColumnsFrom ? "---:" : "---" }.joined(separator: "|") + "|")
        for cells in table.rows { lines.append(row(cells.map { $0.emphasized ? "*\($0.text)*" : $0.text })) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Reading the README

    /// The text under `heading` up to the next heading of the same or a higher level.
    static func section(_ text: String, _ heading: String) -> String? {
        let level = heading.prefix { $0 == "#" }.count
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: heading) else { return nil }
        var end = start + 1
        var fenced = false
        while end < lines.count {
            let line = lines[end]
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle() }
            let hashes = line.prefix { $0 == "#" }.count
            if !fenced, hashes >= 1, hashes <= level, line.dropFirst(hashes).hasPrefix(" ") { break }
            end += 1
        }
        return lines[(start + 1)..<end].joined(separator: "\n")
    }

    /// A section's text before its first subsection.
    static func preamble(_ section: String) -> String {
        section.components(separatedBy: "\n### ").first ?? section
    }

    /// The names of `### \`name\`` subsections, in order.
    static func subsectionNames(_ section: String) -> [String] {
        section.components(separatedBy: "\n").compactMap { line in
            guard line.hasPrefix("### `"), line.hasSuffix("`") else { return nil }
            return String(line.dropFirst(5).dropLast())
        }
    }

    /// The keys of a section's key tables: the first cell of rows that start with a code span.
    static func documentedKeys(_ section: String) -> Set<String> {
        Set(section.components(separatedBy: "\n").compactMap { line in
            guard line.hasPrefix("| `"), let close = line.dropFirst(3).firstIndex(of: "`") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 3)..<close])
        })
    }

    /// Every `{experiment}`, `{figure}` and `{table}` block of the file, with its indentation removed.
    static func directives(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        var indent = 0
        for line in text.components(separatedBy: "\n") {
            let trimmed = line.drop { $0 == " " }
            if current == nil, trimmed.hasPrefix("```{") {
                indent = line.count - trimmed.count
                current = [String(trimmed)]
            } else if current != nil {
                if trimmed == "```" {
                    blocks.append((current! + ["```"]).joined(separator: "\n"))
                    current = nil
                } else {
                    current!.append(String(line.dropFirst(min(indent, line.prefix { $0 == " " }.count))))
                }
            }
        }
        return blocks
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data)
        guard bytes.count >= 24, bytes[12..<16].elementsEqual("IHDR".utf8) else { return nil }
        func word(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }
}
