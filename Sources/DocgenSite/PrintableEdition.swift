/// The printable edition: the whole course on one page (`print.html`), a second rendering of the
/// same structured chapters the site's pages come from (never their HTML pasted together).
///
/// Chapters come in reading order, each opening on a new printed page under its number and
/// title; figures and tables keep the numbers they have on the site; every cross-reference and
/// every link between chapters points inside the page (see `Anchors`); figures are shown in
/// their light variant only. A table of contents links to every chapter and its sections.
///
/// Keys `printable.mustache` sees, besides `site` and `assets`:
/// - `chapters`: `[{id, number, hasNumber, title, headingID, body, sections: [{text, href}], hasSections}]`
///   (`id` the chapter's anchor, its file name without `.html`; `headingID` the `<h1>`'s id)
/// - `pdf` (present only when the build writes one): `{href}`
struct PrintableEdition {
    /// The page's file name, relative to the site root; no chapter may take it.
    static let fileName = "print.html"

    /// The chapters as the template shows them: each page's printable chapter (`PageParts.printable`) with `bodies`.
    static func chapters(_ parts: [PageParts], bodies: [String]) -> [[String: Any]] {
        zip(parts, bodies).map { part, body -> [String: Any] in
            let sections = part.printable.sections.map { ["text": $0.text, "href": $0.href] }
            return [
                "id": part.printable.id,
                "number": part.number.map(String.init) ?? "",
                "hasNumber": part.number != nil,
                "title": part.title,
                "headingID": part.printable.headingID,
                "body": body,
                "sections": sections,
                "hasSections": !sections.isEmpty,
            ]
        }
    }

    /// `page` as a chapter of the printable edition, and its body; `chapterFileNames` are every page's, in reading order.
    static func chapter(_ page: PageContent, outline: PageOutline, chapterFileNames: [String]) -> (PrintableChapter, String) {
        let anchors = Anchors.printable(chapter: page.fileName, chapterFileNames: chapterFileNames)
        let chapter = PrintableChapter(
            id: Anchors.chapterID(fileName: page.fileName),
            headingID: anchors.id(page.page.title?.id ?? ""),
            sections: outline.toc.filter { $0.level == 2 }.map { entry in
                PrintableChapter.SectionLink(text: entry.text, href: "#" + anchors.id(entry.anchor))
            })
        return (chapter, ChapterHTML.body(of: page.page, anchors: anchors))
    }
}
