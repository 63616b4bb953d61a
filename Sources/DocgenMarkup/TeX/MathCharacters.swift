/// The characters a browser draws with the math font for a formula: what a site's math font must
/// hold. Read from the formula's tree, following `MathMLWriter` element by element:
/// - the text of every token (`<mi>`, `<mn>`, `<mo>`, `<mtext>` with its spaces made no-break);
/// - for a one-character `<mi>` without `mathvariant="normal"`, also its mathematical italic form
///   (MathML Core draws `<mi>x</mi>` as U+1D465 𝑥);
/// - U+221A √ for a square root or a root, whose radical sign the browser draws itself;
/// - the delimiters around a table.
/// Glyphs the font reaches from these characters (stretched sizes in its MATH table, script-size
/// forms in its GSUB table) are for a font subsetter to keep.
enum MathCharacters {
    static func collect(_ node: MathNode, into found: inout Set<Unicode.Scalar>) {
        switch node {
        case .identifier(let s, let normal):
            found.formUnion(s.unicodeScalars)
            if !normal, s.unicodeScalars.count == 1, let scalar = s.unicodeScalars.first, let italic = italicForm(scalar) {
                found.insert(italic)
            }
        case .number(let s), .op(let s, _), .prefixOp(let s):
            found.formUnion(s.unicodeScalars)
        case .text(let s):
            found.formUnion(s.unicodeScalars.map { $0 == " " ? "\u{00A0}" : $0 })
        case .space:
            break
        case .row(let children):
            for child in children { collect(child, into: &found) }
        case .fraction(let a, let b, _), .stack(let a, let b, _):
            collect(a, into: &found)
            collect(b, into: &found)
        case .squareRoot(let body):
            found.insert("\u{221A}")
            collect(body, into: &found)
        case .root(let body, let index):
            found.insert("\u{221A}")
            collect(body, into: &found)
            collect(index, into: &found)
        case .scripts(let base, let sub, let sup, _):
            collect(base, into: &found)
            if let sub { collect(sub, into: &found) }
            if let sup { collect(sup, into: &found) }
        case .accent(let base, let mark, _, _):
            collect(base, into: &found)
            found.formUnion(mark.unicodeScalars)
        case .table(let table):
            found.formUnion(table.open.unicodeScalars)
            found.formUnion(table.close.unicodeScalars)
            for row in table.rows { for cell in row { collect(cell, into: &found) } }
            for tag in table.tags { if let tag { collect(tag, into: &found) } }
        case .style(_, let body), .decorated(let body, _):
            collect(body, into: &found)
        }
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

extension Formula {
    /// The characters the browser draws with the math font for this formula (see `MathCharacters`);
    /// empty when the TeX is not valid (its source is shown as code, not math).
    public var mathFontCharacters: Set<Unicode.Scalar> {
        var found = Set<Unicode.Scalar>()
        for node in nodes ?? [] { MathCharacters.collect(node, into: &found) }
        return found
    }
}
