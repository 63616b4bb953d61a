import DocgenDiagnostics

/// A TeX problem at a Unicode-scalar offset into the TeX source.
struct TeXError: Error, Equatable {
    var offset: Int
    var message: String
}

/// TeX math → MathML, at build time.
public enum TeX {
    static func convert(_ tex: String, display: Bool) -> Result<String, TeXError> {
        .success("<math>\(HTMLEscape.text(tex))</math>")
    }
}
