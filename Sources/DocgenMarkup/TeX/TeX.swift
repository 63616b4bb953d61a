import DocgenDiagnostics

/// A TeX problem at a Unicode-scalar offset into the TeX source.
struct TeXError: Error, Equatable {
    var offset: Int
    var message: String
}

/// TeX math → MathML at build time (no JavaScript in the reader's browser), written for
/// MathML Core as Chromium renders it.
///
/// Supported: Latin and Greek letters (with variants), numbers, sub/superscripts and primes,
/// `\frac` `\dfrac` `\tfrac` `\cfrac`, `\binom` `\dbinom` `\tbinom` and the infix `\over`
/// `\choose` `\atop`, `\sqrt[n]{…}`, big operators (`\sum` `\prod` … with limits under and over
/// in display math, as scripts inline; `\limits` `\nolimits`), `\min` `\max` `\argmin`
/// `\arg\min` `\operatorname*{…}` `\mathop{…}` likewise, function names (`\log` `\exp` …, with
/// TeX's thin spaces around them), `\mathbin` and friends, fonts (`\mathbf` `\mathbb` `\mathcal`
/// `\mathrm` `\boldsymbol` …, mapped to Unicode math letters, and the switches `\rm` `\bf` `\cal`…),
/// `\text` and its font variants (`\textbf` `\textit` `\emph` …) with `$…$` math inside, accents
/// (`\hat` `\bar` `\vec` …, stretchy `\widehat` `\widetilde` `\overrightarrow` `\overleftarrow`),
/// `\overline` `\underline`, `\overbrace` `\underbrace` with labels, `\overset` `\underset`,
/// extensible arrows (`\xrightarrow[below]{above}` …), delimiters (`\left … \middle … \right`,
/// `\big`…), relations, arrows, dots, spaces (`\,` … `\hspace{…}` `\kern`), `\phantom`
/// `\hphantom` `\vphantom` `\smash`, `\boxed`, `\cancel` `\bcancel` `\xcancel`, `\color`
/// `\textcolor`, `\displaystyle` and the other style switches, `\substack`, `\pmod` `\bmod`,
/// `\label` (dropped, as is R Markdown's `(\#eq:…)`), `\tag{…}` `\tag*{…}` (a column after the
/// formula), `\eqref{…}` `\ref{…}` (the label as text: the page layer owns the numbers),
/// `\nonumber` `\notag`; a display formula broken with `\\` becomes a table of centred lines;
/// the environments equation, align, aligned, alignat, flalign, split, gather, gathered,
/// multline (lines centred), eqnarray, cases, dcases, rcases, matrix, pmatrix, bmatrix,
/// Bmatrix, vmatrix, Vmatrix, smallmatrix (and starred forms), array and subarray (column spec
/// with `|`, `||`, `:`, `p{…}`, `@{…}`, `*{n}{…}`; `\hline`, `\hdashline`, `\cline`).
/// Unknown commands, unbalanced braces and unmatched `\left`/`\begin` are errors, as are
/// formulas nested more than `TeXParser.maximumDepth` levels deep or longer than
/// `TeXParser.maximumLength` scalars.
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
