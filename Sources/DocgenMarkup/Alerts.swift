/// GitHub alerts: a block quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
/// `[!WARNING]` or `[!CAUTION]` (any letter case) becomes
/// `<div class="callout callout-note"><p class="callout-title">Note</p>…</div>`.
/// Text after the marker on the same line replaces the default title: `> [!TIP] Choosing α`.
enum Alerts {
    static let kinds: [String: String] = [
        "NOTE": "Note", "TIP": "Tip", "IMPORTANT": "Important", "WARNING": "Warning", "CAUTION": "Caution",
    ]

    /// The alert kind and title in a block quote's first text, if it is an alert marker.
    static func marker(_ text: String) -> (kind: String, title: String?, rest: Substring)? {
        guard text.hasPrefix("[!"), let close = text.firstIndex(of: "]") else { return nil }
        let word = text[text.index(text.startIndex, offsetBy: 2)..<close].uppercased()
        guard kinds[word] != nil else { return nil }
        let rest = text[text.index(after: close)...]
        let title = String(rest).trimmingCharacters(in: " \t")
        return (word, title.isEmpty ? nil : title, rest)
    }

    /// Rewrites `quote` if it is an alert. `titleHTML` turns a custom title's raw text into
    /// HTML (escaping it and rendering any math).
    static func rewrite(_ quote: CMarkNode, in tree: CMarkTree, titleHTML: (String) -> String) {
        guard let paragraph = quote.firstChild, paragraph.kind == .paragraph,
              let first = paragraph.firstChild, first.kind == .text,
              let (kind, customTitle, _) = marker(first.literal) else { return }
        // The marker must be alone on its line (apart from a title): the text node ends there.
        if let next = first.next, next.kind != .softBreak && next.kind != .lineBreak { return }
        first.next.map { $0.unlink() }
        first.unlink()
        if paragraph.firstChild == nil { paragraph.unlink() }
        let title = customTitle.map(titleHTML) ?? HTMLEscape.text(kinds[kind] ?? kind)
        let css = kind.lowercased()
        guard let box = tree.makeCustom(
            enter: "<div class=\"callout callout-\(css)\">\n<p class=\"callout-title\">\(title)</p>",
            exit: "</div>", block: true) else { return }
        for child in quote.children { box.appendChild(child) }
        quote.replace(with: box)
    }
}
