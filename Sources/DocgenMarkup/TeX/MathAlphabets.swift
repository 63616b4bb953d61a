/// Font commands (`\mathbf`, `\mathbb`, `\mathcal`, …) mapped onto Unicode's Mathematical
/// Alphanumeric Symbols, because MathML Core browsers honour only `mathvariant="normal"`.
enum MathAlphabet: String {
    case bold, italic, boldItalic, script, doubleStruck, fraktur, sansSerif, monospace

    static let commands: [String: MathAlphabet] = [
        "mathbf": .bold, "mathit": .italic, "boldsymbol": .boldItalic, "bm": .boldItalic,
        "mathcal": .script, "mathscr": .script, "mathbb": .doubleStruck, "mathfrak": .fraktur,
        "mathsf": .sansSerif, "mathtt": .monospace,
    ]

    private var upperBase: UInt32 {
        switch self {
        case .bold: 0x1D400
        case .italic: 0x1D434
        case .boldItalic: 0x1D468
        case .script: 0x1D49C
        case .fraktur: 0x1D504
        case .doubleStruck: 0x1D538
        case .sansSerif: 0x1D5A0
        case .monospace: 0x1D670
        }
    }

    private var digitBase: UInt32? {
        switch self {
        case .bold: 0x1D7CE
        case .doubleStruck: 0x1D7D8
        case .sansSerif: 0x1D7E2
        case .monospace: 0x1D7F6
        default: nil
        }
    }

    /// Letters that live outside the contiguous blocks (earlier Letterlike Symbols).
    private var holes: [Unicode.Scalar: UInt32] {
        switch self {
        case .italic: ["h": 0x210E]
        case .script: ["B": 0x212C, "E": 0x2130, "F": 0x2131, "H": 0x210B, "I": 0x2110, "L": 0x2112,
                       "M": 0x2133, "R": 0x211B, "e": 0x212F, "g": 0x210A, "o": 0x2134]
        case .fraktur: ["C": 0x212D, "H": 0x210C, "I": 0x2111, "R": 0x211C, "Z": 0x2128]
        case .doubleStruck: ["C": 0x2102, "H": 0x210D, "N": 0x2115, "P": 0x2119, "Q": 0x211A,
                             "R": 0x211D, "Z": 0x2124]
        default: [:]
        }
    }

    /// Bases of the Greek capital (Α…Ω) and small (α…ω) blocks, for the styles that have them.
    private var greekBases: (capital: UInt32, small: UInt32)? {
        switch self {
        case .bold: (0x1D6A8, 0x1D6C2)
        case .italic: (0x1D6E2, 0x1D6FC)
        case .boldItalic: (0x1D71C, 0x1D736)
        default: nil
        }
    }

    /// Symbols that follow the small Greek letters in each block, in Unicode's order.
    private static let greekTail: [Unicode.Scalar] = ["∂", "ϵ", "ϑ", "ϰ", "ϕ", "ϱ", "ϖ"]

    /// The styled form of an ASCII letter or digit (or, for bold and italic styles, a Greek
    /// letter), or nil when Unicode has none.
    func map(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        if let hole = holes[c] { return Unicode.Scalar(hole) }
        let v = c.value
        if let (capital, small) = greekBases {
            if (0x391...0x3A9).contains(v), v != 0x3A2 { return Unicode.Scalar(capital + v - 0x391) }
            if (0x3B1...0x3C9).contains(v) { return Unicode.Scalar(small + v - 0x3B1) }
            if let k = Self.greekTail.firstIndex(of: c) { return Unicode.Scalar(small + 25 + UInt32(k)) }
            if c == "∇" { return Unicode.Scalar(capital + 25) }
        }
        if (0x41...0x5A).contains(v) { return Unicode.Scalar(upperBase + v - 0x41) }
        if (0x61...0x7A).contains(v) { return Unicode.Scalar(upperBase + 26 + v - 0x61) }
        if (0x30...0x39).contains(v), let base = digitBase { return Unicode.Scalar(base + v - 0x30) }
        return nil
    }
}
