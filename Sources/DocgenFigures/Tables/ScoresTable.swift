import DocgenModels
import DocgenOptions

/// `{table} scores`: one row per experiment at one α each — the best test score (`at: best`, the default), CV's
/// α_min (`min`) or α_1se (`1se`), or the grid α nearest a number — with its train and test score and CV error.
public struct ScoresTable: TableKind {
    public static let name = "scores"
    public static let arity = ExperimentArity.many
    public static let optionKeys = ["at"]

    /// Where on each path the row is read.
    public enum Position: Sendable, Equatable {
        case best, min, oneSE
        case alpha(Double)
    }
    public var at: Position

    public init(at: Position = .best) { self.at = at }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        at = .best
        if let v = r.value("at") {
            switch v {
            case .scalar("best", _, _): at = .best
            case .scalar("min", _, _): at = .min
            case .scalar("1se", _, _): at = .oneSE
            default:
                guard let x = OptionReader.number(v) else {
                    r.typeError("at", v, expected: "best, min, 1se or a number")
                    return nil
                }
                at = .alpha(x)
            }
        }
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] { [.splitOrCrossValidation] }

    public var requestedAlphas: [AlphaRequest] {
        if case let .alpha(a) = at { return [AlphaRequest(key: "at", alpha: a)] }
        return []
    }

    public func table(_ experiments: [FinishedExperiment]) throws -> TableModel {
        let results = experiments.map(\.result)
        let task: PredictionTask = results.allSatisfy { $0.task == .binaryClassification } ? .binaryClassification : .regression
        let score = task.score
        var header = ["Experiment", "Model", "α", "Nonzero", "Train \(score.displayName)", "Test \(score.displayName)"]
        let withCV = results.contains { $0.metric(CrossValidationColumn.mean) != nil }
        if withCV { header.append("CV error") }
        var rows: [[TableModel.Cell]] = []
        for e in experiments {
            let r = e.result
            guard let k = index(in: r) else { continue }
            var row = [TableModel.Cell(e.id), TableModel.Cell(r.modelDisplayName), TableModel.Cell(TableModel.number(r.alphas[k])),
                       TableModel.Cell(String(r.nonzeroCount(at: k))),
                       TableModel.Cell(r.metric(score, on: .train).map { TableModel.number($0[k]) } ?? "–"),
                       TableModel.Cell(r.metric(score, on: .test).map { TableModel.number($0[k]) } ?? "–")]
            if withCV { row.append(TableModel.Cell(r.metric(CrossValidationColumn.mean).map { TableModel.number($0[k]) } ?? "–")) }
            rows.append(row)
        }
        return TableModel(header: header, rows: rows, numericColumnsFrom: 2)
    }

    private func index(in r: ExperimentResult) -> Int? {
        switch at {
        case .min: return r.alphaMin.flatMap { r.index(nearest: $0) }
        case .oneSE: return r.alpha1SE.flatMap { r.index(nearest: $0) }
        case .best: return r.bestIndex ?? r.alphaMin.flatMap { r.index(nearest: $0) } ?? 0
        case let .alpha(a): return r.index(nearest: a)
        }
    }
}
