import Foundation

/// Finds the `<h1>`…`<h6>` elements of a trusted body fragment, so the renderer can add anchor links
/// and cut the text into sections for search. It does not parse HTML in general: it relies on the
/// pipeline writing headings as `<hN …>…</hN>` without nested headings.
struct HeadingScanner {
    struct Heading {
        /// 1…6.
        let level: Int
        /// The `id` attribute's raw (still attribute-escaped) value, if any.
        let id: String?
        /// From `<` of the opening tag to just after `>` of the closing tag.
        let range: Range<String.Index>
        /// Where the closing `</hN>` starts.
        let closeStart: String.Index
    }

    /// The headings in document order; at most `limit` of them.
    static func headings(in html: String, limit: Int = .max) -> [Heading] {
        var found: [Heading] = []
        let utf8 = html.utf8
        var searchStart = html.startIndex
        while found.count < limit,
              let open = ASCIISearch.find("<h", in: html, from: searchStart, caseInsensitive: true) {
            searchStart = open.upperBound
            guard open.upperBound < html.endIndex, (0x31...0x36).contains(utf8[open.upperBound]) else { continue }
            let level = Int(utf8[open.upperBound] - 0x30)
            let afterDigit = utf8.index(after: open.upperBound)
            guard afterDigit < html.endIndex,
                  html[afterDigit] == ">" || html[afterDigit].isWhitespace,
                  let tagEnd = utf8[afterDigit...].firstIndex(of: UInt8(ascii: ">")),
                  let close = ASCIISearch.find("</h\(level)>", in: html, from: tagEnd, caseInsensitive: true)
            else { continue }
            let tagInside = html[html.index(after: open.lowerBound)..<tagEnd]
            found.append(Heading(level: level, id: HTMLText.attribute("id", in: tagInside),
                                 range: open.lowerBound..<close.upperBound, closeStart: close.lowerBound))
            searchStart = close.upperBound
        }
        return found
    }

    /// Splits off an `<h1>` that opens the body (only whitespace before it): the chapter title as Markdown
    /// renders it, which the page template shows itself. Returns that heading's raw `id` and the rest.
    static func removingLeadingTitle(from html: String) -> (titleID: String?, body: String) {
        guard let first = headings(in: html, limit: 1).first, first.level == 1,
              html[..<first.range.lowerBound].allSatisfy(\.isWhitespace) else { return (nil, html) }
        return (first.id, String(html[first.range.upperBound...]))
    }

    /// The body with `<a class="anchor" href="#id">` appended inside every heading that has an `id`
    /// and no anchor link of its own yet.
    static func addingAnchorLinks(to html: String) -> String {
        var out = ""
        var cursor = html.startIndex
        for heading in headings(in: html) {
            guard let id = heading.id, !html[heading.range].contains("class=\"anchor\"") else { continue }
            out += html[cursor..<heading.closeStart]
            out += "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\"></a>"
            cursor = heading.closeStart
        }
        out += html[cursor...]
        return out
    }
}
