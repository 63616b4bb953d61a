import DocgenMarkup

/// Renders `{table}` directives from finished experiments as HTML tables.
///
/// Numbers use four significant digits; exact zeros of a lasso fit print as `0` so the
/// reader sees which features were dropped.
struct TableRenderer {
    let experiments: [String: ExperimentNumbers]
    let models: [String: ModelDeclaration]

    func html(_ table: PlannedTable, captionHTML: String) -> String {
        let d = table.declaration
        let found = d.experiments.compactMap { experiments[$0.id] }
        guard found.count == d.experiments.count, !found.isEmpty else { return "" }
        var head: [String] = []
        var rows: [[String]] = []
        var numericColumnsFrom = 1
        switch d.kind {
        case .coefficients:
            let e = found[0]
            let indices = (d.alphas ?? []).compactMap { e.index(nearest: $0) }
            head = ["Feature"] + indices.map { "α = " + fmt(e.alphas[$0]) }
            for (j, name) in e.featureNames.enumerated() {
                rows.append([HTMLEscape.text(name)] + indices.map { fmt(e.coefficients[$0][j]) })
            }
            rows.append(["<em>intercept</em>"] + indices.map { fmt(e.intercepts[$0]) })
            rows.append(["<em>nonzero coefficients</em>"] + indices.map { String(e.nonzeroCounts[$0]) })
        case .scores:
            let classification = found.allSatisfy(\.isClassification)
            let metric = classification ? ("accuracy", "accuracy") : ("r2", "R²")
            head = ["Experiment", "Model", "α", "Nonzero", "Train \(metric.1)", "Test \(metric.1)"]
            if found.contains(where: { $0.metrics["cv_mean"] != nil }) { head.append("CV error") }
            numericColumnsFrom = 2
            for e in found {
                guard let k = index(d.at, e) else { continue }
                var row = [HTMLEscape.text(e.id), HTMLEscape.text(models[e.id]?.displayName ?? ""), fmt(e.alphas[k]),
                           String(e.nonzeroCounts[k]),
                           e.metrics["train_\(metric.0)"].map { fmt($0[k]) } ?? "–",
                           e.metrics["test_\(metric.0)"].map { fmt($0[k]) } ?? "–"]
                if head.count == 7 { row.append(e.metrics["cv_mean"].map { fmt($0[k]) } ?? "–") }
                rows.append(row)
            }
        case .cv:
            let e = found[0]
            head = ["Rule", "α", "Nonzero", "CV error", "Standard error"]
            for (name, alpha) in [("Minimum CV error (α_min)", e.alphaMin), ("One standard error (α_1se)", e.alpha1SE)] {
                guard let alpha, let k = e.index(nearest: alpha) else { continue }
                rows.append([name, fmt(alpha), String(e.nonzeroCounts[k]),
                             e.metrics["cv_mean"].map { fmt($0[k]) } ?? "–", e.metrics["cv_se"].map { fmt($0[k]) } ?? "–"])
            }
        }
        var out = "<figure class=\"docgen-table\" id=\"\(HTMLEscape.attribute(table.anchor))\">\n"
        out += "<figcaption><span class=\"table-number\">Table \(table.number)</span> \(captionHTML)</figcaption>\n"
        out += "<table>\n<thead><tr>" + head.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.enumerated().map { i, cell in
                i >= numericColumnsFrom ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>"
            }.joined() + "</tr>\n"
        }
        out += "</tbody>\n</table>\n</figure>\n"
        return out
    }

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
