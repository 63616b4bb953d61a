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

    let pages: [PageContent]
    /// `outlines[i]` is `PageOutline(pages[i])`.
    let outlines: [PageOutline]

    /// The chapters as the template shows them.
    func chapters() -> [[String: Any]] {
        let fileNames = pages.map(\.fileName)
        return zip(pages, outlines).map { page, outline -> [String: Any] in
            let anchors = Anchors.printable(chapter: page.fileName, chapterFileNames: fileNames)
            let id = Anchors.chapterID(fileName: page.fileName)
            let sections = outline.toc.filter { $0.level == 2 }.map { entry -> [String: Any] in
                ["text": entry.text, "href": "#" + anchors.id(entry.anchor)]
            }
            return [
                "id": id,
                "number": page.number.map(String.init) ?? "",
                "hasNumber": page.number != nil,
                "title": page.title,
                "headingID": anchors.id(page.page.title?.id ?? ""),
                "body": ChapterHTML.body(of: page.page, anchors: anchors),
                "sections": sections,
                "hasSections": !sections.isEmpty,
            ]
        }
    }
}
