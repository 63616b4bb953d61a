import DocgenMarkup

/// Turns `{table}` directives into numbered tables of numbers from finished experiments.
///
/// Numbers use four significant digits; exact zeros of a lasso fit print as `0` so the
/// reader sees which features were dropped.
struct TableRenderer {
    let experiments: [String: ExperimentNumbers]
    let models: [String: ModelDeclaration]

    /// The table, or nil when one of its experiments has no numbers (its failure is reported elsewhere).
    func table(_ table: PlannedTable, caption: [Inline]) -> NumberedTable? {
        let d = table.declaration
        let found = d.experiments.compactMap { experiments[$0.id] }
        guard found.count == d.experiments.count, !found.isEmpty else { return nil }
        var head: [String] = []
        var rows: [[[Inline]]] = []
        var numericColumnsFrom = 1
        switch d.kind {
        case .coefficients:
            let e = found[0]
            let indices = (d.alphas ?? []).compactMap { e.index(nearest: $0) }
            head = ["Feature"] + indices.map { "α = " + fmt(e.alphas[$0]) }
            for (j, name) in e.featureNames.enumerated() {
                rows.append(cells([name] + indices.map { fmt(e.coefficients[$0][j]) }))
            }
            rows.append([[.emphasis([.text("intercept")])]] + cells(indices.map { fmt(e.intercepts[$0]) }))
            rows.append([[.emphasis([.text("nonzero coefficients")])]] + cells(indices.map { String(e.nonzeroCounts[$0]) }))
        case .scores:
            let classification = found.allSatisfy(\.isClassification)
            let metric = classification ? ("accuracy", "accuracy") : ("r2", "R²")
            head = ["Experiment", "Model", "α", "Nonzero", "Train \(metric.1)", "Test \(metric.1)"]
            if found.contains(where: { $0.metrics["cv_mean"] != nil }) { head.append("CV error") }
            numericColumnsFrom = 2
            for e in found {
                guard let k = index(d.at, e) else { continue }
                var row = [e.id, models[e.id]?.displayName ?? "", fmt(e.alphas[k]),
                           String(e.nonzeroCounts[k]),
                           e.metrics["train_\(metric.0)"].map { fmt($0[k]) } ?? "–",
                           e.metrics["test_\(metric.0)"].map { fmt($0[k]) } ?? "–"]
                if head.count == 7 { row.append(e.metrics["cv_mean"].map { fmt($0[k]) } ?? "–") }
                rows.append(cells(row))
            }
        case .cv:
            let e = found[0]
            head = ["Rule", "α", "Nonzero", "CV error", "Standard error"]
            for (name, alpha) in [("Minimum CV error (α_min)", e.alphaMin), ("One standard error (α_1se)", e.alpha1SE)] {
                guard let alpha, let k = e.index(nearest: alpha) else { continue }
                rows.append(cells([name, fmt(alpha), String(e.nonzeroCounts[k]),
                                   e.metrics["cv_mean"].map { fmt($0[k]) } ?? "–", e.metrics["cv_se"].map { fmt($0[k]) } ?? "–"]))
            }
        }
        return NumberedTable(number: table.number, id: table.anchor, caption: caption, header: cells(head), rows: rows,
                             numericColumns: head.indices.map { $0 >= numericColumnsFrom })
    }

    /// Plain text cells.
    private func cells(_ texts: [String]) -> [[Inline]] { texts.map { [.text($0)] } }

    private func index(_ at: String?, _ e: ExperimentNumbers) -> Int? {
        switch at {
        case "min": return e.alphaMin.flatMap { e.index(nearest: $0) }
        case "1se": return e.alpha1SE.flatMap { e.index(nearest: $0) }
        case nil, "best": return e.bestIndex ?? e.alphaMin.flatMap { e.index(nearest: $0) } ?? 0
        case let s?: return Double(s).flatMap { e.index(nearest: $0) }
        }
    }

    private func fmt(_ x: Double) -> String { x == 0 ? "0" : NumberFormatting.prose(x, digits: 4) }
}
