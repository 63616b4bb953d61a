/// The numbers of one finished experiment, in the shape prose, tables and figures read them.
///
/// Coefficients are on the scale the fit used (standardized when `standardize: true`).
/// Per-α arrays are in the order the directive gave the grid.
struct ExperimentNumbers: Sendable, Codable, Equatable {
    var id: String
    var featureNames: [String]
    var alphas: [Double]
    /// `coefficients[k][j]`: feature j at α k.
    var coefficients: [[Double]]
    var intercepts: [Double]
    /// Metric columns by CSV name (`train_r2`, `test_mse`, `cv_mean`, …), one value per α.
    var metrics: [String: [Double]]
    var alphaMin: Double?
    var alpha1SE: Double?
    var alphaMax: Double?
    var n: Int
    var nTrain: Int?
    var nTest: Int?
    /// Features in the order they first become nonzero as α decreases.
    var entryOrder: [String]
    var isClassification: Bool
    /// The `data/<id>.csv` file.
    var csv: String

    var nonzeroCounts: [Int] { coefficients.map { $0.filter { $0 != 0 }.count } }

    /// The test score that is better when larger: R² (regression) or accuracy (classification).
    var testScores: [Double]? { metrics[isClassification ? "test_accuracy" : "test_r2"] }

    /// Index of the best test score (ties: the largest α, the simpler model).
    var bestIndex: Int? {
        guard let scores = testScores, !scores.isEmpty else { return nil }
        var best = 0
        for k in scores.indices {
            if scores[k] > scores[best] || (scores[k] == scores[best] && alphas[k] > alphas[best]) { best = k }
        }
        return best
    }

    /// Index of the grid α nearest to `alpha` on a log scale (exact matches first).
    func index(nearest alpha: Double) -> Int? {
        guard !alphas.isEmpty else { return nil }
        if let exact = alphas.firstIndex(of: alpha) { return exact }
        func distance(_ a: Double) -> Double {
            if a <= 0 || alpha <= 0 { return abs(a - alpha) * 1e6 }
            return abs(log(a) - log(alpha))
        }
        return alphas.indices.min { distance(alphas[$0]) < distance(alphas[$1]) }
    }
}

import Foundation
