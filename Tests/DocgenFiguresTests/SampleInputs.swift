import DocgenFigures
import Foundation

/// Small inputs with known structure shared by the figure tests.
enum SampleInputs {
    /// Diabetes-like feature names and least-squares coefficients on an orthonormal design, where the lasso
    /// path is exactly soft-thresholding: β_j(α) = sign(z_j)·max(|z_j| − α, 0).
    static let names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
    static let leastSquares = [0.3, -11.2, 24.9, 15.4, -30.1, 17.8, 3.2, 7.4, 33.6, 3.1]

    static func logspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { pow(10, a + (b - a) * Double($0) / Double(n - 1)) }
    }

    static func softThreshold(_ z: Double, _ t: Double) -> Double { z > 0 ? max(z - t, 0) : min(z + t, 0) }

    static func lassoPath(alphas: [Double] = logspace(1.6, -2, 60)) -> PathFigureInput {
        PathFigureInput(featureNames: names, alphas: alphas,
                        coefficients: alphas.map { a in leastSquares.map { softThreshold($0, a) } },
                        alphaMin: 1.2, alpha1SE: 4.5, datasetName: "diabetes", modelName: "Lasso")
    }
}
