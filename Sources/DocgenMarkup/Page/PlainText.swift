/// Plain text of page content, for search and for places that take no markup (alt text, the
/// table of contents). Math reads as text (`Formula.plainText`), never as TeX source.
extension Array where Element == Inline {
    /// The text a reader sees, without markup: code spans and link text included, a line break
    /// read as a space, a cross-reference or role as its text; raw HTML, images and footnote
    /// references contribute nothing. Not trimmed or collapsed.
    public var plainText: String {
        var out = ""
        for inline in self { inline.appendPlainText(to: &out) }
        return out
    }
}

extension Inline {
    func appendPlainText(to out: inout String) {
        switch self {
        case .text(let s), .code(let s): out += s
        case .emphasis(let children), .strong(let children), .strikethrough(let children):
            for child in children { child.appendPlainText(to: &out) }
        case .link(let link): for child in link.content { child.appendPlainText(to: &out) }
        case .math(let formula): out += formula.plainText
        case .crossReference(let reference): out += reference.text
        case .softBreak, .lineBreak: out += " "
        case .role(let role): for child in role.content { child.appendPlainText(to: &out) }
        case .image, .html, .footnoteReference: break
        }
    }
}

extension Block {
    /// The block's text for search: inline text, code as written, a display formula as text with
    /// its number "(2.1)", a callout's title before its content, a figure or numbered table as
    /// "Figure 3.2 caption…" / "Table 1.1 caption headings cells…", table cells apart by spaces.
    /// Raw HTML and thematic breaks contribute nothing. Pieces are joined by single spaces; runs of
    /// whitespace are not collapsed.
    public var plainText: String {
        var pieces: [String] = []
        appendPlainText(to: &pieces)
        return pieces.filter { !$0.isEmpty }.joined(separator: " ")
    }

    func appendPlainText(to pieces: inout [String]) {
        switch self {
        case .paragraph(let inlines): pieces.append(inlines.plainText)
        case .heading(let heading): pieces.append(heading.plainText)
        case .list(let list):
            for item in list.items { for block in item.blocks { block.appendPlainText(to: &pieces) } }
        case .blockQuote(let blocks):
            for block in blocks { block.appendPlainText(to: &pieces) }
        case .callout(let callout):
            pieces.append(callout.title?.plainText ?? callout.kind.defaultTitle)
            for block in callout.blocks { block.appendPlainText(to: &pieces) }
        case .code(let code): pieces.append(code.code)
        case .math(let math):
            pieces.append(math.formula.plainText)
            if let number = math.number { pieces.append("(\(number))") }
        case .table(let table):
            for cell in table.header { pieces.append(cell.plainText) }
            for row in table.rows { for cell in row { pieces.append(cell.plainText) } }
        case .figure(let figure):
            pieces.append("Figure \(figure.number)")
            pieces.append(figure.caption.plainText)
        case .numberedTable(let table):
            pieces.append("Table \(table.number)")
            pieces.append(table.caption.plainText)
            for cell in table.header { pieces.append(cell.plainText) }
            for row in table.rows { for cell in row { pieces.append(cell.plainText) } }
        case .thematicBreak, .html: break
        }
    }
}

/// Cuts a page into `PageSection`s at every heading, descending into lists, quotes and callouts.
struct SectionCutter {
    private var sections: [PageSection] = []
    private var heading: PageHeading?
    private var pieces: [String] = []

    mutating func add(_ block: Block) {
        switch block {
        case .heading(let next):
            close()
            heading = next
        case .list(let list):
            for item in list.items { for block in item.blocks { add(block) } }
        case .blockQuote(let blocks):
            for block in blocks { add(block) }
        case .callout(let callout):
            pieces.append(callout.title?.plainText ?? callout.kind.defaultTitle)
            for block in callout.blocks { add(block) }
        default:
            block.appendPlainText(to: &pieces)
        }
    }

    mutating func add(_ footnote: Footnote) {
        for block in footnote.blocks { add(block) }
    }

    mutating func finish() -> [PageSection] {
        close()
        return sections
    }

    private mutating func close() {
        sections.append(PageSection(heading: heading, text: WhitespaceCollapsing.collapse(pieces.joined(separator: " "))))
        pieces = []
    }
}

/// Runs of whitespace (Unicode's, no-break spaces included) become one space; the ends are trimmed.
enum WhitespaceCollapsing {
    /// Whitespace is judged per `Character`. Text without grapheme-joining scalars (combining marks,
    /// format characters) has one character per scalar, so it is processed scalar by scalar, which
    /// gives the same result several times faster.
    static func collapse(_ text: String) -> String {
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
