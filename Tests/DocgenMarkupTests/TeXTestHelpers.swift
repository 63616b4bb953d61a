@testable import DocgenMarkup

/// The MathML body of a conversion (what sits inside `<semantics><mrow>…</mrow><annotation`),
/// or "ERROR: message" when the TeX is refused.
func mathBody(_ tex: String, display: Bool = false) -> String {
    switch TeX.convert(tex, display: display) {
    case .failure(let error):
        return "ERROR: \(error.message)"
    case .success(let full):
        guard let start = full.range(of: "<semantics><mrow>"),
              let end = full.range(of: "</mrow><annotation", options: .backwards) else { return "MALFORMED: \(full)" }
        return String(full[start.upperBound..<end.lowerBound])
    }
}

/// Cell style of an `aligned`-style column, as the writer spells it (see `MathMLWriter.cellStyle`).
let rightCell = "text-align: right; text-align: -webkit-right"
let leftCell = "text-align: left; text-align: -webkit-left"
