import Foundation

/// What re-running experiments did to the course, compared with the previous build.
///
/// For each experiment whose numbers changed: the largest absolute change of a
/// coefficient, of a score (any metric column), and of α_min; then the figures whose
/// pixels changed. An instructor who changed a solver sees at a glance what moved.
enum ChangeReport {
    static func make(previous: BuildSnapshot?, current: ExperimentStage.Output, figures: FigureStage.Output) -> String? {
        guard !current.rerun.isEmpty, let previous else { return nil }
        var lines: [String] = []
        var unchanged = 0
        for id in current.rerun.sorted() {
            guard let now = current.results[id] else { continue }
            guard let before = previous.experiments[id] else {
                lines.append("  \(id): new experiment")
                continue
            }
            if now == before { unchanged += 1; continue }
            guard now.alphas == before.alphas, now.featureNames == before.featureNames else {
                lines.append("  \(id): grid or features changed (\(before.alphas.count) → \(now.alphas.count) α, "
                             + "\(before.featureNames.count) → \(now.featureNames.count) features)")
                continue
            }
            var parts: [String] = []
            let coefficient = zip(now.coefficients, before.coefficients).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? 0
            parts.append("coefficients Δ ≤ \(short(coefficient))")
            var score = 0.0
            for (name, column) in now.metrics {
                guard let old = before.metrics[name], old.count == column.count else { continue }
                for (a, b) in zip(column, old) where a.isFinite && b.isFinite { score = max(score, abs(a - b)) }
            }
            if !now.metrics.isEmpty { parts.append("scores Δ ≤ \(short(score))") }
            if let a = now.alphaMin, let b = before.alphaMin {
                parts.append(a == b ? "α_min unchanged" : "α_min \(short(b)) → \(short(a))")
            }
            lines.append("  \(id): " + parts.joined(separator: ", "))
        }
        let changedFigures = figures.pixelHashes.keys.sorted().filter { stem in
            // A digest of another length comes from a docgen that used another digest: not comparable.
            guard let old = previous.figureHashes[stem], let new = figures.pixelHashes[stem],
                  old.count == new.count else { return false }
            return old != new
        }
        var out = "Re-ran \(current.rerun.count) experiment\(current.rerun.count == 1 ? "" : "s"); "
        if lines.isEmpty {
            out += "their numbers are identical to the previous build."
        } else {
            out += "\(lines.count) changed\(unchanged > 0 ? ", \(unchanged) identical" : ""):\n" + lines.joined(separator: "\n")
        }
        if !changedFigures.isEmpty {
            out += "\nFigures whose pixels changed (\(changedFigures.count)): " + changedFigures.joined(separator: ", ")
        } else {
            out += "\nNo figure's pixels changed."
        }
        return out
    }

    static func short(_ x: Double) -> String { String(format: "%.3g", x) }
}
