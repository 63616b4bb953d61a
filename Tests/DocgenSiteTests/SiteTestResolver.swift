import DocgenDiagnostics
import DocgenMarkup

/// Resolves chapters for the site tests: `{figure} NAME` and `{table} NAME` show the figure or
/// table registered under NAME, roles show the text registered for their argument, `@labels`
/// resolve from a table, and every link is kept as written.
struct SiteTestResolver: MarkdownResolver {
    var figures: [String: Figure] = [:]
    var tables: [String: NumberedTable] = [:]
    var values: [String: String] = [:]
    var labels: [String: CrossReference] = ["fig-path": CrossReference(href: "#fig-path", text: "Figure 1.1")]
    var equationNumbers: [String: String] = ["eq-square": "2.1"]

    func block(for directive: DirectiveBlock) -> Block? {
        switch directive.name {
        case "figure": return figures[directive.argument].map(Block.figure)
        case "table": return tables[directive.argument].map(Block.numberedTable)
        default: return nil
        }
    }

    func role(_ name: String, _ content: String, at location: SourceLocation) -> Result<RoleResult, Diagnostic> {
        guard name == "value" else { return .failure(.error("unknown role '\(name)'", at: location)) }
        guard let text = values[content] else {
            return .success(RoleResult(name: name, argument: content, content: [.text("?")], isPlaceholder: true))
        }
        return .success(RoleResult(name: name, argument: content, content: [.text(text)]))
    }

    func reference(_ label: String, at location: SourceLocation) -> Result<CrossReference, Diagnostic> {
        labels[label].map { .success($0) } ?? .failure(.error("unknown label '\(label)'", at: location))
    }

    func link(_ destination: String, at location: SourceLocation) -> Result<String, Diagnostic> { .success(destination) }

    func equationNumber(for label: String) -> String? { equationNumbers[label] }

    /// The structured page of `markdown`.
    func page(_ markdown: String) -> ChapterPage {
        MarkdownDocument(source: markdown, file: "test.md").page(resolver: self).page
    }
}
