import DocgenDiagnostics
import DocgenFigures
import DocgenMarkup
import DocgenModels

/// Renders `{table}` directives: the table's kind builds a format-neutral table from the finished experiments,
/// and this renders it as an HTML table in a numbered `<figure>`.
struct TableRenderer {
    let plan: CoursePlan
    let results: [String: ExperimentResult]

    /// The table's HTML, or "" when one of its experiments failed (its own error says why).
    func html(_ table: PlannedTable, captionHTML: String) -> (html: String, diagnostics: [Diagnostic]) {
        let d = table.declaration
        let finished = d.experiments.compactMap { entry -> FinishedExperiment? in
            guard let e = plan.experiments[entry.id], let result = results[entry.id] else { return nil }
            return FinishedExperiment(planned: e.planned, result: result)
        }
        guard finished.count == d.experiments.count, !finished.isEmpty else { return ("", []) }
        let model: TableModel
        do {
            model = try d.kind.table(finished)
        } catch {
            return ("", [.error("table \(table.number) could not be made: \(error)", at: d.location)])
        }
        var out = "<figure class=\"docgen-table\" id=\"\(HTMLEscape.attribute(table.anchor))\">\n"
        out += "<figcaption><span class=\"table-number\">Table \(table.number)</span> \(captionHTML)</figcaption>\n"
        out += "<table>\n<thead><tr>" + model.header.map { "<th>\(HTMLEscape.text($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in model.rows {
            out += "<tr>" + row.enumerated().map { i, cell in
                let text = cell.emphasized ? "<em>\(HTMLEscape.text(cell.text))</em>" : HTMLEscape.text(cell.text)
                return i >= model.numericColumnsFrom ? "<td class=\"num\">\(text)</td>" : "<td>\(text)</td>"
            }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n</figure>\n"
        return (out, [])
    }
}
