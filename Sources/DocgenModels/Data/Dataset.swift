/// A numeric data set: `n` rows, `p` named features and one named target.
///
/// The feature matrix is stored column-major: the value of feature `j` in row `i` is `x[j * n + i]`
/// (both 0-based). Values are raw (not standardized); transforms happen inside `runExperiment`.
public struct Dataset: Sendable, Equatable {
    public var featureNames: [String]
    public var targetName: String
    /// Column-major n×p matrix: `x[j * rowCount + i]`.
    public var x: [Double]
    /// Target, one value per row.
    public var y: [Double]

    /// Number of rows, n.
    public var rowCount: Int { y.count }
    /// Number of features, p.
    public var featureCount: Int { featureNames.count }

    /// Builds a data set from feature columns (`columns[j][i]` = feature j, row i).
    /// Throws when column lengths differ from `y.count` or names and columns do not match.
    public init(featureNames: [String], targetName: String, columns: [[Double]], y: [Double]) throws {
        guard featureNames.count == columns.count else {
            throw DataError(kind: .raggedRow, message: "\(featureNames.count) feature names for \(columns.count) columns")
        }
        for (j, column) in columns.enumerated() where column.count != y.count {
            throw DataError(kind: .raggedRow,
                            message: "feature '\(featureNames[j])' has \(column.count) values but the target has \(y.count)",
                            columnName: featureNames[j])
        }
        self.featureNames = featureNames
        self.targetName = targetName
        self.x = columns.flatMap { $0 }
        self.y = y
    }

    /// Internal unchecked initializer (column-major storage already built).
    init(featureNames: [String], targetName: String, columnMajor x: [Double], y: [Double]) {
        self.featureNames = featureNames; self.targetName = targetName; self.x = x; self.y = y
    }

    /// Value of feature `feature` (0-based) in row `row` (0-based).
    public func value(row: Int, feature: Int) -> Double { x[feature * rowCount + row] }

    /// Feature `j` (0-based) as an array of n values.
    public func column(_ j: Int) -> [Double] { Array(x[(j * rowCount)..<((j + 1) * rowCount)]) }

    /// Row `i` (0-based) as an array of p values.
    public func row(_ i: Int) -> [Double] { (0..<featureCount).map { x[$0 * rowCount + i] } }

    /// The sub-data-set made of the given 0-based rows, in that order (the data set itself, not a copy, when that is
    /// every row in order).
    public func selectingRows(_ rows: [Int]) -> Dataset {
        let n = rowCount, m = rows.count
        if m == n, rows.indices.allSatisfy({ rows[$0] == $0 }) { return self }
        var out = [Double](repeating: 0, count: m * featureCount)
        for j in 0..<featureCount {
            for (k, i) in rows.enumerated() { out[j * m + k] = x[j * n + i] }
        }
        return Dataset(featureNames: featureNames, targetName: targetName, columnMajor: out, y: rows.map { y[$0] })
    }
}
