import DocgenDiagnostics
import DocgenFigures
import DocgenMarkup
import DocgenOptions
import Foundation

/// Reads every chapter, parses its directives and checks everything that can be checked
/// before fitting: ids, labels, references between directives, and what each figure
/// kind needs from its experiment.
struct CoursePlanner {
    let root: ContentRoot
    /// Threads for reading and parsing chapters (independent of each other); the checks that
    /// span chapters then run in chapter order.
    var jobs: Int = 1

    func plan() -> (CoursePlan, [Diagnostic]) {
        var diagnostics = DiagnosticList()
        let (configuration, configDiagnostics) = CourseConfiguration.load(root: root)
        diagnostics.append(contentsOf: configDiagnostics)
        if configuration.chapters.isEmpty {
            let config = (root.displayPath as NSString).appendingPathComponent(CourseConfiguration.fileName)
            let hasConfig = FileManager.default.fileExists(atPath: (root.path as NSString).appendingPathComponent(CourseConfiguration.fileName))
            if !(hasConfig && diagnostics.hasErrors) {
                diagnostics.error("the content folder \(root.displayPath) has no chapters (*.md files)",
                                  at: SourceLocation(file: hasConfig ? config : root.displayPath, line: 1, column: 1))
            }
        }

        var state = ChapterPlanning(root: root)
        let parsed = parallelMap(configuration.chapters, jobs: jobs) { name in
            ChapterSource.read(name, root: root).map { ($0, MarkdownDocument(source: $0.text, file: $0.displayPath)) }
        }
        var numbered = 0
        for (name, read) in zip(configuration.chapters, parsed) {
            // A file named 00-… (a preface or introduction) is unnumbered; the others count from 1.
            let number: Int? = Self.isUnnumbered(name) ? nil : { numbered += 1; return numbered }()
            switch read {
            case let .success((source, document)): state.add(name: name, number: number, source: source, document: document)
            case let .failure(d): state.diagnostics.append(d)
            }
        }
        diagnostics.append(contentsOf: state.diagnostics.items)
        let (chapters, experiments, experimentOrder, invalidExperiments, invalidLabels, figures, labels) =
            (state.chapters, state.experiments, state.experimentOrder, state.invalidExperiments, state.invalidLabels,
             state.figures, state.labels)


        var plan = CoursePlan(configuration: configuration, chapters: chapters, experiments: experiments,
                              experimentOrder: experimentOrder,
                              invalidExperiments: invalidExperiments.subtracting(experiments.keys),
                              invalidLabels: invalidLabels.subtracting(labels.keys), figures: figures, labels: labels)
        plan.styles = Self.styleMap(experimentOrder.compactMap { experiments[$0] })
        let (referenceDiagnostics, unmet) = checkReferences(plan)
        diagnostics.append(contentsOf: referenceDiagnostics)
        // A figure or table whose experiment lacks what it needs has its error: it is neither drawn nor built, so
        // the same cause is not reported again when drawing fails.
        plan.figures.removeAll { unmet.contains($0.declaration.location) }
        for k in plan.chapters.indices {
            for (line, block) in plan.chapters[k].blocks {
                let fence: SourceLocation? = switch block {
                case let .figure(f): f.declaration.location
                case let .table(t): t.declaration.location
                default: nil
                }
                if let fence, unmet.contains(fence) { plan.chapters[k].blocks[line] = .invalid }
            }
        }
        return (plan, diagnostics.items)
    }

    /// The known directive a name is, or is a typo of (`{experimnt}` meant `{experiment}`).
    static func intendedDirective(_ name: String) -> String? {
        let known = ["experiment", "figure", "table"]
        return known.contains(name) ? name : Suggestion.closest(to: name, in: known)
    }

    /// The `label` a failed figure or table directive meant to declare: read from its YAML when that parsed, else
    /// from a `label: fig-…` line of its text.
    static func declaredLabel(body: OptionValue?, text: String) -> String? {
        if case let .mapping(pairs, _)? = body {
            if case let .scalar(label, _, _)? = pairs.first(where: { $0.key == "label" })?.value { return label }
            return nil
        }
        for line in text.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("label:") else { continue }
            let value = trimmed.dropFirst("label:".count).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return nil
    }

    /// The page file stem of a chapter file: the name without `.md`, accents dropped (`café` → `cafe`), and every
    /// run of characters other than ASCII letters, digits, `-`, `_` and `.` made one `-`.
    static func pageStem(_ fileName: String) -> String {
        let stem = fileName.hasSuffix(".md") ? String(fileName.dropLast(3)) : fileName
        let folded = stem.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for scalar in folded.unicodeScalars {
            let safe = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-_.".unicodeScalars.contains(scalar))
            if safe { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("-") { out += "-" }
        }
        while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "chapter" : out
    }

    /// `00-introduction.md` and the like: a numeric prefix of zero.
    static func isUnnumbered(_ name: String) -> Bool {
        let digits = name.prefix { $0.isNumber }
        return !digits.isEmpty && Int(digits) == 0
    }

    /// Every experiment a figure or table names exists, and provides what the kind needs. Returns the diagnostics
    /// and the fences of the figures and tables that cannot be made (an unknown or unfit experiment).
    func checkReferences(_ plan: CoursePlan) -> ([Diagnostic], Set<SourceLocation>) {
        var out = DiagnosticList()
        var unmet = Set<SourceLocation>()
        func lookup(_ id: String, _ at: SourceLocation) -> ExperimentDeclaration? {
            if let e = plan.experiments[id] { return e }
            if plan.invalidExperiments.contains(id) { return nil }
            var message = "unknown experiment '\(id)'"
            if let s = Suggestion.closest(to: id, in: plan.experimentOrder + plan.invalidExperiments.sorted()) {
                message += "; did you mean '\(s)'?"
            }
            out.error(message, at: at)
            return nil
        }
        for chapter in plan.chapters {
            for (_, block) in chapter.blocks.sorted(by: { $0.key < $1.key }) {
                switch block {
                case let .figure(f):
                    for (id, at) in f.declaration.experiments {
                        guard let e = lookup(id, at) else { unmet.insert(f.declaration.location); continue }
                        for problem in f.declaration.kind.problems(with: e.planned) {
                            out.error(problem, at: at)
                            unmet.insert(f.declaration.location)
                        }
                    }
                case let .table(t):
                    for (id, at) in t.declaration.experiments {
                        guard let e = lookup(id, at) else { unmet.insert(t.declaration.location); continue }
                        for problem in t.declaration.kind.problems(with: e.planned) {
                            out.error(problem, at: at)
                            unmet.insert(t.declaration.location)
                        }
                    }
                default:
                    break
                }
            }
        }
        return (out.items, unmet)
    }
}

/// The planning of chapters one at a time, in reading order: each chapter's directives parsed and numbered, its
/// labels claimed course-wide. `CoursePlanner.plan` runs it over every chapter; a prose-edit rebuild
/// (`ProseEditBuild`) runs it over the edited chapters alone, seeded with the labels and page names of the others.
struct ChapterPlanning {
    let root: ContentRoot
    var diagnostics = DiagnosticList()
    var chapters: [PlannedChapter] = []
    var experiments: [String: ExperimentDeclaration] = [:]
    var experimentOrder: [String] = []
    var invalidExperiments: Set<String> = []
    var invalidLabels: Set<String> = []
    var figures: [PlannedFigure] = []
    var labels: [String: LabelTarget] = [:]
    var labelLocations: [String: SourceLocation] = [:]
    /// Page stems taken so far, and by what (for the error when two chapters would make one page).
    var pageOwners: [String: String] = ["index": "the course outline"]
    private let experimentParser: ExperimentParser
    private let exhibitParser = ExhibitParser()

    init(root: ContentRoot) {
        self.root = root
        experimentParser = ExperimentParser(contentRoot: root)
    }

    /// Plans chapter `name`, numbered `number` (nil: unnumbered), from its text and parsed document.
    mutating func add(name: String, number: Int?, source: ChapterSource, document: MarkdownDocument) {
        diagnostics.append(contentsOf: document.diagnostics)
        // A page name is a safe file name made from the chapter's (`02 second part.md` → `02-second-part.html`);
        // links keep naming the chapter file. Two chapters may not end up with one page.
        let stem = CoursePlanner.pageStem(name)
        let outputName = stem + ".html"
        // The stem names the page and the chapter's unlabelled figures (`<stem>-figure-12-narrow-dark.png`).
        if stem.utf8.count > ExperimentParser.maximumIDLength {
            diagnostics.error("the chapter file name '\(name.prefix(24))…' makes a page name of \(stem.utf8.count) "
                              + "characters; it names the page and its figures, so it may have at most "
                              + "\(ExperimentParser.maximumIDLength); rename the file",
                              at: SourceLocation(file: source.displayPath, line: 1, column: 1))
            return
        }
        if let owner = pageOwners[stem] {
            diagnostics.error("chapter '\(name)' would be the page \(outputName), which is already \(owner); rename the file",
                              at: SourceLocation(file: source.displayPath, line: 1, column: 1))
            return
        }
        pageOwners[stem] = "the page of chapter '\(name)'" 
        var blocks: [Int: PlannedBlock] = [:]
        var figureCount = 0
        var tableCount = 0

        func claim(_ label: String?, at location: SourceLocation, target: LabelTarget) {
            guard let label else { return }
            if let previous = labelLocations[label] {
                diagnostics.error("label '\(label)' is already used at \(previous)", at: location)
            } else {
                labelLocations[label] = location
                labels[label] = target
            }
        }

        /// A directive that failed still declares its names: references to them stay quiet, since its own
        /// error says what is wrong (one root cause, one error).
        func failed(_ block: DirectiveBlock, body: OptionValue?) {
            blocks[block.location.line] = .invalid
            switch CoursePlanner.intendedDirective(block.name) {
            case "experiment": invalidExperiments.insert(block.argument)
            case "figure", "table":
                if let label = CoursePlanner.declaredLabel(body: body, text: block.body) { invalidLabels.insert(label) }
            default: break
            }
        }

        for block in document.directives {
            let fence = block.location
            let body: OptionValue
            switch LocatedYAML.parse(block.body, file: source.displayPath, firstLine: block.bodyLocation.line) {
            case let .success(v): body = v
            case let .failure(d):
                diagnostics.append(d)
                failed(block, body: nil)
                continue
            }
            let text = "\(block.name) \(block.argument)\n\(block.body)"
            switch block.name {
            case "experiment":
                let (declaration, ds) = experimentParser.parse(id: block.argument, body: body, at: fence,
                                                               sourceText: text)
                diagnostics.append(contentsOf: ds)
                guard let declaration else {
                    failed(block, body: body)
                    continue
                }
                if let previous = experiments[declaration.id] {
                    diagnostics.error("experiment id '\(declaration.id)' is already used at \(previous.location)",
                                      at: fence)
                    blocks[fence.line] = .invalid
                    continue
                }
                experiments[declaration.id] = declaration
                experimentOrder.append(declaration.id)
                blocks[fence.line] = .experiment(declaration)
            case "figure":
                let (declaration, ds) = exhibitParser.parseFigure(kindName: block.argument, body: body, at: fence,
                                                                 sourceText: text)
                diagnostics.append(contentsOf: ds)
                guard let declaration else { failed(block, body: body); continue }
                figureCount += 1
                let numberText = number.map { "\($0).\(figureCount)" } ?? "\(figureCount)"
                let fileStem = declaration.label ?? "\(stem)-figure-\(figureCount)"
                let planned = PlannedFigure(declaration: declaration, number: numberText, stem: fileStem,
                                            chapterNumber: number)
                claim(declaration.label, at: declaration.keyLocations["label"] ?? fence,
                      target: LabelTarget(chapterOutputName: outputName, anchor: fileStem,
                                          text: "Figure \(numberText)"))
                figures.append(planned)
                blocks[fence.line] = .figure(planned)
            case "table":
                let (declaration, ds) = exhibitParser.parseTable(kindName: block.argument, body: body, at: fence,
                                                                sourceText: text)
                diagnostics.append(contentsOf: ds)
                guard let declaration else { failed(block, body: body); continue }
                tableCount += 1
                let numberText = number.map { "\($0).\(tableCount)" } ?? "\(tableCount)"
                let anchor = declaration.label ?? "\(stem)-table-\(tableCount)"
                claim(declaration.label, at: fence,
                      target: LabelTarget(chapterOutputName: outputName, anchor: anchor, text: "Table \(numberText)"))
                blocks[fence.line] = .table(PlannedTable(declaration: declaration, number: numberText, anchor: anchor))
            default:
                let known = ["experiment", "figure", "table"]
                var message = "unknown directive '{\(block.name)}'"
                if let s = Suggestion.closest(to: block.name, in: known) { message += "; did you mean '{\(s)}'?" } else {
                    message += " (expected {experiment}, {figure} or {table})"
                }
                diagnostics.error(message, at: fence)
                failed(block, body: body)
            }
        }
        // Section labels (`## Heading {#sec-x}`) and equation labels (`$$…$$ {#eq-x}`).
        for heading in document.headings {
            guard let label = heading.label else { continue }
            claim(label, at: heading.location,
                  target: LabelTarget(chapterOutputName: outputName, anchor: heading.slug,
                                      text: number.map { "Section \($0)" } ?? "Section"))
            if let n = number { labels[label]?.text = "Section \(n)" }
        }
        for (k, equation) in document.equations.enumerated() {
            // Only labelled equations are numbered, in order of appearance.
            let numberText = number.map { "\($0).\(k + 1)" } ?? "\(k + 1)"
            claim(equation.label, at: equation.location,
                  target: LabelTarget(chapterOutputName: outputName, anchor: equation.label,
                                      text: "Equation (\(numberText))"))
        }
        let title = document.title ?? CourseConfiguration.titleFromFileName(name)
        chapters.append(PlannedChapter(number: number, source: source, document: document, outputName: outputName,
                                       blocks: blocks, title: title))
    }
}
