import DocgenDiagnostics
@testable import DocgenMarkup

/// A resolver that knows a few labels, values and chapters, and records what it was asked.
/// A `{figure} NAME` directive shows figure 1.N (N its position among the chapter's directives).
final class TestResolver: MarkdownResolver {
    var roles: [(name: String, content: String, at: SourceLocation)] = []
    var references: [(label: String, at: SourceLocation)] = []
    var links: [(destination: String, at: SourceLocation)] = []

    func block(for directive: DirectiveBlock) -> Block? {
        guard directive.name == "figure" else { return nil }
        return .figure(Self.figure(directive.argument, number: "1.\(directive.index)"))
    }

    static func figure(_ id: String, number: String) -> Figure {
        Figure(number: number, id: id, image: "figures/\(id).png", width: 400, height: 250, alt: "A path.",
               caption: [.text("Coefficient paths.")], dataFile: "figures/\(id).csv")
    }

    func role(_ name: String, _ content: String, at location: SourceLocation) -> Result<RoleResult, Diagnostic> {
        roles.append((name, content, location))
        guard name == "value" else { return .failure(.error("unknown role '\(name)'", at: location)) }
        guard content == "cv.alpha_min" else { return .failure(.error("unknown value '\(content)'", at: location)) }
        return .success(RoleResult(name: name, argument: content, content: [.text("0.0123")]))
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

/// The page of `source`, with the parse and build diagnostics together.
func page(_ source: String, file: String = "ch.md") -> (page: ChapterPage, diagnostics: [Diagnostic], resolver: TestResolver) {
    let resolver = TestResolver()
    let document = MarkdownDocument(source: source, file: file)
    let (page, diagnostics) = document.page(resolver: resolver)
    return (page, document.diagnostics + diagnostics, resolver)
}

/// The blocks of `source`'s page (its title excluded).
func blocks(_ source: String) -> [Block] { page(source).page.blocks }

/// A formula as the page builder makes it.
func formula(_ tex: String, display: Bool = false, label: String? = nil) -> Formula {
    Formula(tex: tex, isDisplay: display, label: label)
}
