import DocgenDiagnostics
import DocgenMarkup
import DocgenOptions
import Foundation
import Synchronization

/// A rendered figure, as a page needs it.
struct FigureArtifact: Sendable {
    /// Size in CSS pixels (the PNG is twice this in device pixels).
    var width: Int
    var height: Int
    /// The alt text: the author's, or one generated from the data.
    var alt: String
    /// Whether a dark-theme variant was drawn.
    var hasDarkVariant: Bool
    /// The narrow screens' variant's size in CSS pixels, when one was drawn.
    var narrowSize: (width: Int, height: Int)? = nil
}

/// What a page may point at beyond its own text: every figure as pages show it, every page's anchors and every other
/// file of the site. A whole build holds them as it made them (`PageStage.run`); a prose edit looks them up in the
/// index the previous build recorded (`ProseEditState.Index`).
struct PageTargets: Sendable {
    /// The figure with this file stem, as pages show it.
    let figure: @Sendable (String) -> FigureArtifact?
    /// The anchors of the page with this file name (`PageStage.anchors(of:)`); nil when there is no such page.
    let anchors: @Sendable (String) -> Set<String>?
    /// Whether the site holds this file (a path in the site) besides its pages.
    let hasFile: @Sendable (String) -> Bool
}

extension PageTargets {
    init(figures: [String: FigureArtifact], anchors: [String: Set<String>], siteFiles: Set<String>) {
        self.init(figure: { figures[$0] }, anchors: { anchors[$0] }, hasFile: { siteFiles.contains($0) })
    }
}

/// Resolves the parts of one chapter that depend on the rest of the course: directives,
/// computed numbers, cross-references and links.
struct PageResolver: MarkdownResolver {
    let chapter: PlannedChapter
    let plan: CoursePlan
    let values: ValueEvaluator
    let tables: TableRenderer
    /// The figures, every chapter's anchors and every file of the site, for figures and for checking links.
    let targets: PageTargets
    /// Collects diagnostics from captions, which are built while the page is built.
    let sink: DiagnosticSink

    func block(for directive: DirectiveBlock) -> Block? {
        switch chapter.blocks[directive.location.line] {
        case let .figure(f)?:
            return figure(f).map(Block.figure)
        case let .table(t)?:
            let caption = inlineContent(t.declaration.caption, at: t.declaration.location)
            let (table, diagnostics) = tables.table(t, caption: caption)
            sink.append(contentsOf: diagnostics)
            return table.map(Block.numberedTable)
        default:
            return nil
        }
    }

    func role(_ name: String, _ content: String, at location: SourceLocation) -> Result<RoleResult, Diagnostic> {
        guard name == "value" else {
            return .failure(.error("unknown role '{\(name)}' (docgen knows {value}`experiment.field`)", at: location))
        }
        switch ValueReference.parse(content) {
        case let .failure(message):
            return .failure(.error(message.text, at: location))
        case let .success(reference):
            switch values.evaluate(reference) {
            case let .text(text, warnings):
                for warning in warnings { sink.append(.warning(warning, at: location)) }
                if text == "n/a" || text.contains("∞") {
                    // Never silently: the page would show a number that is not one.
                    sink.append(.warning("{value}`\(content)` is not a finite number (the page shows '\(text)'); "
                                         + "the fit is degenerate there", at: location))
                }
                return .success(RoleResult(name: name, argument: content, content: [.text(text)]))
            case let .error(message):
                return .failure(.error(message, at: location))
            case .silent:
                return .success(RoleResult(name: name, argument: content, content: [.text("?")], isPlaceholder: true))
            }
        }
    }

    /// "2.1" for a labelled display equation of this chapter (its label reads "Equation (2.1)"; the page puts the
    /// parentheses around the number itself).
    func equationNumber(for label: String) -> String? {
        guard let target = plan.labels[label], target.chapterOutputName == chapter.outputName,
              target.text.hasPrefix("Equation ("), target.text.hasSuffix(")") else { return nil }
        return String(target.text.dropFirst("Equation (".count).dropLast())
    }

    func reference(_ label: String, at location: SourceLocation) -> Result<CrossReference, Diagnostic> {
        // The label of a figure or table with errors: its own error is reported, the build fails, the text stays.
        if plan.invalidLabels.contains(label) { return .success(CrossReference(href: "#\(label)", text: "@\(label)")) }
        guard let target = plan.labels[label] else {
            var message = "unknown cross-reference '@\(label)'"
            if let s = Suggestion.closest(to: label, in: Array(plan.labels.keys).sorted()) {
                message += "; did you mean '@\(s)'?"
            }
            return .failure(.error(message, at: location))
        }
        let page = target.chapterOutputName == chapter.outputName ? "" : target.chapterOutputName
        return .success(CrossReference(href: "\(page)#\(target.anchor)", text: target.text))
    }

    /// The content root, for images the site copies from the content folder.
    var root: ContentRoot? = nil
    /// Collects the content files images refer to, which the site then holds at the same relative path.
    var images: ImageCollector? = nil

    /// Extensions of the images a page may show from the content folder.
    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif"]

    /// The scheme of a URL as a browser reads it (ASCII whitespace and control characters removed, lowercased),
    /// for refusing `javascript:`, `vbscript:` and `data:` targets however they are spelt.
    static func scheme(of url: String) -> String? {
        let cleaned = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard let colon = cleaned.firstIndex(of: ":") else { return nil }
        let scheme = cleaned[..<colon]
        guard scheme.first?.isLetter == true,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else { return nil }
        return scheme.lowercased()
    }

    func image(_ source: String, at location: SourceLocation) -> Result<String, Diagnostic> {
        if source.isEmpty { return .failure(.error("empty image source", at: location)) }
        if let scheme = Self.scheme(of: source) {
            if scheme == "data", source.lowercased().hasPrefix("data:image/"), !source.lowercased().hasPrefix("data:image/svg") {
                return .success(source)
            }
            if scheme == "http" || scheme == "https" {
                return .failure(.error("image '\(source)' would be fetched from the network; copy it into the content folder "
                                       + "so the site works offline", at: location))
            }
            return .failure(.error("image source '\(scheme):…' is not allowed; use a file in the content folder", at: location))
        }
        if source.hasPrefix("/") || source.hasPrefix("\\") {
            return .failure(.error("image '\(source)' is absolute; use a path relative to the chapter so the site works from disk",
                                   at: location))
        }
        let path = String(source.prefix { $0 != "?" && $0 != "#" })
        let file = path.removingPercentEncoding ?? path
        if targets.hasFile(file) { return .success(source) }
        guard let root else { return .success(source) }
        switch root.resolve(file) {
        case let .failure(problem):
            return .failure(.error(problem.message(for: file, what: "image"), at: location))
        case let .success(real):
            let ext = (file as NSString).pathExtension.lowercased()
            guard Self.imageExtensions.contains(ext) else {
                return .failure(.error("'\(file)' is not an image (\(Self.imageExtensions.sorted().joined(separator: ", ")))",
                                       at: location))
            }
            let relative = String(real.dropFirst(root.path.count + 1))
            if relative.hasPrefix("figures/") || relative.hasPrefix("assets/") || relative.hasPrefix("data/") && relative.hasSuffix(".csv")
                || !relative.contains("/") && relative.hasSuffix(".html") {
                return .failure(.error("image '\(file)' is in a folder the site's own files use (\(relative)); move it, "
                                       + "for example to images/", at: location))
            }
            images?.add(relative, from: real)
            return .success(relative)
        }
    }

    func link(_ destination: String, at location: SourceLocation) -> Result<String, Diagnostic> {
        if destination.isEmpty { return .failure(.error("empty link destination", at: location)) }
        if let scheme = Self.scheme(of: destination), ["javascript", "vbscript", "data", "file"].contains(scheme) {
            return .failure(.error("link target '\(scheme):…' is not allowed in a course page", at: location))
        }
        if let colon = destination.firstIndex(of: ":"),
           destination[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
           destination[..<colon].first?.isLetter == true {
            return .success(destination)  // http:, https:, mailto:, … leave the site on purpose
        }
        if destination.hasPrefix("//") || destination.hasPrefix("/") {
            return .failure(.error("link '\(destination)' is absolute; use a path relative to the chapter so the site works from disk",
                                   at: location))
        }
        let (path, fragment) = split(destination)
        if path.isEmpty {
            guard let fragment, targets.anchors(chapter.outputName)?.contains(fragment) == true else {
                return .failure(.error("broken link: no heading or figure '#\(fragment ?? "")' in this chapter", at: location))
            }
            return .success(destination)
        }
        if path.hasSuffix(".md") {
            // The chapter file as written (`02%20second%20part.md` for `02 second part.md`), to its page's name.
            let file = path.removingPercentEncoding ?? path
            let page = plan.chapters.first { $0.source.name == file }?.outputName ?? CoursePlanner.pageStem(file) + ".html"
            guard let pageAnchors = targets.anchors(page) else {
                return .failure(.error("broken link: no chapter '\(path)' in the course", at: location))
            }
            if let fragment, !pageAnchors.contains(fragment) {
                return .failure(.error("broken link: chapter '\(path)' has no heading or figure '#\(fragment)'", at: location))
            }
            return .success(page + (fragment.map { "#\($0)" } ?? ""))
        }
        if targets.hasFile(path) || targets.anchors(path) != nil || path == "index.html" { return .success(destination) }
        return .failure(.error("broken link: '\(path)' is not a chapter or a file of the built site", at: location))
    }

    private func split(_ destination: String) -> (String, String?) {
        guard let hash = destination.firstIndex(of: "#") else { return (destination, nil) }
        return (String(destination[..<hash]), String(destination[destination.index(after: hash)...]))
    }

    /// A caption or other short text: Markdown inline, with math and values, without the paragraph.
    func inlineContent(_ text: String, at location: SourceLocation) -> [Inline] {
        let document = MarkdownDocument(source: text, file: location.file)
        let (content, diagnostics) = document.inlineContent(resolver: self)
        // Positions inside the caption are relative to its text; move them to the key's line.
        for var d in document.diagnostics + diagnostics {
            if let l = d.location {
                d.location = SourceLocation(file: l.file, line: location.line + l.line - 1,
                                            column: l.line == 1 ? location.column + l.column - 1 : l.column)
            }
            sink.append(d)
        }
        return content
    }

    private func figure(_ f: PlannedFigure) -> Figure? {
        guard let artifact = targets.figure(f.stem) else { return nil }
        let d = f.declaration
        let path = "figures/\(f.stem)"
        return Figure(number: f.number, id: f.stem, image: path + ".png",
                      darkImage: artifact.hasDarkVariant ? path + "-dark.png" : nil,
                      width: artifact.width, height: artifact.height, alt: artifact.alt,
                      caption: inlineContent(d.caption, at: d.keyLocations["caption"] ?? d.location),
                      dataFile: path + ".csv",
                      reproduceScript: d.experiments.lazy.map { "data/\($0.id).py" }.first { targets.hasFile($0) },
                      narrow: artifact.narrowSize.map { size in
                          Figure.NarrowVariant(image: path + "-narrow.png",
                                               darkImage: artifact.hasDarkVariant ? path + "-narrow-dark.png" : nil,
                                               width: size.width, height: size.height)
                      })
    }
}

/// The content files that pages show as images, by their path relative to the content folder (thread-safe).
final class ImageCollector: Sendable {
    private let files = Mutex<[String: String]>([:])

    func add(_ relative: String, from real: String) { files.withLock { $0[relative] = real } }
    /// Relative path → absolute path.
    var all: [String: String] { files.withLock { $0 } }
}

/// A thread-safe collector of diagnostics.
final class DiagnosticSink: Sendable {
    private let items = Mutex<[Diagnostic]>([])

    func append(_ d: Diagnostic) { items.withLock { $0.append(d) } }
    func append(contentsOf ds: [Diagnostic]) { items.withLock { $0.append(contentsOf: ds) } }
    var all: [Diagnostic] { items.withLock { $0 } }
}
