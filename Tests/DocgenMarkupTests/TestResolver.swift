import DocgenDiagnostics
@testable import DocgenMarkup

/// A resolver that knows a few labels, values and chapters, and records what it was asked.
final class TestResolver: MarkdownResolver {
    var roles: [(name: String, content: String, at: SourceLocation)] = []
    var references: [(label: String, at: SourceLocation)] = []
    var links: [(destination: String, at: SourceLocation)] = []

    func html(for directive: DirectiveBlock) -> String {
        directive.name == "experiment" ? "" : "<figure id=\"\(directive.argument)\"></figure>"
    }

    func role(_ name: String, _ content: String, at location: SourceLocation) -> Result<String, Diagnostic> {
        roles.append((name, content, location))
        guard name == "value" else { return .failure(.error("unknown role '\(name)'", at: location)) }
        guard content == "cv.alpha_min" else { return .failure(.error("unknown value '\(content)'", at: location)) }
        return .success("<span class=\"value\">0.0123</span>")
    }

    func reference(_ label: String, at location: SourceLocation) -> Result<CrossReference, Diagnostic> {
        references.append((label, location))
        guard label == "fig-path" else { return .failure(.error("unknown label '\(label)'", at: location)) }
        return .success(CrossReference(href: "#fig-path", text: "Figure 1.1"))
    }

    func equationNumber(for label: String) -> String? { label == "eq-square" ? "2.1" : nil }

    func link(_ destination: String, at location: SourceLocation) -> Result<String, Diagnostic> {
        links.append((destination, location))
        if destination.hasPrefix("http") || destination.hasPrefix("mailto:") { return .success(destination) }
        if destination.hasPrefix("lasso.md") { return .success("lasso.html" + destination.dropFirst("lasso.md".count)) }
        return .failure(.error("broken link to '\(destination)'", at: location))
    }
}

func render(_ source: String, file: String = "ch.md") -> (html: String, diagnostics: [Diagnostic], resolver: TestResolver) {
    let resolver = TestResolver()
    let document = MarkdownDocument(source: source, file: file)
    let (html, diagnostics) = document.renderHTML(resolver: resolver)
    return (html, document.diagnostics + diagnostics, resolver)
}
