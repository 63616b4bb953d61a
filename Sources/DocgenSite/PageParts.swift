import DocgenMarkup
import Foundation

/// What the site needs of one chapter page besides the page itself: the link other pages show to it, its sections
/// (the sidebar of every page), its chapter's heading and sections in the printable edition, the characters its
/// formulas take from the math font, and where its entry of the search index and its body in the printable edition
/// lie in those files.
///
/// `SiteRenderer.render` makes the parts of every page and returns them; a build keeps them, so that after an edit
/// which leaves the course-wide parts as they were, `SiteRenderer.renderEdited` rewrites the edited pages, and splices
/// their new search entries and printable bodies into the published search index and printable edition, without the
/// other pages' content.
public struct PageParts: Sendable, Equatable {
    public var fileName: String
    public var number: Int?
    public var title: String
    /// The table of contents: headings of levels 2 to `PageOutline.deepestTOCLevel`.
    var toc: [TOCEntry]
    /// The page's chapter of the printable edition but its body: its anchor, its heading's id and its sections' links.
    var printable: PrintableChapter
    /// Every scalar the page's formulas show in the math font, ascending.
    var mathCharacters: [UInt32]
    /// The bytes of the search index script (`SiteRenderer.searchIndexPath`) that are this page's entry.
    var searchRange: Range<Int> = 0..<0
    /// The bytes of the printable edition that are this page's body; nil when the theme's printable template does not
    /// show each chapter's body once, as it is (the edition must then be rendered whole).
    var printableRange: Range<Int>? = nil

    /// Whether another page shows something different of this page than of `other`: its link (file name, number,
    /// title) or its sections; or the printable edition, around its body.
    func showsElsewhereAs(_ other: PageParts) -> Bool {
        fileName == other.fileName && number == other.number && title == other.title && toc == other.toc
            && printable == other.printable
    }
}

/// A page as the site's course-wide files show it: its parts, its entry of the search index and its body in the
/// printable edition.
struct PageRendering {
    var parts: PageParts
    /// The page's entry of the search index, as the script writes it (`SearchIndex.entry`).
    var searchEntry: String
    /// The page's body in the printable edition, its anchors and links rewritten to point inside it.
    var printableBody: String

    /// `chapterFileNames` are every page's file name in reading order (the printable edition's links between chapters
    /// point inside it).
    init(_ page: PageContent, chapterFileNames: [String]) {
        let outline = PageOutline(page)
        let (printable, body) = PrintableEdition.chapter(page, outline: outline, chapterFileNames: chapterFileNames)
        var characters = Set<UInt32>()
        for formula in page.page.formulas { characters.formUnion(formula.mathFontCharacters.map(\.value)) }
        parts = PageParts(fileName: page.fileName, number: page.number, title: page.title, toc: outline.toc,
                          printable: printable, mathCharacters: characters.sorted())
        searchEntry = SearchIndex.entry(SearchIndex.Page(href: page.fileName, number: page.number, title: page.title,
                                                         sections: outline.searchSections))
        printableBody = body
    }
}

/// One chapter of the printable edition, but its body.
struct PrintableChapter: Sendable, Equatable {
    /// The chapter's anchor in the printable edition: its file name without `.html`.
    var id: String
    /// The `id` of the chapter's `<h1>`.
    var headingID: String
    /// Its level-2 sections: text and link.
    var sections: [SectionLink]

    struct SectionLink: Sendable, Equatable {
        var text: String
        var href: String
    }
}

/// The printable edition with each chapter's body in place of its marker.
enum Splice {
    /// `skeleton` with each of `markers`, in order, replaced by the body of the same index, and where each body lies;
    /// nil unless every marker is found, in order.
    static func filling(_ skeleton: String, markers: [String], bodies: [String]) -> (Data, [Range<Int>])? {
        let bytes = Data(skeleton.utf8)
        var ranges: [Range<Int>] = []
        var from = bytes.startIndex
        for marker in markers {
            guard let found = bytes.range(of: Data(marker.utf8), in: from..<bytes.endIndex) else { return nil }
            ranges.append(found)
            from = found.upperBound
        }
        let replacements = Dictionary(uniqueKeysWithValues: bodies.enumerated().map { ($0.offset, Data($0.element.utf8)) })
        guard let (splice, moved) = SplicedFile.replacing(parts: ranges, of: bytes.count, replacements),
              let filled = splice.applied(to: bytes) else { return nil }
        return (filled, moved)
    }
}

extension PageParts {
    /// The parts as a flat list of strings, for a compact store (`init?(flattened:)` reads it back).
    public var flattened: [String] {
        func range(_ r: Range<Int>?) -> String { r.map { "\($0.lowerBound),\($0.upperBound)" } ?? "" }
        var out = [fileName, number.map(String.init) ?? "", title, printable.id, printable.headingID,
                   String(String.UnicodeScalarView(mathCharacters.compactMap(Unicode.Scalar.init))),
                   range(searchRange), range(printableRange),
                   String(toc.count)]
        for entry in toc { out += [String(entry.level), entry.text, entry.anchor] }
        out.append(String(printable.sections.count))
        for section in printable.sections { out += [section.text, section.href] }
        return out
    }

    /// The parts `flattened` gave; nil for a list it cannot have given.
    public init?(flattened fields: [String]) {
        var rest = fields[...]
        func next() -> String? { rest.popFirst() }
        func count() -> Int? { next().flatMap(Int.init).flatMap { $0 >= 0 && $0 <= rest.count ? $0 : nil } }
        func range(_ text: String) -> Range<Int>? {
            let bounds = text.split(separator: ",").compactMap { Int($0) }
            guard bounds.count == 2, bounds[0] >= 0, bounds[0] <= bounds[1] else { return nil }
            return bounds[0]..<bounds[1]
        }
        guard let fileName = next(), let number = next(), let title = next(), let id = next(), let headingID = next(),
              let characters = next(), let search = next().flatMap(range), let printable = next() else { return nil }
        self.fileName = fileName
        if number.isEmpty { self.number = nil } else if let n = Int(number) { self.number = n } else { return nil }
        self.title = title
        searchRange = search
        if printable.isEmpty { printableRange = nil } else if let r = range(printable) { printableRange = r } else { return nil }
        mathCharacters = characters.unicodeScalars.map(\.value)
        guard let tocCount = count() else { return nil }
        toc = []
        for _ in 0..<tocCount {
            guard let level = next().flatMap(Int.init), let text = next(), let anchor = next() else { return nil }
            toc.append(TOCEntry(level: level, text: text, anchor: anchor))
        }
        guard let sectionCount = count() else { return nil }
        var sections: [PrintableChapter.SectionLink] = []
        for _ in 0..<sectionCount {
            guard let text = next(), let href = next() else { return nil }
            sections.append(PrintableChapter.SectionLink(text: text, href: href))
        }
        guard rest.isEmpty else { return nil }
        self.printable = PrintableChapter(id: id, headingID: headingID, sections: sections)
    }
}
