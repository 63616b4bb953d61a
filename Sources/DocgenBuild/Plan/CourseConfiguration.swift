import DocgenDiagnostics
import DocgenFigures
import DocgenOptions
import DocgenSite
import Foundation

/// `Content/docgen.yml`: the site's title, author, language and chapter order.
///
/// Every key is optional. Without `chapters`, every `*.md` file of the content folder is a
/// chapter, ordered by file name (so `01-overfitting.md` comes before `02-penalties.md`).
public struct CourseConfiguration: Sendable {
    public var title = "Course"
    public var author: String?
    public var language = "en"
    /// Chapter file names relative to the content folder, in reading order.
    public var chapters: [String] = []
    /// The figures' shared conventions: `alpha_axis` (increasing | decreasing, default increasing: weak penalties on
    /// the left, as glmnet and scikit-learn plot them) and `penalty_symbol` (α | λ, default α).
    public var figureConventions = FigureConventions()

    public static let fileName = "docgen.yml"

    /// What the site's templates show of the course: its title, author ("" for none) and language.
    var site: SiteConfiguration { SiteConfiguration(title: title, author: author ?? "", language: language) }
    /// Every key `docgen.yml` may hold.
    public static let keys = ["title", "author", "language", "chapters", "alpha_axis", "penalty_symbol"]

    /// Reads the configuration and the chapter list of `root`, reporting located problems.
    public static func load(root: ContentRoot) -> (CourseConfiguration, [Diagnostic]) {
        var config = CourseConfiguration()
        var diagnostics = DiagnosticList()
        let fm = FileManager.default
        let path = (root.path as NSString).appendingPathComponent(fileName)
        let display = (root.displayPath as NSString).appendingPathComponent(fileName)
        let discovered = discoverChapters(in: root.path)
        config.chapters = discovered
        guard fm.fileExists(atPath: path) else {
            if let first = discovered.first { config.title = titleFromFileName(first) }
            return (config, diagnostics.items)
        }
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return (config, [.error("\(fileName) is a folder, not the course file", at: SourceLocation(file: display, line: 1, column: 1))])
        }
        if case let .failure(problem) = root.resolve(fileName), problem != .missing {
            return (config, [.error(problem.message(for: fileName, what: "course file"),
                                    at: SourceLocation(file: display, line: 1, column: 1))])
        }
        guard let data = fm.contents(atPath: path) else {
            return (config, [.error("cannot read \(fileName)", at: SourceLocation(file: display, line: 1, column: 1))])
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            let bad = ChapterSource.firstInvalidUTF8Offset(data) ?? 0
            return (config, [.error("\(fileName) is not UTF-8 text (save it as UTF-8)",
                                    at: ChapterSource.location(ofByte: bad, in: data, file: display))])
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        switch LocatedYAML.parse(text, file: display, firstLine: 1) {
        case let .failure(d):
            diagnostics.append(d)
        case let .success(value):
            var r = OptionReader(value, context: fileName, ownerLocation: SourceLocation(file: display, line: 1, column: 1))
            if let t = r.string("title") { config.title = t }
            config.author = r.string("author")
            if let l = r.string("language") { config.language = l }
            if let axis = r.string("alpha_axis") {
                if let value = FigureConventions.AlphaAxis(rawValue: axis) { config.figureConventions.alphaAxis = value } else {
                    r.error("'alpha_axis' must be increasing or decreasing, found '\(axis)'", at: r.location(of: "alpha_axis"))
                }
            }
            if let symbol = r.string("penalty_symbol") {
                if let value = FigureConventions.PenaltySymbol(written: symbol) { config.figureConventions.penaltySymbol = value } else {
                    r.error("'penalty_symbol' must be α or λ (or alpha, lambda), found '\(symbol)'", at: r.location(of: "penalty_symbol"))
                }
            }
            // Where each listed name was written, so a problem is reported at its own entry.
            var itemLocations: [SourceLocation] = []
            if case let .mapping(pairs, _) = value, let entry = pairs.first(where: { $0.key == "chapters" }),
               case let .sequence(items, _) = entry.value {
                itemLocations = items.map(\.location)
            }
            if let list = r.stringList("chapters") {
                var seen = Set<String>()
                var ordered: [String] = []
                for (k, name) in list.enumerated() {
                    let at = k < itemLocations.count ? itemLocations[k] : r.location(of: "chapters")
                    if !seen.insert(name).inserted {
                        r.error("chapter '\(name)' is listed twice", at: at)
                    } else if name.contains("/") || name.contains("\\") {
                        r.error("chapter '\(name)' is in a subfolder; chapters live directly in the content folder "
                                + "(move it there, and its images with it)", at: at)
                    } else if case let .failure(problem) = root.resolve(name) {
                        r.error(problem == .missing ? "chapter '\(name)' does not exist in the content folder"
                                    : problem.message(for: name, what: "chapter"), at: at)
                    } else if !name.hasSuffix(".md") {
                        r.error("chapter '\(name)' is not a Markdown (.md) file", at: at)
                    } else {
                        ordered.append(name)
                    }
                }
                if list.isEmpty { r.error("'chapters' lists no chapters", at: r.location(of: "chapters")) }
                config.chapters = ordered
                for orphan in discovered where !seen.contains(orphan) {
                    r.warning("\(orphan) is not listed in 'chapters' and is left out of the site",
                              at: r.location(of: "chapters"))
                }
            }
            r.finish(known: keys)
            diagnostics.append(contentsOf: r.diagnostics.items)
        }
        return (config, diagnostics.items)
    }

    /// `*.md` files directly in the content folder, by name (README.md excluded).
    static func discoverChapters(in path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    static func titleFromFileName(_ name: String) -> String {
        var stem = String(name.dropLast(3))
        while let first = stem.first, first.isNumber || first == "-" || first == "_" { stem.removeFirst() }
        return stem.replacingOccurrences(of: "-", with: " ").capitalized
    }
}
