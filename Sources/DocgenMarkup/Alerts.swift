/// GitHub alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` (any letter case) becomes a `Callout`.
/// Text after the marker on the same line replaces the default title: `> [!TIP] Choosing α`.
enum Alerts {
    /// The alert kind and custom title in a block quote's first text, if it is an alert marker.
    /// The title is the raw text after the marker, trimmed (math placeholders still in it).
    static func marker(_ text: String) -> (kind: Callout.Kind, title: String?)? {
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return nil }
        let word = text[text.index(text.startIndex, offsetBy: 2)..<close].lowercased()
        guard let kind = Callout.Kind(rawValue: word) else { return nil }
        let title = String(text[text.index(after: close)...]).trimmingCharacters(in: " \t")
        return (kind, title.isEmpty ? nil : title)
    }
}
