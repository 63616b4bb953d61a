import Foundation

/// The client-side search index: for every page, its sections (the text before the first heading,
/// then one per table-of-contents heading) as plain text, math read as text (α, not `\alpha`).
/// Shipped as a script that assigns `window.DOCGEN_SEARCH`, so it loads from `file://` where `fetch`
/// of a JSON file is refused.
enum SearchIndex {
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

    static func sections(of page: PageContent) -> [Section] {
        PageOutline(page).searchSections
    }

    /// The script made of the pages' entries (`entry`), in reading order, and the bytes each entry takes in it.
    static func script(entries: [String]) -> (Data, [Range<Int>]) {
        var out = Data("/* docgen search index (generated; do not edit). */\nwindow.DOCGEN_SEARCH = {\"pages\": [\n".utf8)
        var ranges: [Range<Int>] = []
        for (k, entry) in entries.enumerated() {
            let start = out.count
            out.append(contentsOf: entry.utf8)
            ranges.append(start..<out.count)
            out.append(contentsOf: (k + 1 < entries.count ? ",\n" : "\n").utf8)
        }
        out.append(contentsOf: "]};\n".utf8)
        return (out, ranges)
    }

    /// One page of the index as the script writes it: a JSON object of its link, number, title and sections.
    static func entry(_ page: Page) -> String {
        var out = "{\"href\": \(literal(page.href)), \"number\": \(page.number.map(String.init) ?? "null"), "
        out += "\"title\": \(literal(page.title)), \"sections\": ["
        for (sectionIndex, section) in page.sections.enumerated() {
            out += sectionIndex == 0 ? "\n  " : ",\n  "
            out += "{\"anchor\": \(literal(section.anchor)), \"heading\": \(literal(section.heading)), "
            out += "\"text\": \(literal(section.text))}"
        }
        return out + "]}"
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
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
