import Foundation
import XCTest
@testable import DocgenModels

/// Repository root, found from this file's path (Tests/DocgenModelsTests/TestSupport.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let diabetesPath = repositoryRoot.appendingPathComponent("Content/data/diabetes.csv").path
let breastCancerPath = repositoryRoot.appendingPathComponent("Content/data/breast_cancer.csv").path
let fixturesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

func loadDiabetes() throws -> Dataset { try Dataset.load(csvPath: diabetesPath, target: "progression") }

/// Independent standardization (mean 0, sd with 1/n) used to check results, column-major.
func standardizedColumns(_ data: Dataset) -> [[Double]] {
    (0..<data.featureCount).map { j in
        let c = data.column(j)
        let m = c.reduce(0, +) / Double(c.count)
        let sd = (c.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(c.count)).squareRoot()
        return c.map { sd > 0 ? ($0 - m) / sd : 0 }
    }
}

/// Largest violation of the elastic-net optimality (KKT) conditions at (α, ρ) for coefficients `beta`, intercept
/// `b0` on feature columns `z` (already on the model scale):
///   β_j ≠ 0: z_jᵀr/n − α(1−ρ)β_j = αρ·sign(β_j);  β_j = 0: |z_jᵀr/n| ≤ αρ;  intercept: Σr = 0.
func kktViolation(z: [[Double]], y: [Double], beta: [Double], intercept b0: Double, alpha: Double, rho: Double) -> Double {
    let n = y.count
    var r = y.map { $0 - b0 }
    for (j, col) in z.enumerated() where beta[j] != 0 { for i in 0..<n { r[i] -= beta[j] * col[i] } }
    var worst = abs(r.reduce(0, +) / Double(n))
    for (j, col) in z.enumerated() {
        var g = 0.0
        for i in 0..<n { g += col[i] * r[i] }
        g /= Double(n)
        if beta[j] != 0 {
            worst = max(worst, abs(g - alpha * (1 - rho) * beta[j] - alpha * rho * (beta[j] > 0 ? 1 : -1)))
        } else {
            worst = max(worst, abs(g) - alpha * rho)
        }
    }
    return worst
}

/// Four breast cancer features (worst radius, worst texture, mean smoothness, worst concave points), standardized
/// independently of docgen: the data, its standardized columns and those columns flattened column-major.
func standardizedBreastCancerSubset() throws -> (data: Dataset, columns: [[Double]], x: [Double]) {
    let data = try Dataset.load(csvPath: breastCancerPath, target: "malignant",
                                features: ["worst_radius", "worst_texture", "mean_smoothness", "worst_concave_points"])
    let columns = standardizedColumns(data)
    return (data, columns, columns.flatMap { $0 })
}

/// The logistic path through the path driver, as the solver tests knew it: penalty mix ρ, absolute settings.
func logisticPath(_ z: Dataset, alphas: [Double], l1Ratio rho: Double, tolerance: Double,
                  maxIterations: Int) throws -> FittedPath {
    let family = LogisticRegression(penalty: rho == 1 ? .l1 : rho == 0 ? .l2 : .elasticNet(l1Ratio: rho))
    return try PathDriver.fit(family, z, alphas: alphas,
                              settings: SolverSettings(tolerance: tolerance, maxIterations: maxIterations))
}
