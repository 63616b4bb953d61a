import DocgenDiagnostics
import DocgenFigures
import DocgenOptions

/// Parses `{figure}` and `{table}` directive bodies: the common keys here, the kind's own keys by the kind
/// (looked up by name in the registries of DocgenFigures).
struct ExhibitParser {
    static let figureKeys = ["experiment", "experiments", "label", "caption", "alt", "title"]
    static let tableKeys = ["experiment", "experiments", "label", "caption"]

    func parseFigure(kindName: String, body: OptionValue, at fence: SourceLocation, sourceText: String)
        -> (FigureDeclaration?, [Diagnostic])
    {
        guard let type = FigureKinds.kind(named: kindName) else {
            return (nil, [.error(Self.unknown("figure kind", kindName, FigureKinds.names), at: fence)])
        }
        var r = OptionReader(body, context: "figure \(kindName)", ownerLocation: fence)
        let experiments = readExperiments(&r, arity: type.arity)
        // `label: [names]` is a kind's list of features to label, in which an entry starting with `fig-` is the
        // figure's own label; a single name is the figure's own label.
        var label: String?, caption: String?
        if r.has("label") && !r.isScalar("label") {
            if !type.optionKeys.contains("label") {
                r.error("'label' must be the figure's name (fig-…); a list of features to label is for "
                        + Suggestion.list(FigureKinds.all.filter { $0.optionKeys.contains("label") }.map { $0.name }),
                        at: r.location(of: "label"))
            }
            let own = (r.stringList("label") ?? []).filter { $0.hasPrefix("fig-") }
            if own.count > 1 { r.error("'label' lists two figure names: \(own.joined(separator: ", "))", at: r.location(of: "label")) }
            label = own.first
            if let label, !ExperimentParser.isValidID(label) {
                r.error("'label' must start with 'fig-' and use letters, digits, '-' or '_', found '\(label)'",
                        at: r.location(of: "label"))
            } else if let label, let problem = ExperimentParser.lengthProblem(label, what: "label") {
                r.error(problem, at: r.location(of: "label"))
            }
            caption = r.string("caption", required: true)
        } else {
            (label, caption) = readLabelAndCaption(&r, prefix: "fig-")
        }
        let alt = r.string("alt")
        let title = r.string("title")
        let kind = Self.read(type, &r)
        r.finish(known: Self.figureKeys + type.optionKeys)
        var locations: [String: SourceLocation] = [:]
        for key in r.writtenKeys { locations[key] = r.location(of: key) }
        guard !r.diagnostics.hasErrors, let kind, let caption else { return (nil, r.diagnostics.items) }
        return (FigureDeclaration(kind: kind, kindName: kindName, location: fence, experiments: experiments,
                                  label: label, caption: caption, alt: alt, title: title, sourceText: sourceText,
                                  keyLocations: locations), r.diagnostics.items)
    }

    func parseTable(kindName: String, body: OptionValue, at fence: SourceLocation, sourceText: String)
        -> (TableDeclaration?, [Diagnostic])
    {
        guard let type = TableKinds.kind(named: kindName) else {
            return (nil, [.error(Self.unknown("table kind", kindName, TableKinds.names), at: fence)])
        }
        var r = OptionReader(body, context: "table \(kindName)", ownerLocation: fence)
        let experiments = readExperiments(&r, arity: type.arity)
        let (label, caption) = readLabelAndCaption(&r, prefix: "tbl-")
        let kind = Self.read(type, &r)
        r.finish(known: Self.tableKeys + type.optionKeys)
        var locations: [String: SourceLocation] = [:]
        for key in r.writtenKeys { locations[key] = r.location(of: key) }
        guard !r.diagnostics.hasErrors, let kind, let caption else { return (nil, r.diagnostics.items) }
        return (TableDeclaration(kind: kind, kindName: kindName, location: fence, experiments: experiments, label: label,
                                 caption: caption, sourceText: sourceText, keyLocations: locations), r.diagnostics.items)
    }

    private static func read<K: FigureKind>(_ type: K.Type, _ r: inout OptionReader) -> (any FigureKind)? {
        K(options: &r)
    }

    private static func read<K: TableKind>(_ type: K.Type, _ r: inout OptionReader) -> (any TableKind)? {
        K(options: &r)
    }

    /// "unknown figure kind 'x'; did you mean 'y'?" or the list of known names.
    static func unknown(_ what: String, _ name: String, _ known: [String]) -> String {
        var message = "unknown \(what) '\(name)'"
        if let s = Suggestion.closest(to: name, in: known) { message += "; did you mean '\(s)'?" } else {
            message += " (expected one of: \(known.joined(separator: ", ")))"
        }
        return message
    }

    private func readExperiments(_ r: inout OptionReader, arity: ExperimentArity) -> [(id: String, at: SourceLocation)] {
        var out: [(String, SourceLocation)] = []
        if let one = r.string("experiment") { out.append((one, r.location(of: "experiment"))) }
        if let many = r.stringList("experiments") {
            out.append(contentsOf: many.map { ($0, r.location(of: "experiments")) })
        }
        switch arity {
        case .none:
            if let first = out.first { r.error("this kind draws no experiment; remove 'experiment'", at: first.1) }
            return []
        case .one:
            if out.isEmpty { r.missing("experiment") }
            if out.count > 1 { r.error("this kind draws exactly one experiment", at: out[1].1) }
        case .many:
            if out.isEmpty { r.missing("experiments") }
        }
        return out
    }

    private func readLabelAndCaption(_ r: inout OptionReader, prefix: String) -> (String?, String?) {
        let label = r.string("label")
        if let label, !label.hasPrefix(prefix) || !ExperimentParser.isValidID(label) {
            r.error("'label' must start with '\(prefix)' and use letters, digits, '-' or '_', found '\(label)'",
                    at: r.location(of: "label"))
        } else if let label, let problem = ExperimentParser.lengthProblem(label, what: "label") {
            r.error(problem, at: r.location(of: "label"))
        }
        let caption = r.string("caption", required: true)
        return (label, caption)
    }
}
