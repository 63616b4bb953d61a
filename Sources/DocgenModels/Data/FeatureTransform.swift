import Foundation

/// Maps a raw input row (the data set's feature columns) to the model's feature vector:
/// optional polynomial expansion of the single input (x, x², …, x^d), then z_j = (v_j − shift_j) / scale_j.
///
/// With standardization, shift is the column mean and scale the standard deviation with 1/n (population sd);
/// a constant column gets scale 1 so it becomes all zeros (its coefficient is then 0). Without standardization
/// shift = 0 and scale = 1, i.e. the model sees raw values (the solver still profiles out the intercept).
/// Columns constant in the fitting rows are mapped to 0 (their coefficient is 0; the intercept carries them), except
/// when fitted with `keepConstantColumns` (a model without intercept on raw features, where such a column is the
/// bias): then they are kept as they are and not marked constant.
public struct FeatureTransform: Sendable, Equatable {
    /// Degree of the polynomial expansion of the single raw input, or nil.
    public var polynomialDegree: Int?
    /// Names of the model features (data header names, or `x`, `x^2`, … for polynomial features).
    public var featureNames: [String]
    public var shifts: [Double]
    public var scales: [Double]
    /// True for columns that were constant in the fitting data.
    public var isConstant: [Bool]

    /// Number of model features.
    public var count: Int { featureNames.count }

    public init(polynomialDegree: Int?, featureNames: [String], shifts: [Double], scales: [Double], isConstant: [Bool]) {
        self.polynomialDegree = polynomialDegree; self.featureNames = featureNames; self.shifts = shifts
        self.scales = scales; self.isConstant = isConstant
    }

    /// Expands raw rows into model features (polynomial only; no standardization).
    static func expand(_ data: Dataset, degree: Int?) throws -> Dataset {
        guard let degree, degree > 1 else { return data }
        guard data.featureCount == 1 else {
            throw ModelError(key: "polynomial",
                             message: "polynomial features need exactly one input column, got \(data.featureCount)")
        }
        let base = data.featureNames[0], n = data.rowCount
        var x = [Double](repeating: 0, count: n * degree)
        for i in 0..<n {
            let v = data.x[i]
            var power = 1.0
            for k in 0..<degree { power *= v; x[k * n + i] = power }
        }
        let names = (1...degree).map { $0 == 1 ? base : "\(base)^\($0)" }
        return Dataset(featureNames: names, targetName: data.targetName, columnMajor: x, y: data.y)
    }

    /// Fits the transform on expanded data (see `expand`).
    static func fit(_ expanded: Dataset, degree: Int?, standardize: Bool,
                    keepConstantColumns: Bool = false) -> FeatureTransform {
        fit(expanded, rows: nil, degree: degree, standardize: standardize, keepConstantColumns: keepConstantColumns)
    }

    /// Fits the transform on rows `rows` of expanded data, in that order (all rows when nil): the same doubles as
    /// fitting it on `expanded.selectingRows(rows)`, every sum taken in the same order.
    static func fit(_ expanded: Dataset, rows: [Int]?, degree: Int?, standardize: Bool,
                    keepConstantColumns: Bool = false) -> FeatureTransform {
        let stride = expanded.rowCount, p = expanded.featureCount
        let n = rows?.count ?? stride
        var shifts = [Double](repeating: 0, count: p), scales = [Double](repeating: 1, count: p)
        var constant = [Bool](repeating: false, count: p)
        for j in 0..<p {
            let (mean, sd, allEqual) = expanded.x.withUnsafeBufferPointer { x in
                let column = UnsafeBufferPointer(rebasing: x[(j * stride)..<((j + 1) * stride)])
                @inline(__always) func value(_ k: Int) -> Double { rows.map { column[$0[k]] } ?? column[k] }
                var sum = 0.0
                for k in 0..<n { sum += value(k) }
                let mean = sum / Double(n)
                var squares = 0.0, allEqual = true
                let first = n > 0 ? value(0) : 0
                for k in 0..<n {
                    let v = value(k)
                    squares += (v - mean) * (v - mean)
                    if v != first { allEqual = false }
                }
                return (mean, (squares / Double(n)).squareRoot(), allEqual)
            }
            let isConst = !(sd > 1e-12 * max(abs(mean), 1e-300)) || allEqual
            constant[j] = isConst && !keepConstantColumns
            if standardize {
                shifts[j] = mean
                scales[j] = isConst ? 1 : sd
            }
        }
        return FeatureTransform(polynomialDegree: degree.flatMap { $0 > 1 ? $0 : nil },
                                featureNames: expanded.featureNames, shifts: shifts, scales: scales,
                                isConstant: constant)
    }

    /// Applies shift/scale to rows `rows` of expanded data, in that order: `apply(toExpanded:
    /// data.selectingRows(rows))` without the intermediate copy.
    func apply(toExpanded data: Dataset, rows: [Int]) -> Dataset {
        let stride = data.rowCount, m = rows.count
        var z = [Double](repeating: 0, count: m * count)
        data.x.withUnsafeBufferPointer { x in
            z.withUnsafeMutableBufferPointer { out in
                for j in 0..<count {
                    let s = shifts[j], c = scales[j], zero = isConstant[j]
                    let base = j * stride, target = j * m
                    for (k, i) in rows.enumerated() { out[target + k] = zero ? 0 : (x[base + i] - s) / c }
                }
            }
        }
        return Dataset(featureNames: featureNames, targetName: data.targetName, columnMajor: z, y: rows.map { data.y[$0] })
    }

    /// Applies shift/scale to expanded data; constant columns become exactly 0.
    func apply(toExpanded data: Dataset) -> Dataset {
        let n = data.rowCount
        let identity = (0..<count).allSatisfy { shifts[$0] == 0 && scales[$0] == 1 && !isConstant[$0] }
        if identity && data.featureNames == featureNames { return data }
        var x = data.x
        for j in 0..<count {
            let s = shifts[j], c = scales[j]
            let zero = isConstant[j]
            for i in 0..<n { x[j * n + i] = zero ? 0 : (x[j * n + i] - s) / c }
        }
        return Dataset(featureNames: featureNames, targetName: data.targetName, columnMajor: x, y: data.y)
    }

    /// Model features for one raw input row (the original data columns, before polynomial expansion).
    public func transform(raw: [Double]) -> [Double] {
        var v: [Double]
        if let degree = polynomialDegree {
            let x0 = raw.first ?? 0
            var power = 1.0
            v = (0..<degree).map { _ in power *= x0; return power }
        } else {
            v = raw
        }
        for j in 0..<min(v.count, count) {
            v[j] = isConstant[j] ? 0 : (v[j] - shifts[j]) / scales[j]
        }
        return v
    }
}
