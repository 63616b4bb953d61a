import DocgenModels
import DocgenOptions

/// `{table} cv`: the two cross-validation choices of α — the minimum mean error (α_min) and the one-standard-error
/// rule (α_1se) — with their nonzero counts, CV error and its standard error.
public struct CrossValidationTable: TableKind {
    public static let name = "cv"
    public static let arity = ExperimentArity.one
    public static let optionKeys: [String] = []

    public init() {}
    public init?(options r: inout OptionReader) {}

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] { [.crossValidation(option: nil)] }

    public func table(_ experiments: [FinishedExperiment]) throws -> TableModel {
        guard let r = experiments.first?.result else { return TableModel(header: [], rows: [], numericColumnsFrom: 1) }
        var rows: [[TableModel.Cell]] = []
        let mean = r.metric(CrossValidationColumn.mean), se = r.metric(CrossValidationColumn.standardError)
        for (name, alpha) in [("Minimum CV error (α_min)", r.alphaMin), ("One standard error (α_1se)", r.alpha1SE)] {
            guard let alpha, let k = r.index(nearest: alpha) else { continue }
            rows.append([TableModel.Cell(name), TableModel.Cell(TableModel.number(alpha)),
                         TableModel.Cell(String(r.nonzeroCount(at: k))),
                         TableModel.Cell(mean.map { TableModel.number($0[k]) } ?? "–"),
                         TableModel.Cell(se.map { TableModel.number($0[k]) } ?? "–")])
        }
        return TableModel(header: ["Rule", "α", "Nonzero", "CV error", "Standard error"], rows: rows, numericColumnsFrom: 1)
    }
}
