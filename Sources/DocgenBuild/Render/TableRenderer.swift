import DocgenDiagnostics
import DocgenFigures
import DocgenMarkup
import DocgenModels

/// Turns `{table}` directives into numbered tables: the table's kind builds a format-neutral table from the
/// finished experiments, and this carries it into the page as a `NumberedTable` block.
struct TableRenderer {
    let plan: CoursePlan
    let results: [String: ExperimentResult]

    /// The table, or nil when one of its experiments has no numbers (its failure is reported elsewhere).
    func table(_ table: PlannedTable, caption: [Inline]) -> (table: NumberedTable?, diagnostics: [Diagnostic]) {
        let d = table.declaration
        let finished = d.experiments.compactMap { entry -> FinishedExperiment? in
            guard let e = plan.experiments[entry.id], let result = results[entry.id] else { return nil }
            return FinishedExperiment(planned: e.planned, result: result)
        }
        guard finished.count == d.experiments.count, !finished.isEmpty else { return (nil, []) }
        let model: TableModel
        do {
            model = try d.kind.table(finished)
        } catch let error as FigureInputError {
            let at = error.key.flatMap { d.keyLocations[$0] } ?? d.location
            return (nil, [.error("table \(table.number): \(error.message)", at: at)])
        } catch {
            return (nil, [.error("table \(table.number) could not be made: \(error)", at: d.location)])
        }
        let rows = model.rows.map { row in
            row.map { cell -> [Inline] in cell.emphasized ? [.emphasis([.text(cell.text)])] : [.text(cell.text)] }
        }
        return (NumberedTable(number: table.number, id: table.anchor, caption: caption,
                              header: model.header.map { [.text($0)] }, rows: rows,
                              numericColumns: model.header.indices.map { $0 >= model.numericColumnsFrom }), [])
    }
}
