/// How a chapter's HTML writes its ids and the targets of its links.
///
/// On the chapter's own page ids are written as the page has them and links as the resolver
/// gave them (`#fig-path`, `04-lasso.html#fig-path`). In the printable edition every chapter
/// shares one page, so each id gets its chapter's prefix (`04-lasso/fig-path`) and links to
/// chapters of the course become links inside that page (`#04-lasso/fig-path`). File names
/// of chapters hold no `/`, so prefixed ids of two chapters never meet.
struct Anchors: Sendable {
    /// Prepended to every id: "" on a chapter's own page, `stem/` in the printable edition.
    let idPrefix: String
    /// Chapter file name → the id of that chapter in the printable edition (its file name
    /// without `.html`); empty on a chapter's own page, where links are left alone.
    let chapters: [String: String]

    /// Ids and links exactly as the chapter's own page has them.
    static let page = Anchors(idPrefix: "", chapters: [:])

    /// The printable edition's anchors for the chapter in `fileName`; `chapterFileNames` are
    /// every chapter of the course, whose links become links inside the edition.
    static func printable(chapter fileName: String, chapterFileNames: [String]) -> Anchors {
        var chapters: [String: String] = [:]
        for name in chapterFileNames { chapters[name] = chapterID(fileName: name) }
        return Anchors(idPrefix: chapterID(fileName: fileName) + "/", chapters: chapters)
    }

    /// The id of a whole chapter in the printable edition: its file name without `.html`.
    static func chapterID(fileName: String) -> String {
        fileName.hasSuffix(".html") ? String(fileName.dropLast(".html".count)) : fileName
    }

    /// The id to write for an id of the chapter.
    func id(_ id: String) -> String { idPrefix + id }

    /// The target to write for a link target the resolver gave: unchanged on a chapter's own
    /// page and for anything that is not a chapter of the course (data, figures, other sites);
    /// in the printable edition `#x` → `#stem/x`, `04-lasso.html` → `#04-lasso`,
    /// `04-lasso.html#x` → `#04-lasso/x`.
    func target(_ href: String) -> String {
        guard !chapters.isEmpty else { return href }
        if href.hasPrefix("#") { return "#" + idPrefix + href.dropFirst() }
        let (file, fragment): (Substring, Substring?)
        if let hash = href.firstIndex(of: "#") {
            (file, fragment) = (href[..<hash], href[href.index(after: hash)...])
        } else {
            (file, fragment) = (href[...], nil)
        }
        guard let chapter = chapters[String(file)] else { return href }
        guard let fragment, !fragment.isEmpty else { return "#" + chapter }
        return "#" + chapter + "/" + fragment
    }

    /// True in the printable edition.
    var isPrintable: Bool { !chapters.isEmpty }
}
