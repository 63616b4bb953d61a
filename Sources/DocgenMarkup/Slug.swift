/// Heading anchors in GitHub's style.
public enum Slug {
    /// The anchor for a heading text: lowercased, letters/digits/`-`/`_` kept (any script,
    /// so "Régularisation α" → "régularisation-α"), each space becomes `-`, everything else is
    /// dropped. Returns "section" when nothing is left. Not unique — see `Slug.Registry`.
    public static func make(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            let p = scalar.properties
            if scalar == " " || scalar == "\t" || scalar == "\n" {
                out += "-"
            } else if scalar == "-" || scalar == "_" || p.isAlphabetic || p.numericType != nil
                        || p.generalCategory == .nonspacingMark {
                out.unicodeScalars.append(scalar)
            }
        }
        let trimmed = out.trimmingCharacters(in: "-")
        return trimmed.isEmpty ? "section" : trimmed
    }

    /// Hands out unique slugs in document order, as GitHub does: the second "Setup" becomes
    /// "setup-1", the third "setup-2". Stable: the same headings in the same order always
    /// give the same slugs.
    public struct Registry: Sendable {
        private var used: Set<String> = []
        private var counts: [String: Int] = [:]

        public init() {}

        /// The next unique slug for `text`; with `verbatim`, `text` is used as the base as is
        /// (for explicit labels such as `sec-setup`).
        public mutating func unique(_ text: String, verbatim: Bool = false) -> String {
            let base = verbatim ? text : Slug.make(text)
            var candidate = base
            var n = counts[base, default: 0]
            while used.contains(candidate) {
                n += 1
                candidate = "\(base)-\(n)"
            }
            counts[base] = n
            used.insert(candidate)
            return candidate
        }
    }
}
