import Foundation

/// Builds the values the Mustache templates see. Strings are left raw: the templates' `{{…}}`
/// escapes them for HTML; only `page.body` is trusted HTML and must be written with `{{{…}}}`.
///
/// Keys available to `page.mustache` and `index.mustache`:
/// - `site.title`, `site.author`, `site.language`, `site.hasAuthor`
/// - `assets`: relative prefix of the assets folder (`assets/`)
/// - `chapters`: `[{href, title, number, hasNumber, isCurrent, sections: [{text, href}], hasSections}]`
/// - `isOutline` (index page only) / `page` (chapter pages only):
///   `{title, titleID, hasTitleID, number, hasNumber, body, toc: [{text, anchor, level, isNested}], hasToc}`
///   (`titleID` is the `id` of the `<h1>` removed from the start of the body, for links to the chapter top)
/// - `previous`, `next` (present only when there is one): `{href, title, number, hasNumber}`
struct PageContextBuilder {
    let configuration: SiteConfiguration
    let pages: [PageContent]

    /// Headings of level 2 to this level appear in the page's contents; deeper ones only in search.
    /// A level-1 entry (the chapter title, if a caller passes it) is left out: the title heads the page.
    static let deepestTOCLevel = 3

    func outlineContext() -> [String: Any] {
        var context = common(currentIndex: nil)
        context["isOutline"] = true
        if let first = pages.first { context["next"] = link(first) }
        return context
    }

    func pageContext(at index: Int) -> [String: Any] {
        let page = pages[index]
        var context = common(currentIndex: index)
        let toc = page.toc.filter { (2...Self.deepestTOCLevel).contains($0.level) }.map { entry -> [String: Any] in
            ["text": entry.text, "anchor": entry.anchor, "level": entry.level, "isNested": entry.level > 2]
        }
        let (titleID, body) = HeadingScanner.removingLeadingTitle(from: page.bodyHTML)
        context["page"] = [
            "title": page.title,
            "titleID": titleID.map(HTMLText.decodeEntities) ?? "",
            "hasTitleID": titleID != nil,
            "number": page.number.map(String.init) ?? "",
            "hasNumber": page.number != nil,
            "body": HeadingScanner.addingAnchorLinks(to: body),
            "toc": toc,
            "hasToc": !toc.isEmpty,
        ] as [String: Any]
        if index > 0 { context["previous"] = link(pages[index - 1]) }
        if index + 1 < pages.count { context["next"] = link(pages[index + 1]) }
        return context
    }

    private func common(currentIndex: Int?) -> [String: Any] {
        let chapters = pages.enumerated().map { position, page -> [String: Any] in
            let sections = page.toc.filter { $0.level == 2 }.map { entry -> [String: Any] in
                ["text": entry.text, "href": "\(page.fileName)#\(entry.anchor)"]
            }
            return link(page).merging([
                "isCurrent": position == currentIndex,
                "sections": sections,
                "hasSections": !sections.isEmpty,
            ]) { _, new in new }
        }
        return [
            "site": [
                "title": configuration.title,
                "author": configuration.author,
                "language": configuration.language,
                "hasAuthor": !configuration.author.isEmpty,
            ] as [String: Any],
            "assets": SiteRenderer.assetsFolder + "/",
            "chapters": chapters,
            "isOutline": false,
        ]
    }

    private func link(_ page: PageContent) -> [String: Any] {
        [
            "href": page.fileName,
            "title": page.title,
            "number": page.number.map(String.init) ?? "",
            "hasNumber": page.number != nil,
        ]
    }
}
