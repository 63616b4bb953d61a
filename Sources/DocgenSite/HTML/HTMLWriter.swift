/// An HTML output buffer with cmark-gfm's writing conventions, so the rendered chapters are
/// byte for byte what cmark's own renderer wrote before pages were structured: `cr()` starts
/// a new line only when one is needed, text escapes `"` too, link targets are percent-encoded.
///
/// Works on UTF-8 bytes: every character escaped is ASCII.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends markup verbatim.
    mutating func put(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// A line break unless the output is empty or already ends with one (cmark's `cr`).
    mutating func cr() {
        if let last = bytes.last, last != 0x0A { bytes.append(0x0A) }
    }

    /// Drops line breaks at the end.
    mutating func trimTrailingNewlines() {
        while bytes.last == 0x0A { bytes.removeLast() }
    }

    /// Text as cmark escapes it: `&`, `<`, `>` and `"`.
    mutating func text(_ s: String) { escape(s, quote: true, apostrophe: false) }

    /// Text as `HTMLEscape.text` escapes it: `&`, `<` and `>` (for pieces docgen itself wrote
    /// before, such as cross-reference text, which never escaped quotes).
    mutating func plainText(_ s: String) { escape(s, quote: false, apostrophe: false) }

    /// A quoted attribute value as `HTMLEscape.attribute` escapes it: `&`, `<`, `>`, `"`, `'`.
    mutating func attribute(_ s: String) { escape(s, quote: true, apostrophe: true) }

    private mutating func escape(_ s: String, quote: Bool, apostrophe: Bool) {
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "&"): put("&amp;")
            case UInt8(ascii: "<"): put("&lt;")
            case UInt8(ascii: ">"): put("&gt;")
            case UInt8(ascii: "\"") where quote: put("&quot;")
            case UInt8(ascii: "'") where apostrophe: put("&#39;")
            default: bytes.append(byte)
            }
        }
    }

    /// A link target as cmark writes it (houdini's `escape_href`): bytes outside a safe set are
    /// percent-encoded, `&` becomes `&amp;` and `'` becomes `&#x27;`; existing `%XX` stay.
    mutating func href(_ url: String) {
        for byte in url.utf8 {
            if Self.hrefSafe(byte) {
                bytes.append(byte)
            } else if byte == UInt8(ascii: "&") {
                put("&amp;")
            } else if byte == UInt8(ascii: "'") {
                put("&#x27;")
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Letters, digits and `-_.+!*(),%#@?=;:/$~` (reserved characters keep their meaning in URLs).
    private static func hrefSafe(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "-_.+!*(),%#@?=;:/$~".utf8.contains(byte)
        }
    }
}
