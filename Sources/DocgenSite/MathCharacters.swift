/// The characters a browser draws with the math font for the formulas of some HTML: what the
/// site's math font must hold.
///
/// Read from the MathML itself, so it covers exactly what is shipped:
/// - the text of every token element (`mi`, `mn`, `mo`, `mtext`, `ms`), entities decoded; the TeX
///   of `<annotation>` is never shown and is skipped;
/// - for an `<mi>` of one character without `mathvariant`, also its mathematical italic form
///   (MathML Core draws `<mi>x</mi>` as U+1D465 𝑥);
/// - U+221A √ for every `<msqrt>` and `<mroot>`, whose radical sign the browser draws itself.
/// Stretched operators and script-size forms are glyphs the font reaches from these characters
/// (its MATH and GSUB tables), which the subsetter keeps.
enum MathCharacters {
    static func used(in html: String) -> Set<Unicode.Scalar> {
        // Scalars, not Characters: a combining accent right after `>` (`<mo>&#x302;</mo>` written
        // as the character) would otherwise fuse with the bracket into one grapheme.
        let scalars = Array(html.unicodeScalars)
        var found = Set<Unicode.Scalar>()
        var index = 0
        while let start = find("<math", in: scalars, from: index) {
            guard let end = find("</math>", in: scalars, from: start) else { break }
            scan(scalars[start..<end + "</math>".count], into: &found)
            index = end + "</math>".count
        }
        return found
    }

    private static func find(_ needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        guard scalars.count >= pattern.count, start <= scalars.count - pattern.count else { return nil }
        var i = start
        while i <= scalars.count - pattern.count {
            if scalars[i] == pattern[0], Array(scalars[i..<i + pattern.count]) == pattern { return i }
            i += 1
        }
        return nil
    }

    /// One `<math>…</math>` element.
    private static func scan(_ math: ArraySlice<Unicode.Scalar>, into found: inout Set<Unicode.Scalar>) {
        var index = math.startIndex
        var stack: [(name: String, italic: Bool)] = []
        var inAnnotation = 0
        while index < math.endIndex {
            if math[index] == "<" {
                guard let close = math[index...].firstIndex(of: ">") else { return }
                var tag = String(String.UnicodeScalarView(math[math.index(after: index)..<close]))
                let isEnd = tag.hasPrefix("/")
                let selfClosing = tag.hasSuffix("/")
                if isEnd { tag.removeFirst() }
                let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" })
                if name == "annotation" || name == "annotation-xml" {
                    inAnnotation += isEnd ? -1 : (selfClosing ? 0 : 1)
                } else if name == "msqrt" || name == "mroot" {
                    found.insert("\u{221A}")
                }
                if isEnd {
                    if !stack.isEmpty { stack.removeLast() }
                } else if !selfClosing {
                    stack.append((name, name == "mi" && !tag.contains("mathvariant")))
                }
                index = math.index(after: close)
                continue
            }
            let textEnd = math[index...].firstIndex(of: "<") ?? math.endIndex
            if inAnnotation == 0, let top = stack.last, tokens.contains(top.name) {
                let text = decodeEntities(String(String.UnicodeScalarView(math[index..<textEnd])))
                found.formUnion(text.unicodeScalars)
                if top.italic, text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first,
                   let italic = italicForm(scalar) {
                    found.insert(italic)
                }
            }
            index = textEnd
        }
    }

    private static let tokens: Set<String> = ["mi", "mn", "mo", "mtext", "ms"]

    private static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semicolon]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos", "#39": out += "'"
            default:
                let number = entity.hasPrefix("#x") || entity.hasPrefix("#X") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += rest[amp...semicolon] }
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    /// The mathematical italic form MathML Core gives a one-character `<mi>` (its italic mapping).
    static func italicForm(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        let mapped: UInt32?
        switch v {
        case 0x68: mapped = 0x210E                                   // h → ℎ (Planck constant)
        case 0x41...0x5A: mapped = 0x1D434 + (v - 0x41)
        case 0x61...0x7A: mapped = 0x1D44E + (v - 0x61)
        case 0x131: mapped = 0x1D6A4                                 // dotless i
        case 0x237: mapped = 0x1D6A5                                 // dotless j
        case 0x391...0x3A1, 0x3A3...0x3A9: mapped = 0x1D6E2 + (v - 0x391)
        case 0x3F4: mapped = 0x1D6F3                                 // ϴ
        case 0x2207: mapped = 0x1D6FB                                // ∇
        case 0x3B1...0x3C9: mapped = 0x1D6FC + (v - 0x3B1)
        case 0x2202: mapped = 0x1D715                                // ∂
        case 0x3F5: mapped = 0x1D716                                 // ϵ
        case 0x3D1: mapped = 0x1D717                                 // ϑ
        case 0x3F0: mapped = 0x1D718                                 // ϰ
        case 0x3D5: mapped = 0x1D719                                 // ϕ
        case 0x3F1: mapped = 0x1D71A                                 // ϱ
        case 0x3D6: mapped = 0x1D71B                                 // ϖ
        default: mapped = nil
        }
        return mapped.flatMap(Unicode.Scalar.init)
    }
}
