import DocgenDiagnostics

/// A TeX problem at a Unicode-scalar offset into the TeX source.
struct TeXError: Error, Equatable {
    var offset: Int
    var message: String
}

/// TeX math → MathML at build time (no JavaScript in the reader's browser).
///
/// Supported: Latin and Greek letters (with variants), numbers, sub/superscripts and primes,
/// `\frac` `\dfrac` `\tfrac`, `\sqrt[n]{…}`, big operators (`\sum` `\prod` … with limits under
/// and over in display math, as scripts inline), `\min` `\max` `\argmin` `\arg\min`
/// `\operatorname*{…}` likewise, function names (`\log` `\exp` `\sign` …), fonts (`\mathbf`
/// `\mathbb` `\mathcal` `\mathrm` `\mathsf` `\mathtt` `\mathfrak` `\boldsymbol`, mapped to Unicode
/// math letters), `\text`, accents (`\hat` `\bar` `\tilde` `\vec` `\overline` …), delimiters
/// (`\left … \middle … \right` with `.`, `\|`, `\lVert`…), relations, arrows, dots, spaces, and
/// the environments cases, aligned/align/split, gathered, matrix/pmatrix/bmatrix/Bmatrix/vmatrix/
/// Vmatrix, array. Unknown commands, unbalanced braces and unmatched `\left`/`\begin` are errors.
public enum TeX {
    /// `<math xmlns="http://www.w3.org/1998/Math/MathML">` (with `display="block"` when
    /// `display`) holding `<semantics>`: the formula in an `<mrow>`, then the escaped TeX in
    /// `<annotation encoding="application/x-tex">`.
    ///
    /// `location` is where the first character of `tex` sits in its file; an error is thrown
    /// at the offending character (lines after the first start at column 1).
    public static func mathML(_ tex: String, display: Bool, at location: SourceLocation) throws(Diagnostic) -> String {
        switch convert(tex, display: display) {
        case .success(let mathML):
            return mathML
        case .failure(let error):
            throw Diagnostic.error(error.message, at: locate(error.offset, in: tex, from: location))
        }
    }

    static func convert(_ tex: String, display: Bool) -> Result<String, TeXError> {
        parse(tex, display: display).map { mathML(nodes: $0, tex: tex, display: display) }
    }

    /// The formula's node tree, or the first error.
    static func parse(_ tex: String, display: Bool) -> Result<[MathNode], TeXError> {
        var parser = TeXParser(tex, display: display)
        do {
            return .success(try parser.parse())
        } catch {
            return .failure(error)
        }
    }

    /// The `<math>` element of `mathML(_:display:at:)` for nodes parsed from `tex`.
    static func mathML(nodes: [MathNode], tex: String, display: Bool) -> String {
        let displayAttribute = display ? " display=\"block\"" : ""
        return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"\(displayAttribute)><semantics>"
            + "<mrow>\(MathMLWriter.write(nodes))</mrow>"
            + "<annotation encoding=\"application/x-tex\">\(HTMLEscape.text(tex))</annotation>"
            + "</semantics></math>"
    }

    /// The location of scalar `offset` of `tex`, given where `tex` starts.
    static func locate(_ offset: Int, in tex: String, from start: SourceLocation) -> SourceLocation {
        var line = start.line, column = start.column
        for (i, scalar) in tex.unicodeScalars.enumerated() where i < offset {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: start.file, line: line, column: column)
    }
}
