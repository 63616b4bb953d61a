import DocgenMarkup
import Foundation

/// Builds the values the Mustache templates see. Strings are left raw: the templates' `{{…}}`
/// escapes them for HTML; only `page.body` is trusted HTML and must be written with `{{{…}}}`.
///
/// Keys available to `page.mustache` and `index.mustache`:
/// - `site.title`, `site.author`, `site.language`, `site.hasAuthor`
/// - `assets`: relative prefix of the assets folder (`assets/`)
/// - `mathFont` (present only when the site ships one): `{href}` of the WOFF2 math font, which
///   `head.mustache` declares with `@font-face` (its name changes with its bytes)
/// - `chapters`: `[{href, title, number, hasNumber, isCurrent, sections: [{text, href}], hasSections}]`
/// - `isOutline` (index page only) / `page` (chapter pages only):
///   `{title, titleID, hasTitleID, number, hasNumber, body, toc: [{text, anchor, level, isNested}], hasToc}`
///   (`titleID` is the `id` of the chapter's opening heading, for links to the chapter title)
/// - `previous`, `next` (present only when there is one): `{href, title, number, hasNumber}`
/// - `printable` (index page only): `{href}` of the printable edition; `pdf` (index and printable
///   edition, only when the build writes one): `{href}`
/// The printable edition's own keys are listed in `PrintableEdition`.
struct PageContextBuilder {
    let configuration: SiteConfiguration
    let pages: [PageContent]
    /// `outlines[i]` is `PageOutline(pages[i])`.
    let outlines: [PageOutline]
    /// The PDF of the printable edition, relative to the site root, when the build writes one.
    var pdfFileName: String? = nil
    /// The math font, relative to the site root, when the site ships one.
    var mathFontPath: String? = nil

    func outlineContext() -> [String: Any] {
        var context = common(currentIndex: nil)
        context["isOutline"] = true
        if let first = pages.first { context["next"] = link(first) }
        context["printable"] = ["href": PrintableEdition.fileName]
        if let pdfFileName { context["pdf"] = ["href": pdfFileName] }
        return context
    }

    func printableContext() -> [String: Any] {
        var context = common(currentIndex: nil)
        context["chapters"] = PrintableEdition(pages: pages, outlines: outlines).chapters()
        if let pdfFileName { context["pdf"] = ["href": pdfFileName] }
        return context
    }

    func pageContext(at index: Int) -> [String: Any] {
        let page = pages[index]
        var context = common(currentIndex: index)
        let toc = outlines[index].toc.map { entry -> [String: Any] in
            ["text": entry.text, "anchor": entry.anchor, "level": entry.level, "isNested": entry.level > 2]
        }
        let titleID = page.page.title?.id
        context["page"] = [
            "title": page.title,
            "titleID": titleID ?? "",
            "hasTitleID": titleID != nil,
            "number": page.number.map(String.init) ?? "",
            "hasNumber": page.number != nil,
            "body": ChapterHTML.body(of: page.page),
            "toc": toc,
            "hasToc": !toc.isEmpty,
        ] as [String: Any]
        if index > 0 { context["previous"] = link(pages[index - 1]) }
        if index + 1 < pages.count { context["next"] = link(pages[index + 1]) }
        return context
    }

    private func common(currentIndex: Int?) -> [String: Any] {
        let chapters = pages.enumerated().map { position, page -> [String: Any] in
            let sections = outlines[position].toc.filter { $0.level == 2 }.map { entry -> [String: Any] in
                ["text": entry.text, "href": "\(page.fileName)#\(entry.anchor)"]
            }
            return link(page).merging([
                "isCurrent": position == currentIndex,
                "sections": sections,
                "hasSections": !sections.isEmpty,
            ]) { _, new in new }
        }
        var context: [String: Any] = [
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
        if let mathFontPath { context["mathFont"] = ["href": mathFontPath] }
        return context
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
