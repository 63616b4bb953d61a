/// Finds cross-references `@fig-x`, `@tbl-x`, `@eq-x`, `@sec-x` in plain text.
///
/// The `@` must start the text or follow a character that is not a letter, digit, `.`, `_`
/// or `-` (so `ann@fig-corp.org` is left alone). The label continues with letters, digits,
/// `-`, `_`, and `.`/`:` when another label character follows (so a sentence's final period is
/// not part of the label). Labels need at least one character after the prefix.
enum CrossReferenceScanner {
    enum Segment: Equatable {
        case text(String)
        /// The label without `@`, e.g. "fig-path".
        case reference(String)
    }

    static let prefixes = ["fig-", "tbl-", "eq-", "sec-"]

    static func split(_ text: String) -> [Segment] {
        guard text.contains("@") else { return [.text(text)] }
        let s = Array(text.unicodeScalars)
        var segments: [Segment] = []
        var current = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "@", i == 0 || !isWordLike(s[i - 1]), let end = labelEnd(s, from: i + 1) {
                if !current.isEmpty { segments.append(.text(String(current))); current = .init() }
                var label = String.UnicodeScalarView()
                label.append(contentsOf: s[(i + 1)..<end])
                segments.append(.reference(String(label)))
                i = end
                continue
            }
            current.append(s[i])
            i += 1
        }
        if !current.isEmpty { segments.append(.text(String(current))) }
        return segments
    }

    private static func isLabelChar(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_"
    }

    private static func isWordLike(_ c: Unicode.Scalar) -> Bool {
        isLabelChar(c) || c == "."
    }

    /// The index after the label starting at `from`, or nil when no known prefix starts there.
    private static func labelEnd(_ s: [Unicode.Scalar], from: Int) -> Int? {
        guard let prefix = prefixes.first(where: { p in
            let p = Array(p.unicodeScalars)
            return from + p.count <= s.count && Array(s[from..<(from + p.count)]) == p
        }) else { return nil }
        var j = from + prefix.unicodeScalars.count
        let bodyStart = j
        while j < s.count {
            if isLabelChar(s[j]) { j += 1; continue }
            if (s[j] == "." || s[j] == ":") && j + 1 < s.count && isLabelChar(s[j + 1]) { j += 1; continue }
            break
        }
        return j > bodyStart ? j : nil
    }
}

/// The `{name}` that makes a following code span a role.
enum RoleSyntax {
    /// The role name when `text` ends with `{name}` (letters, digits, `-`, `_`, `.`), else nil.
    static func trailingRoleName(_ text: String) -> String? {
        let s = Array(text.unicodeScalars)
        guard s.last == "}" else { return nil }
        var j = s.count - 2
        while j >= 0, s[j] != "{" {
            let c = s[j]
            guard ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
                    || c == "-" || c == "_" || c == "." else { return nil }
            j -= 1
        }
        guard j >= 0, j < s.count - 2 else { return nil }
        var name = String.UnicodeScalarView()
        name.append(contentsOf: s[(j + 1)..<(s.count - 1)])
        return String(name)
    }

    /// Names of every `{name}` in `text` directly followed by a backtick (inside one text node, where the backticks
    /// formed no code span).
    static func rolesBeforeBackticks(_ text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        var names: [String] = []
        for i in s.indices where s[i] == "`" && i >= 3 && s[i - 1] == "}" {
            // Back over the name only (bounded by it), so a long line costs one pass.
            var j = i - 2
            while j >= 0, isNameScalar(s[j]) { j -= 1 }
            guard j >= 0, s[j] == "{", j < i - 2 else { continue }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: s[(j + 1)..<(i - 1)])
            names.append(String(name))
        }
        return names
    }

    private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_" || c == "."
    }
}
