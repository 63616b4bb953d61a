import DocgenModels
import DocgenOptions

/// `{table} coefficients`: an experiment's coefficients, intercept and count of nonzero coefficients at chosen α
/// (the nearest grid α, shown as what it is), or at every α of its grid.
///
/// `rows: feature` (the default) has one row per feature and one column per α, at most 12 α, which is what fits
/// across a page; `rows: alpha` turns it round, one row per α and one column per feature, for up to 100 α and
/// 20 features — a whole path as one table.
public struct CoefficientsTable: TableKind {
    public static let name = "coefficients"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["alphas", "rows"]

    /// Most α shown as columns (`rows: feature`).
    public static let maximumAlphaColumns = 12
    /// Most α shown as rows (`rows: alpha`).
    public static let maximumAlphaRows = 100
    /// Most features shown as columns (`rows: alpha`).
    public static let maximumFeatureColumns = 20

    /// What one row of the table is.
    public enum Rows: String, Sendable, Equatable, CaseIterable {
        /// One row per feature, one column per α.
        case feature
        /// One row per α, one column per feature.
        case alpha
    }

    /// The α to show (each the nearest grid α), in this order; nil: every α of the grid, in the grid's order.
    public var alphas: [Double]?
    public var rows: Rows

    public init(alphas: [Double]?, rows: Rows = .feature) { self.alphas = alphas; self.rows = rows }

    /// The most α the orientation shows.
    public var alphaLimit: Int { rows == .feature ? Self.maximumAlphaColumns : Self.maximumAlphaRows }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        rows = .feature
        if let name = r.choice("rows", among: Rows.allCases.map(\.rawValue)) { rows = Rows(rawValue: name) ?? .feature }
        alphas = r.numberList("alphas")
        let limit = rows == .feature ? Self.maximumAlphaColumns : Self.maximumAlphaRows
        if let xs = alphas, xs.isEmpty || xs.count > limit || xs.contains(where: { $0 < 0 }) {
            r.error("'alphas' must list 1 to \(limit) non-negative values with rows: \(rows.rawValue)"
                    + (rows == .feature && xs.count > limit ? " (rows: alpha shows up to \(Self.maximumAlphaRows))" : ""),
                    at: r.location(of: "alphas"))
        }
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        guard alphas == nil else { return [] }
        let hint = rows == .feature
            ? "list the ones to show in 'alphas', or set 'rows: alpha' (up to \(Self.maximumAlphaRows))"
            : "list the ones to show in 'alphas'"
        return [.alphaCount(atMost: alphaLimit, hint: hint)]
    }

    public var requestedAlphas: [AlphaRequest] { (alphas ?? []).map { AlphaRequest(key: "alphas", alpha: $0) } }

    public func table(_ experiments: [FinishedExperiment]) throws -> TableModel {
        guard let r = experiments.first?.result else { return TableModel(header: [], rows: [], numericColumnsFrom: 1) }
        let indices = alphas.map { $0.compactMap { r.index(nearest: $0) } } ?? Array(r.alphas.indices)
        switch rows {
        case .feature:
            var body: [[TableModel.Cell]] = []
            for (j, name) in r.featureNames.enumerated() {
                body.append([TableModel.Cell(name)] + indices.map { TableModel.Cell(TableModel.number(r.coefficients[$0][j])) })
            }
            body.append([TableModel.Cell("intercept", emphasized: true)]
                        + indices.map { TableModel.Cell(TableModel.number(r.intercepts[$0])) })
            body.append([TableModel.Cell("nonzero coefficients", emphasized: true)]
                        + indices.map { TableModel.Cell(String(r.nonzeroCount(at: $0))) })
            return TableModel(header: ["Feature"] + indices.map { "α = " + TableModel.number(r.alphas[$0]) }, rows: body,
                              numericColumnsFrom: 1)
        case .alpha:
            guard r.featureCount <= Self.maximumFeatureColumns else {
                throw FigureInputError(Self.name, "experiment '\(experiments[0].id)' has \(r.featureCount) features; "
                    + "rows: alpha shows at most \(Self.maximumFeatureColumns) as columns (rows: feature shows any number)",
                    key: "rows")
            }
            let body = indices.map { k -> [TableModel.Cell] in
                [TableModel.Cell(TableModel.number(r.alphas[k]))]
                    + r.coefficients[k].map { TableModel.Cell(TableModel.number($0)) }
                    + [TableModel.Cell(TableModel.number(r.intercepts[k])), TableModel.Cell(String(r.nonzeroCount(at: k)))]
            }
            return TableModel(header: ["α"] + r.featureNames + ["Intercept", "Nonzero"], rows: body, numericColumnsFrom: 0)
        }
    }
}
