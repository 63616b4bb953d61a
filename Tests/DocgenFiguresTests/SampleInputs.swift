import DocgenFigures
import DocgenModels
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

extension SampleInputs {
    /// Ridge-like train/test R² curves: train falls monotonically with α, test peaks at α = 1.
    static func scores(alphas: [Double] = logspace(-3, 3, 40)) -> ScoresFigureInput {
        let train = alphas.map { 0.62 - 0.5 * $0 / ($0 + 20) - 0.02 * log10($0 + 1) }
        let test = alphas.map { a -> Double in let l = log10(a); return 0.48 - 0.025 * l * l - (l > 0 ? 0.03 * l * l : 0) }
        return ScoresFigureInput(alphas: alphas, trainScores: train, testScores: test, metricName: "R^2",
                                 higherIsBetter: true, datasetName: "diabetes", modelName: "ridge")
    }

    /// A glmnet-like CV curve: minimum at α ≈ 0.3, SE 4 % of the mean.
    static func cvCurve(alphas: [Double] = logspace(-3, 1.5, 50)) -> CVCurveFigureInput {
        let mean = alphas.map { a -> Double in let l = log10(a) + 0.5; return 2900 + 180 * l * l + (l > 0 ? 900 * l * l : 0) }
        let se = mean.map { 0.04 * $0 }
        let counts = alphas.map { a in leastSquares.filter { abs($0) > a * 2 }.count }
        return CVCurveFigureInput(alphas: alphas, meanError: mean, standardError: se, nonzeroCounts: counts,
                                  alphaMin: alphas[mean.indices.min { mean[$0] < mean[$1] }!], alpha1SE: 1.8,
                                  datasetName: "diabetes", modelName: "lasso")
    }
}

extension SampleInputs {
    /// Correlated two-feature loss with unconstrained optimum (1.6, 0.5); constrained solutions found by
    /// minimizing the loss over a dense sampling of each region's boundary (the optimum lies outside all three).
    static func constraintGeometry(budget: Double = 1, rho: Double = 0.5) -> ConstraintGeometryInput {
        budget == 1 && rho == 0.5 ? defaultConstraintGeometry : solvedConstraintGeometry(budget: budget, rho: rho)
    }

    /// The default sample, solved once: the dense boundary search takes about a quarter of a second in a debug build.
    private static let defaultConstraintGeometry = solvedConstraintGeometry(budget: 1, rho: 0.5)

    private static func solvedConstraintGeometry(budget: Double, rho: Double) -> ConstraintGeometryInput {
        let a = [1.0, 0.6, 0.6, 1.0], optimum = [1.6, 0.5]
        let b = [a[0] * optimum[0] + a[1] * optimum[1], a[2] * optimum[0] + a[3] * optimum[1]]
        var input = ConstraintGeometryInput(a: a, b: b, budget: budget, l1Ratio: rho, featureNames: ["bmi", "s5"])
        func solve(_ kind: ConstraintGeometryOptions.PanelKind) -> [Double] {
            let edge = ConstraintGeometryFigure.boundary(kind, budget: budget, l1Ratio: rho, count: 200_000)
            let k = edge.xs.indices.min { input.loss(edge.xs[$0], edge.ys[$0]) < input.loss(edge.xs[$1], edge.ys[$1]) }!
            return [edge.xs[k], edge.ys[k]]
        }
        input.lassoSolution = solve(.lasso); input.ridgeSolution = solve(.ridge); input.elasticNetSolution = solve(.elasticNet)
        return input
    }
}

extension SampleInputs {
    /// Deterministic pseudo-noise in [−1, 1] (a linear congruential generator).
    static func noise(_ n: Int, seed: UInt64 = 7) -> [Double] {
        var state = seed
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// sin(2πx) samples; fits: a wiggly one (small α), a good one, a flat one (large α).
    static func polynomialFit() -> PolynomialFitInput {
        let sx = (0..<20).map { (Double($0) + 0.5) / 20 }
        let sy = zip(sx, noise(20)).map { sin(2 * Double.pi * $0) + 0.3 * $1 }
        let grid = (0...200).map { Double($0) / 200 }
        let truth = grid.map { sin(2 * Double.pi * $0) }
        return PolynomialFitInput(sampleX: sx, sampleY: sy, trueX: grid, trueY: truth, fits: [
            FittedCurve(alpha: 1e-9, xs: grid, ys: grid.map { sin(2 * Double.pi * $0) + 0.5 * sin(40 * $0) * (1 + 6 * pow($0 - 0.5, 2) * 4) }),
            FittedCurve(alpha: 1e-3, xs: grid, ys: grid.map { 0.93 * sin(2 * Double.pi * $0) }),
            FittedCurve(alpha: 1, xs: grid, ys: grid.map { 0.35 - 0.7 * $0 }),
        ], degree: 9, modelName: "ridge")
    }

    static func complexity() -> ComplexityCurveInput {
        let degrees = (1...15).map(Double.init)
        return ComplexityCurveInput(xKind: .degree, xs: degrees,
                                    trainError: degrees.map { 0.45 * exp(-0.4 * $0) + 0.04 },
                                    testError: degrees.map { 0.09 + 0.012 * pow($0 - 4, 2) + ($0 > 11 ? 0.2 * ($0 - 11) : 0) },
                                    datasetName: "sin(2πx) samples")
    }

    static func coefficients() -> CoefficientsFigureInput {
        let ols = leastSquares
        return CoefficientsFigureInput(modelNames: ["OLS", "ridge", "lasso", "elastic net"], featureNames: names,
                                       values: [ols, ols.map { $0 / 1.5 }, ols.map { softThreshold($0, 5) },
                                                ols.map { softThreshold($0, 2.5) / 1.25 }])
    }
}

extension SampleInputs {
    /// Four features with XᵀX/n = I that standardizing leaves as they are: columns 1, 2, 4 and 7 of the 8×8
    /// Sylvester–Hadamard matrix H[i][j] = (−1)^popcount(i & j). Each column is ±1 with mean 0 and variance 1
    /// (with 1/n), and distinct columns are orthogonal. The target is y = 5 + X·[3, −2, 1, 0.5] + 0.75·h₃, where
    /// column 3 of H is orthogonal to every feature, so the fit does not reproduce y exactly.
    static func orthonormalDesign() throws -> Dataset {
        func column(_ j: Int) -> [Double] { (0..<8).map { i -> Double in (i & j).nonzeroBitCount % 2 == 0 ? 1 : -1 } }
        let columns = [1, 2, 4, 7].map(column), residual = column(3)
        let beta = [3.0, -2, 1, 0.5]
        var y = residual.map { 5 + 0.75 * $0 }
        for (j, column) in columns.enumerated() {
            for i in 0..<8 { y[i] += beta[j] * column[i] }
        }
        return try Dataset(featureNames: ["a", "b", "c", "d"], targetName: "y", columns: columns, y: y)
    }

    /// z = Xᵀy/n computed from the data's columns: the least-squares coefficients when XᵀX/n = I (the intercept
    /// takes the mean of y, and the columns have mean 0, so centering y changes nothing).
    static func leastSquaresOnOrthonormalDesign(_ data: Dataset) -> [Double] {
        (0..<data.featureCount).map { j in zip(data.column(j), data.y).reduce(0) { $0 + $1.0 * $1.1 } / Double(data.rowCount) }
    }

    /// How far, in any coordinate, a fit on the orthonormal design certified with duality gap `gap` may lie from the
    /// exact solution: with XᵀX/n = I the objective is 1-strongly convex in β, so ‖β − β*‖ ≤ √(2·gap); 1e-12 covers
    /// rounding when the gap is 0.
    static func orthonormalTolerance(gap: Double) -> Double { (2 * max(gap, 0)).squareRoot() + 1e-12 }

    /// Two correlated features and a linear target with noise (n = 40), for kinds that need a split, CV or exactly
    /// two features.
    static func twoCorrelatedFeatures(seed: UInt64 = 3) throws -> Dataset {
        try generate(.correlated(n: 40, p: 2, rho: 0.6, noise: 0.5, seed: seed, coefficients: [1.5, 0.4])).dataset
    }
}
