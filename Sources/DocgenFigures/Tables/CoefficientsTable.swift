import DocgenModels
import DocgenOptions

/// `{table} coefficients`: one row per feature, one column per chosen α (the nearest grid α), then the intercept
/// and the count of nonzero coefficients.
public struct CoefficientsTable: TableKind {
    public static let name = "coefficients"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["alphas"]

    public var alphas: [Double]

    public init(alphas: [Double]) { self.alphas = alphas }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        guard let xs = r.numberList("alphas") else {
            if !r.diagnostics.hasErrors { r.missing("alphas") }
            return nil
        }
        guard !xs.isEmpty, xs.count <= 12, !xs.contains(where: { $0 < 0 }) else {
            r.error("'alphas' must list 1 to 12 non-negative values", at: r.location(of: "alphas"))
            return nil
        }
        alphas = xs
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func table(_ experiments: [FinishedExperiment]) throws -> TableModel {
        guard let r = experiments.first?.result else { return TableModel(header: [], rows: [], numericColumnsFrom: 1) }
        let indices = alphas.compactMap { r.index(nearest: $0) }
        var rows: [[TableModel.Cell]] = []
        for (j, name) in r.featureNames.enumerated() {
            rows.append([TableModel.Cell(name)] + indices.map { TableModel.Cell(TableModel.number(r.coefficients[$0][j])) })
        }
        rows.append([TableModel.Cell("intercept", emphasized: true)] + indices.map { TableModel.Cell(TableModel.number(r.intercepts[$0])) })
        rows.append([TableModel.Cell("nonzero coefficients", emphasized: true)]
                    + indices.map { TableModel.Cell(String(r.nonzeroCount(at: $0))) })
        return TableModel(header: ["Feature"] + indices.map { "α = " + TableModel.number(r.alphas[$0]) }, rows: rows,
                          numericColumnsFrom: 1)
    }
}
