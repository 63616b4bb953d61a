import CLapack
import XCTest
@testable import DocgenModels

final class ClosedFormTests: XCTestCase {
    /// Ridge by Cholesky: (ZᵀZ/n + αI)β = Zᵀ(y − ȳ)/n.
    private func choleskyRidge(_ z: [[Double]], _ y: [Double], alpha: Double) -> [Double] {
        let n = y.count, p = z.count
        let ym = y.reduce(0, +) / Double(n)
        var a = [Double](repeating: 0, count: p * p), b = [Double](repeating: 0, count: p)
        for j in 0..<p {
            for k in 0..<p { a[k * p + j] = zip(z[j], z[k]).reduce(0) { $0 + $1.0 * $1.1 } / Double(n) }
            a[j * p + j] += alpha
            b[j] = zip(z[j], y).reduce(0) { $0 + $1.0 * ($1.1 - ym) } / Double(n)
        }
        let info = docgen_LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(p), 1, &a, Int32(p), &b, Int32(p))
        XCTAssertEqual(info, 0)
        return b
    }

    func testRidgePathMatchesCholeskySolveAtEveryAlpha() throws {
        let data = try loadDiabetes()
        let alphas = [100, 1, 0.01, 10]
        let result = try runExperiment(data, ExperimentSpec(model: .ridge, alphas: .explicit(alphas)))
        let z = standardizedColumns(data)
        for (k, alpha) in alphas.enumerated() {
            let expected = choleskyRidge(z, data.y, alpha: alpha)
            for j in 0..<10 { XCTAssertEqual(result.coefficients[k][j], expected[j], accuracy: 1e-9 * max(1, abs(expected[j]))) }
            XCTAssertEqual(result.intercepts[k], data.y.reduce(0, +) / 442, accuracy: 1e-9)
            XCTAssertLessThan(kktViolation(z: z, y: data.y, beta: result.coefficients[k], intercept: result.intercepts[k],
                                           alpha: alpha, rho: 0), 1e-8)
            XCTAssertLessThan(result.dualityGaps[k], 1e-9 * result.nullObjective)
        }
    }

    func testRidgeWithMoreFeaturesThanRowsMatchesCholesky() throws {
        var rng = SeededGenerator(seed: 11)
        let n = 12, p = 30
        let columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() } }
        let y = (0..<n).map { _ in rng.normal() }
        let data = try Dataset(featureNames: (1...p).map { "f\($0)" }, targetName: "y", columns: columns, y: y)
        let result = try runExperiment(data, ExperimentSpec(model: .ridge, alphas: .explicit([0.05, 2])))
        let z = standardizedColumns(data)
        for (k, alpha) in [0.05, 2].enumerated() {
            let expected = choleskyRidge(z, y, alpha: alpha)
            for j in 0..<p { XCTAssertEqual(result.coefficients[k][j], expected[j], accuracy: 1e-9) }
        }
    }

    func testRidgeOnOneStandardizedFeatureIsOneOverOnePlusAlpha() throws {
        let data = try Dataset(featureNames: ["x"], targetName: "y", columns: [[-1, 1]], y: [0, 2])
        let result = try runExperiment(data, ExperimentSpec(model: .ridge, alphas: .explicit([0.5, 3])))
        XCTAssertEqual(result.coefficients[0][0], 1 / 1.5, accuracy: 1e-14)
        XCTAssertEqual(result.coefficients[1][0], 1 / 4.0, accuracy: 1e-14)
        XCTAssertEqual(result.intercepts[0], 1, accuracy: 1e-14)
    }

    func testOLSRecoversAnExactLineOnTheRawScale() throws {
        let data = try Dataset(featureNames: ["x"], targetName: "y", columns: [[0, 1, 2, 5]], y: [1, 3, 5, 11])
        let result = try runExperiment(data, ExperimentSpec(model: .ols, standardize: false))
        XCTAssertEqual(result.alphas, [0])
        XCTAssertEqual(result.coefficients[0][0], 2, accuracy: 1e-12)
        XCTAssertEqual(result.intercepts[0], 1, accuracy: 1e-12)
        XCTAssertEqual(result.predict(raw: [10], alphaIndex: 0), 21, accuracy: 1e-10)
        XCTAssertEqual(result.metrics["train_r2"]?[0] ?? 0, 1, accuracy: 1e-12)
    }

    func testOLSMatchesLapackQRLeastSquares() throws {
        let data = try loadDiabetes()
        let result = try runExperiment(data, ExperimentSpec(model: .ols))
        let z = standardizedColumns(data)
        var a = z.flatMap { $0 }
        let ym = data.y.reduce(0, +) / 442
        var b = data.y.map { $0 - ym }
        let info = docgen_LAPACKE_dgels(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), 442, 10, 1, &a, 442, &b, 442)
        XCTAssertEqual(info, 0)
        for j in 0..<10 { XCTAssertEqual(result.coefficients[0][j], b[j], accuracy: 1e-8 * max(1, abs(b[j]))) }
    }

    func testAlphaZeroWithMoreFeaturesThanRowsGivesMinimumNormInterpolantAndWarns() throws {
        var rng = SeededGenerator(seed: 5)
        let n = 6, p = 9
        let columns = (0..<p).map { _ in (0..<n).map { _ in rng.normal() } }
        let y = (0..<n).map { _ in rng.normal() }
        let data = try Dataset(featureNames: (1...p).map { "f\($0)" }, targetName: "y", columns: columns, y: y)
        let result = try runExperiment(data, ExperimentSpec(model: .lasso, alphas: .explicit([0])))
        XCTAssertEqual(result.metrics["train_mse"]?[0] ?? 1, 0, accuracy: 1e-20)
        XCTAssertTrue(result.warnings.contains { $0.kind == .rankDeficient })
        // Minimum norm: β lies in the row space of the centered design, so it matches a ridge limit.
        let nearZeroRidge = try runExperiment(data, ExperimentSpec(model: .ridge, alphas: .explicit([1e-10])))
        for j in 0..<p { XCTAssertEqual(result.coefficients[0][j], nearZeroRidge.coefficients[0][j], accuracy: 1e-6) }
    }
}
