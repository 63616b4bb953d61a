import Foundation
import Mustache

/// Turns structured chapters into a complete static site: the course outline (`index.html`), one page
/// per chapter (its body rendered to HTML once, by `ChapterHTML`), the printable edition of the whole
/// course (`print.html`, see `PrintableEdition`), and the theme's CSS, JavaScript, search index and
/// math font.
///
/// Every link it writes is relative and nothing refers to the network, so the site works from `file://`.
/// Output depends only on the input (same input, same bytes).
public struct SiteRenderer: Sendable {
    public let configuration: SiteConfiguration
    private let theme: Theme
    private let mathFont: MathFont?

    /// Folder, relative to the site root, of the theme's static files and the search index.
    public static let assetsFolder = "assets"
    /// The search index script, relative to the site root.
    public static let searchIndexPath = "assets/search-index.js"
    /// The printable edition, relative to the site root.
    public static let printableEditionPath = PrintableEdition.fileName

    /// - Parameters:
    ///   - themeOverrides: the author's theme folder (`Content/theme/`). A file there replaces the built-in
    ///     file of the same relative path (`page.mustache`, `docgen.css`, …); other `.mustache` files become
    ///     extra partials and other files are copied into `assets/`. A missing folder means no overrides.
    ///   - mathFont: the math font to ship; `nil` ships none and `render` reports a warning.
    /// - Throws: `SiteError` when a theme file cannot be read or a template does not parse.
    ///   - fontStore: where cuts of the math font are kept between builds; nil cuts it every time.
    public init(configuration: SiteConfiguration, themeOverrides: URL? = nil,
                mathFont: MathFont? = MathFont.installed(), fontStore: (any MathFontStore)? = nil) throws {
        self.configuration = configuration
        self.theme = try Theme.load(overrides: themeOverrides)
        self.mathFont = mathFont
        self.fontStore = fontStore
    }

    private let fontStore: (any MathFontStore)?

    /// Renders every file of the site.
    /// - Parameters:
    ///   - pages: the chapters in reading order; this order drives the outline, the sidebar, previous/next
    ///     links and the printable edition.
    ///   - pdfFileName: the PDF of the printable edition the build will add, relative to the site root, so
    ///     the outline and the printable edition link to it; nil when there is none.
    /// - Throws: `SiteError.invalidPageFileName` for a bad or repeated file name,
    ///   `SiteError.templateMissing` when the `page`, `index` or `printable` template is absent.
    public func render(pages: [PageContent], pdfFileName: String? = nil) throws -> RenderedSite {
        try Self.validateFileNames(pages)
        var files: [String: Data] = [:]
        var warnings: [SiteWarning] = []
        let fileNames = pages.map(\.fileName)
        let renderings = pages.map { PageRendering($0, chapterFileNames: fileNames) }
        var parts = renderings.map(\.parts)
        let font = webFont(parts: parts, warnings: &warnings)
        if let font {
            files[font.path] = font.data
            var licence = Data(MathFont.notice.utf8)
            if let licenceFile = mathFont?.licenceFile, let text = try? Data(contentsOf: licenceFile) {
                licence.append(Data("\n----- GUST Font License, as distributed with the font -----\n\n".utf8))
                licence.append(text)
            }
            files[MathFont.licenceSitePath] = licence
        }
        let context = PageContextBuilder(configuration: configuration, parts: parts, pdfFileName: pdfFileName,
                                         mathFontPath: font?.path)

        files["index.html"] = Data(try renderTemplate("index", context.outlineContext()).utf8)
        for index in pages.indices {
            files[pages[index].fileName] = Data(try renderTemplate("page", context.pageContext(at: index, page: pages[index])).utf8)
        }
        let (printable, printableRanges) = try renderPrintable(context, bodies: renderings.map(\.printableBody))
        files[PrintableEdition.fileName] = printable
        for (path, data) in theme.assets {
            files["\(Self.assetsFolder)/\(path)"] = data
        }
        let (search, searchRanges) = SearchIndex.script(entries: renderings.map(\.searchEntry))
        files[Self.searchIndexPath] = search
        for k in parts.indices {
            parts[k].searchRange = searchRanges[k]
            parts[k].printableRange = printableRanges?[k]
        }
        return RenderedSite(files: files, warnings: warnings, parts: parts, mathFontPath: font?.path)
    }

    /// The printable edition, and where each chapter's body lies in it: found by rendering the template again with a
    /// marker in place of each body, and kept only when putting the bodies back in place of the markers gives the
    /// edition byte for byte (a template that escapes, repeats or leaves out a body keeps no places, and an edit
    /// then renders the whole edition).
    private func renderPrintable(_ context: PageContextBuilder, bodies: [String]) throws -> (Data, [Range<Int>]?) {
        let whole = Data(try renderTemplate("printable", context.printableContext(bodies: bodies)).utf8)
        let nonce = UUID().uuidString
        let markers = bodies.indices.map { "<docgen-printable-body \(nonce) \($0)>" }
        let skeleton = try renderTemplate("printable", context.printableContext(bodies: markers))
        guard !bodies.contains(where: \.isEmpty), let (filled, ranges) = Splice.filling(skeleton, markers: markers, bodies: bodies),
              filled == whole else { return (whole, nil) }
        return (whole, ranges)
    }

    /// The files an edit of `edited` changes: each edited page, rendered from its content and the stored parts of
    /// every page (`previous`, from the `render` or `renderEdited` that made the site as it is); and the printable
    /// edition and the search index as splices of the published ones (`RenderedSite.splicedFiles`), which replace the
    /// edited pages' bodies and entries. `publishedLengths` are the published files' lengths, by path. Returns them
    /// with the site's parts after the edit.
    ///
    /// Returns nil when the edit reaches beyond those files, and the whole site must be rendered: a page that is not
    /// among `previous`, or one whose link, sections or printable heading changed (shown elsewhere), formulas that need
    /// another cut of the math font, an empty body, a printable template without places for the bodies, or a published
    /// file that is not as long as `previous` says. `mathFontPath` is the font the site links to
    /// (`RenderedSite.mathFontPath`).
    ///
    /// `splicesReady` is given the splices as soon as they are known, before the edited pages are rendered, so that a
    /// caller can start writing them meanwhile; they are the `splicedFiles` of the result.
    public func renderEdited(_ edited: [PageContent], previous: [PageParts], mathFontPath: String?,
                             publishedLengths: [String: Int],
                             splicesReady: ([String: SplicedFile]) -> Void = { _ in }) throws -> RenderedSite? {
        let fileNames = previous.map(\.fileName)
        var parts = previous
        var positions: [Int] = []
        var entries: [Int: Data] = [:], bodies: [Int: Data] = [:]
        for page in edited {
            guard let index = fileNames.firstIndex(of: page.fileName), !positions.contains(index) else { return nil }
            let rendering = PageRendering(page, chapterFileNames: fileNames)
            guard rendering.parts.showsElsewhereAs(previous[index]), !rendering.printableBody.isEmpty else { return nil }
            parts[index] = rendering.parts
            positions.append(index)
            entries[index] = Data(rendering.searchEntry.utf8)
            bodies[index] = Data(rendering.printableBody.utf8)
        }
        guard Self.sameMathCharacters(previous, parts, edited: Set(positions)), (mathFontPath != nil) == (mathFont != nil)
        else { return nil }
        let printableRanges = previous.compactMap(\.printableRange)
        guard printableRanges.count == previous.count,
              let printableLength = publishedLengths[PrintableEdition.fileName],
              let searchLength = publishedLengths[Self.searchIndexPath],
              let (printable, movedPrintable) = SplicedFile.replacing(parts: printableRanges, of: printableLength, bodies),
              let (search, movedSearch) = SplicedFile.replacing(parts: previous.map(\.searchRange), of: searchLength, entries)
        else { return nil }
        for k in parts.indices {
            parts[k].printableRange = movedPrintable[k]
            parts[k].searchRange = movedSearch[k]
        }
        let splicedFiles = [PrintableEdition.fileName: printable, Self.searchIndexPath: search]
        splicesReady(splicedFiles)

        var files: [String: Data] = [:]
        let context = PageContextBuilder(configuration: configuration, parts: parts, pdfFileName: nil,
                                         mathFontPath: mathFontPath)
        for (index, page) in zip(positions, edited) {
            files[page.fileName] = Data(try renderTemplate("page", context.pageContext(at: index, page: page)).utf8)
        }
        return RenderedSite(files: files, warnings: [], parts: parts, mathFontPath: mathFontPath,
                            splicedFiles: splicedFiles)
    }

    /// Whether the pages' formulas, all together, use the same characters of the math font in `after` as in `before`,
    /// where only the pages at `edited` differ: no edited page uses one no page used, and each one an edited page no
    /// longer uses is still used by another page (only then are the other pages read).
    static func sameMathCharacters(_ before: [PageParts], _ after: [PageParts], edited: Set<Int>) -> Bool {
        var was = Set<UInt32>(), now = Set<UInt32>()
        for k in edited {
            was.formUnion(before[k].mathCharacters)
            now.formUnion(after[k].mathCharacters)
        }
        let dropped = was.subtracting(now)
        var added = now.subtracting(was)
        guard !added.isEmpty || !dropped.isEmpty else { return true }
        var stillUsed = Set<UInt32>()
        for (k, part) in before.enumerated() where !edited.contains(k) {
            for c in part.mathCharacters where dropped.contains(c) || added.contains(c) { stillUsed.insert(c) }
        }
        added.subtract(stillUsed)
        return added.isEmpty && dropped.isSubset(of: stillUsed)
    }

    /// The math font cut to the characters of the chapters' formulas (read from the structured
    /// pages, `Formula.mathFontCharacters`), and its path in the site; nil (with a warning) when
    /// there is no font or it cannot be cut.
    private func webFont(parts: [PageParts], warnings: inout [SiteWarning]) -> (path: String, data: Data)? {
        guard let mathFont else {
            warnings.append(SiteWarning(code: "math-font-missing", message:
                "Latin Modern Math not found (install the Debian package fonts-lmodern); "
                + "formulas will use the browser's default math font"))
            return nil
        }
        var characters = Set<Unicode.Scalar>()
        for part in parts { characters.formUnion(part.mathCharacters.compactMap(Unicode.Scalar.init)) }
        do {
            let data = try mathFont.webFont(characters: characters, store: fontStore)
            return (MathFont.sitePath(for: data), data)
        } catch {
            warnings.append(SiteWarning(code: "math-font-unreadable", message:
                "cannot make the math font from \(mathFont.fontFile.path) (\(error)); "
                + "formulas will use the browser's default math font"))
            return nil
        }
    }

    private func renderTemplate(_ name: String, _ context: [String: Any]) throws -> String {
        guard let html = theme.library.render(context, withTemplate: name) else {
            throw SiteError.templateMissing(name: name)
        }
        return html
    }

    static func validateFileNames(_ pages: [PageContent]) throws {
        var seen: Set<String> = []
        let allowed = CharacterSet(charactersIn:
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        for page in pages {
            let name = page.fileName
            guard name.hasSuffix(".html"), name.count > 5, !name.hasPrefix("."),
                  name.unicodeScalars.allSatisfy(allowed.contains) else {
                throw SiteError.invalidPageFileName(fileName: name,
                    reason: "must be a plain file name of letters, digits, '-', '_' or '.' ending in .html")
            }
            guard name != "index.html" else {
                throw SiteError.invalidPageFileName(fileName: name, reason: "index.html is the course outline")
            }
            guard name != PrintableEdition.fileName else {
                throw SiteError.invalidPageFileName(fileName: name,
                                                    reason: "\(name) is the printable edition of the whole course")
            }
            guard seen.insert(name).inserted else {
                throw SiteError.invalidPageFileName(fileName: name, reason: "two pages share this file name")
            }
        }
    }
}
