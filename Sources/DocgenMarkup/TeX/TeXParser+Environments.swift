/// `\begin{name} … \end{name}` with `&` between cells and `\\` between rows.
extension TeXParser {
    private struct EnvironmentStyle {
        var columnAlign: String?
        var open: String
        var close: String
        var displayStyle: Bool
    }

    private static let environments: [String: EnvironmentStyle] = [
        "matrix": .init(columnAlign: nil, open: "", close: "", displayStyle: false),
        "smallmatrix": .init(columnAlign: nil, open: "", close: "", displayStyle: false),
        "pmatrix": .init(columnAlign: nil, open: "(", close: ")", displayStyle: false),
        "bmatrix": .init(columnAlign: nil, open: "[", close: "]", displayStyle: false),
        "Bmatrix": .init(columnAlign: nil, open: "{", close: "}", displayStyle: false),
        "vmatrix": .init(columnAlign: nil, open: "|", close: "|", displayStyle: false),
        "Vmatrix": .init(columnAlign: nil, open: "‖", close: "‖", displayStyle: false),
        "cases": .init(columnAlign: "left left", open: "{", close: "", displayStyle: false),
        "aligned": .init(columnAlign: "right left", open: "", close: "", displayStyle: true),
        "align": .init(columnAlign: "right left", open: "", close: "", displayStyle: true),
        "align*": .init(columnAlign: "right left", open: "", close: "", displayStyle: true),
        "split": .init(columnAlign: "right left", open: "", close: "", displayStyle: true),
        "gathered": .init(columnAlign: "center", open: "", close: "", displayStyle: true),
        "gather": .init(columnAlign: "center", open: "", close: "", displayStyle: true),
        "gather*": .init(columnAlign: "center", open: "", close: "", displayStyle: true),
        "array": .init(columnAlign: nil, open: "", close: "", displayStyle: false),
    ]

    /// Parses an environment; `\begin` has been consumed.
    mutating func parseEnvironment(_ begin: TeXToken) throws(TeXError) -> MathNode {
        let name = try rawGroup(after: begin, textMode: false)
        guard var style = Self.environments[name] else {
            throw TeXError(offset: begin.offset, message: "unknown TeX environment '\(name)'")
        }
        if name == "array" {
            let spec = try rawGroup(after: begin, textMode: false)
            let aligns = spec.unicodeScalars.compactMap { c -> String? in
                c == "l" ? "left" : c == "c" ? "center" : c == "r" ? "right" : nil
            }
            style.columnAlign = aligns.isEmpty ? nil : aligns.joined(separator: " ")
        }
        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        while true {
            let cell = try parseList()
            cells.append(Self.wrap(cell))
            guard let t = next() else {
                throw TeXError(offset: begin.offset, message: "'\\begin{\(name)}' without a matching '\\end{\(name)}'")
            }
            switch t.kind {
            case .alignment:
                continue
            case .command("\\"):
                skipOptionalRowSpacing()
                rows.append(cells)
                cells = []
            case .command("end"):
                let endName = try rawGroup(after: t, textMode: false)
                guard endName == name else {
                    throw TeXError(offset: t.offset, message: "'\\end{\(endName)}' does not match '\\begin{\(name)}'")
                }
                // A final `\\` leaves one empty cell behind; drop that row.
                if !(cells.count == 1 && cells[0] == .row([])) || rows.isEmpty { rows.append(cells) }
                return .table(rows: rows, columnAlign: style.columnAlign, open: style.open, close: style.close,
                              displayStyle: style.displayStyle)
            default:
                throw unexpected(t)
            }
        }
    }

    /// `\\[4pt]`: the spacing is accepted and ignored.
    private mutating func skipOptionalRowSpacing() {
        let save = position
        skipSpaces()
        guard let t = peek(), t.kind == .character("[") else { position = save; return }
        var j = position + 1
        while j < tokens.count {
            if tokens[j].kind == .character("]") { position = j + 1; return }
            if case .character = tokens[j].kind { j += 1; continue }
            break
        }
        position = save
    }
}
