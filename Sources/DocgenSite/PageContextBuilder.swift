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
    /// Every page's parts, in reading order.
    let parts: [PageParts]
    /// The PDF of the printable edition, relative to the site root, when the build writes one.
    var pdfFileName: String? = nil
    /// The math font, relative to the site root, when the site ships one.
    var mathFontPath: String? = nil

    func outlineContext() -> [String: Any] {
        var context = common(currentIndex: nil)
        context["isOutline"] = true
        if let first = parts.first { context["next"] = link(first) }
        context["printable"] = ["href": PrintableEdition.fileName]
        if let pdfFileName { context["pdf"] = ["href": pdfFileName] }
        return context
    }

    /// The printable edition's context, with each chapter's body (in `parts` order).
    func printableContext(bodies: [String]) -> [String: Any] {
        var context = common(currentIndex: nil)
        context["chapters"] = PrintableEdition.chapters(parts, bodies: bodies)
        if let pdfFileName { context["pdf"] = ["href": pdfFileName] }
        return context
    }

    /// The context of the page at `index`, which is `page` (its parts are `parts[index]`).
    func pageContext(at index: Int, page: PageContent) -> [String: Any] {
        let part = parts[index]
        var context = common(currentIndex: index)
        let toc = part.toc.map { entry -> [String: Any] in
            ["text": entry.text, "anchor": entry.anchor, "level": entry.level, "isNested": entry.level > 2]
        }
        let titleID = page.page.title?.id
        context["page"] = [
            "title": part.title,
            "titleID": titleID ?? "",
            "hasTitleID": titleID != nil,
            "number": part.number.map(String.init) ?? "",
            "hasNumber": part.number != nil,
            "body": ChapterHTML.body(of: page.page),
            "toc": toc,
            "hasToc": !toc.isEmpty,
        ] as [String: Any]
        if index > 0 { context["previous"] = link(parts[index - 1]) }
        if index + 1 < parts.count { context["next"] = link(parts[index + 1]) }
        return context
    }

    private func common(currentIndex: Int?) -> [String: Any] {
        let chapters = parts.enumerated().map { position, part -> [String: Any] in
            let sections = part.toc.filter { $0.level == 2 }.map { entry -> [String: Any] in
                ["text": entry.text, "href": "\(part.fileName)#\(entry.anchor)"]
            }
            return link(part).merging([
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

    private func link(_ part: PageParts) -> [String: Any] {
        [
            "href": part.fileName,
            "title": part.title,
            "number": part.number.map(String.init) ?? "",
            "hasNumber": part.number != nil,
        ]
    }
}
