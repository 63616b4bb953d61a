import Foundation

/// Reads text back out of trusted HTML (for the search index). Internal on purpose: DocgenMarkup owns
/// the Markdown-to-HTML conversion, and the templates' `{{…}}` does all escaping of site text.
enum HTMLText {
    /// The visible text of an HTML fragment: tags dropped (a tag break becomes a space), the content of
    /// `<script>`, `<style>` and `<annotation…>` dropped, common entities decoded, whitespace collapsed.
    /// A `<math>` element is replaced by its `alttext` attribute, else by the TeX source in its
    /// `<annotation encoding="application/x-tex">`, else dropped.
    static func plainText(fromHTML html: String) -> String {
        var out = ""
        let utf8 = html.utf8
        var index = html.startIndex
        while index < html.endIndex {
            if utf8[index] == UInt8(ascii: "<"), utf8[index...].starts(with: "<!--".utf8) {
                let end = ASCIISearch.find("-->", in: html, from: index)
                index = end?.upperBound ?? html.endIndex
            } else if utf8[index] == UInt8(ascii: "<") {
                guard let close = utf8[index...].firstIndex(of: UInt8(ascii: ">")) else { break }
                let tag = html[utf8.index(after: index)..<close]
                let name = tagName(tag)
                index = utf8.index(after: close)
                if skippedElements.contains(name),
                   let end = ASCIISearch.find("</\(name)", in: html, from: index, caseInsensitive: true) {
                    index = utf8[end.upperBound...].firstIndex(of: UInt8(ascii: ">")).map { utf8.index(after: $0) } ?? html.endIndex
                } else if name == "math",
                          let end = ASCIISearch.find("</math>", in: html, from: index, caseInsensitive: true) {
                    // MathML's token text reads as noise ("min β 1 2 n ‖ y"): index the formula's alttext,
                    // else its TeX annotation, else nothing.
                    let inside = html[index..<end.lowerBound]
                    out += " " + (attribute("alttext", in: tag).map(decodeEntities) ?? texAnnotation(in: inside) ?? "") + " "
                    index = end.upperBound
                } else if !inlineTags.contains(name) {
                    out += " "
                }
            } else {
                // Text up to the next tag, appended in one piece.
                let next = utf8[index...].firstIndex(of: UInt8(ascii: "<")) ?? html.endIndex
                out += html[index..<next]
                index = next
            }
        }
        return collapseWhitespace(decodeEntities(out))
    }

    /// Elements whose content is not text a reader sees.
    private static let skippedElements: Set<String> = ["script", "style", "annotation", "annotation-xml"]

    /// The text of `<annotation encoding="application/x-tex">…</annotation>` inside a `<math>` element.
    private static func texAnnotation(in math: Substring) -> String? {
        guard let open = ASCIISearch.find("<annotation encoding=\"application/x-tex\">", in: math, caseInsensitive: true),
              let close = ASCIISearch.find("</annotation>", in: math.base, from: open.upperBound, to: math.endIndex,
                                           caseInsensitive: true)
        else { return nil }
        return decodeEntities(String(math[open.upperBound..<close.lowerBound]))
    }

    /// Inline elements whose tags do not separate words (`<em>re</em>gression` is one word).
    private static let inlineTags: Set<String> = [
        "a", "abbr", "b", "code", "em", "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
        "sub", "sup", "u", "var", "/a", "/abbr", "/b", "/code", "/em", "/i", "/kbd", "/mark", "/q", "/s",
        "/samp", "/small", "/span", "/strong", "/sub", "/sup", "/u", "/var",
    ]

    /// The lower-cased element name of a tag's inside (`h2 id="x"` → `h2`, `/p` → `/p`).
    static func tagName(_ tag: Substring) -> String {
        var name = ""
        for character in tag {
            if character == "/" && name.isEmpty { name.append(character); continue }
            if character.isWhitespace || character == "/" || character == ">" { break }
            name.append(character)
        }
        return name.lowercased()
    }

    /// The value of a double- or single-quoted attribute inside a tag, if present.
    static func attribute(_ name: String, in tag: Substring) -> String? {
        for quote in ["\"", "'"] {
            if let start = tag.range(of: " \(name)=\(quote)", options: .caseInsensitive),
               let end = tag[start.upperBound...].range(of: quote) {
                return String(tag[start.upperBound..<end.lowerBound])
            }
        }
        return nil
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "–", "mdash": "—", "hellip": "…", "minus": "−", "times": "×",
    ]

    /// Decodes named entities from a small common set and all numeric ones; leaves others untouched.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let afterAmp = rest[rest.index(after: amp)...]
            if let semicolon = afterAmp.prefix(12).firstIndex(of: ";") {
                let name = afterAmp[..<semicolon]
                if let decoded = decodeEntity(name) {
                    out += decoded
                    rest = afterAmp[afterAmp.index(after: semicolon)...]
                    continue
                }
            }
            out += "&"
            rest = afterAmp
        }
        out += rest
        return out
    }

    private static func decodeEntity(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return namedEntities[String(name)]
    }

    /// Runs of whitespace (including no-break spaces) become one space; the ends are trimmed.
    ///
    /// Whitespace is judged per `Character`. Text without grapheme-joining scalars (combining marks,
    /// format characters) has one character per scalar, so it is processed scalar by scalar, which
    /// gives the same result several times faster.
    static func collapseWhitespace(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy(isStandalone) {
            var out = String.UnicodeScalarView()
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                let isWhitespace = scalar.isASCII
                    ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D)
                    : scalar.properties.isWhitespace
                if isWhitespace {
                    pendingSpace = !out.isEmpty
                } else {
                    if pendingSpace { out.append(" ") }
                    pendingSpace = false
                    out.append(scalar)
                }
            }
            return String(out)
        }
        var out = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }

    /// True for a scalar that never joins a neighbour into one `Character` with a whitespace scalar.
    /// (`\r\n` joins, but both halves are whitespace, so it collapses the same either way.)
    private static func isStandalone(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return true }
        let p = scalar.properties
        if p.isGraphemeExtend { return false }
        switch p.generalCategory {
        case .format, .spacingMark, .nonspacingMark, .enclosingMark, .control: return false
        default: return true
        }
    }
}
