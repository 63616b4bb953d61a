import Foundation

/// The client-side search index: for every page, its sections (the text before the first heading,
/// then one per table-of-contents heading) as plain text, math read as text (α, not `\alpha`).
/// Shipped as a script that assigns `window.DOCGEN_SEARCH`, so it loads from `file://` where `fetch`
/// of a JSON file is refused.
struct SearchIndex {
    struct Section: Equatable {
        /// The heading's id, or "" for the text before the first heading (links to the page top).
        var anchor: String
        var heading: String
        var text: String
    }

    struct Page: Equatable {
        var href: String
        var number: Int?
        var title: String
        var sections: [Section]
    }

    var pages: [Page]

    /// `outlines[i]` is `PageOutline(pages[i])`.
    init(pages: [PageContent], outlines: [PageOutline]) {
        self.pages = zip(pages, outlines).map { page, outline in
            Page(href: page.fileName, number: page.number, title: page.title, sections: outline.searchSections)
        }
    }

    static func sections(of page: PageContent) -> [Section] {
        PageOutline(page).searchSections
    }

    /// The index as a JavaScript file. Keys and order are fixed, so equal input gives equal bytes.
    func javaScript() -> String {
        var out = "/* docgen search index (generated; do not edit). */\nwindow.DOCGEN_SEARCH = {\"pages\": [\n"
        for (pageIndex, page) in pages.enumerated() {
            out += "{\"href\": \(Self.literal(page.href)), \"number\": \(page.number.map(String.init) ?? "null"), "
            out += "\"title\": \(Self.literal(page.title)), \"sections\": ["
            for (sectionIndex, section) in page.sections.enumerated() {
                out += sectionIndex == 0 ? "\n  " : ",\n  "
                out += "{\"anchor\": \(Self.literal(section.anchor)), \"heading\": \(Self.literal(section.heading)), "
                out += "\"text\": \(Self.literal(section.text))}"
            }
            out += "]}" + (pageIndex + 1 < pages.count ? ",\n" : "\n")
        }
        out += "]};\n"
        return out
    }

    /// A double-quoted string literal valid as both JSON and JavaScript.
    /// `<` is escaped too, so no text can close a `<script>` element if the index is ever inlined.
    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
