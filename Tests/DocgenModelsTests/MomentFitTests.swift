import Foundation
import XCTest
@testable import DocgenModels

/// Large least-squares experiments are fitted from per-fold moments instead of rows: the numbers must be those of
/// the row route to rounding, the sums those of the rows, and every fit the moments cannot certify must go by rows.
final class MomentFitTests: XCTestCase {
    /// n rows of p correlated features around `center` (far from the origin by default, so centring must not lose
    /// digits), one of them constant when `constantColumn`, and a target y = 5 + Xβ + noise.
    private func data(rows n: Int = 3000, features p: Int = 6, constantColumn: Bool = false, center: Double = 1000,
                      seed: UInt64 = 3) -> Dataset {
        var rng = SeededGenerator(seed: seed)
        var x = [Double](repeating: 0, count: n * p), y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let shared = rng.normal()
            for j in 0..<p {
                let value = constantColumn && j == 2 ? 7.25 : center + Double(j + 1) * (0.6 * shared + 0.8 * rng.normal())
                x[j * n + i] = value
                y[i] += (j % 2 == 0 ? 1.0 : -0.5) * value / Double(j + 1)
            }
            y[i] += 5 + 2 * rng.normal()
        }
        return Dataset(featureNames: (1...p).map { "x\($0)" }, targetName: "y", columnMajor: x, y: y)
    }

    private func assertClose(_ a: Double, _ b: Double, relative: Double, scale: Double = 1, _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        if a.isNaN && b.isNaN { return }
        XCTAssertLessThanOrEqual(abs(a - b), relative * max(abs(a), abs(b), scale), "\(what): \(a) vs \(b)",
                                 file: file, line: line)
    }

    /// Runs `spec` both ways and compares every number the result carries.
    private func assertBothRoutesAgree(_ data: Dataset, _ spec: ExperimentSpec, file: StaticString = #filePath,
                                       line: UInt = #line) throws {
        let (train, test) = try holdoutRows(rowCount: data.rowCount, split: spec.split)
        XCTAssertNotNil(try fitFromMoments(data, spec: spec, trainRows: train, testRows: test,
                                           metrics: spec.family.task.metrics, cellsAbove: 0),
                        "the moment route declined", file: file, line: line)
        let rows = try runExperiment(data, spec, momentsAbove: .max)
        let moments = try runExperiment(data, spec, momentsAbove: 0)
        XCTAssertEqual(rows.alphas.count, moments.alphas.count, file: file, line: line)
        for (a, b) in zip(rows.alphas, moments.alphas) { assertClose(a, b, relative: 1e-12, "alpha", file: file, line: line) }
        let largest = rows.coefficients.flatMap { $0 }.map(abs).max() ?? 1
        for k in rows.alphas.indices {
            for j in rows.coefficients[k].indices {
                assertClose(rows.coefficients[k][j], moments.coefficients[k][j], relative: 1e-7, scale: largest,
                            "β[\(k)][\(j)]", file: file, line: line)
            }
            assertClose(rows.intercepts[k], moments.intercepts[k], relative: 1e-9, "β₀[\(k)]", file: file, line: line)
            XCTAssertLessThanOrEqual(moments.dualityGaps[k], spec.settings.tolerance * moments.nullObjective,
                                     file: file, line: line)
        }
        XCTAssertEqual(rows.metricNames, moments.metricNames, file: file, line: line)
        for name in rows.metricNames {
            for (a, b) in zip(rows.metrics[name]!, moments.metrics[name]!) {
                assertClose(a, b, relative: 1e-8, "\(name)", file: file, line: line)
            }
        }
        XCTAssertEqual(rows.alphaMinIndex, moments.alphaMinIndex, file: file, line: line)
        XCTAssertEqual(rows.alpha1SEIndex, moments.alpha1SEIndex, file: file, line: line)
        XCTAssertEqual(rows.transform.isConstant, moments.transform.isConstant, file: file, line: line)
        for j in rows.transform.shifts.indices {
            assertClose(rows.transform.shifts[j], moments.transform.shifts[j], relative: 1e-13, "shift", file: file, line: line)
            assertClose(rows.transform.scales[j], moments.transform.scales[j], relative: 1e-10, "scale", file: file, line: line)
        }
        XCTAssertEqual(rows.warnings.map(\.kind), moments.warnings.map(\.kind), file: file, line: line)
        XCTAssertEqual(rows.entryOrder, moments.entryOrder, file: file, line: line)
    }

    func testLassoWithDocgenFoldsMatchesTheRowRoute() throws {
        try assertBothRoutesAgree(data(), ExperimentSpec(model: .lasso, alphas: .automatic(count: 40, ratio: 1e-3),
                                                         cv: CrossValidation(folds: 10, seed: 4)))
    }

    func testElasticNetWithASplitAndScikitLearnFoldsMatchesTheRowRoute() throws {
        try assertBothRoutesAgree(data(constantColumn: true),
                                  ExperimentSpec(model: .elasticNet(l1Ratio: 0.3), alphas: .automatic(count: 25, ratio: 1e-2),
                                                 split: HoldoutSplit(test: 0.25, seed: 9, method: .sklearn),
                                                 cv: CrossValidation(folds: 5, seed: 2, method: .sklearn)))
    }

    /// On raw features the row route's sums Σx_j(y − ȳ) lose digits to cancellation when the features sit far from
    /// 0 (about 1e-10 of α_max at a mean of 1000, where the moments lose none), so these features are centred near 3.
    func testUnstandardizedAndInterceptFreeAndNonNegativeFitsMatchTheRowRoute() throws {
        let d = data(features: 4, center: 3, seed: 8)
        try assertBothRoutesAgree(d, ExperimentSpec(model: .lasso, alphas: .automatic(count: 20, ratio: 1e-3),
                                                    standardize: false, split: HoldoutSplit(test: 0.2, seed: 1)))
        try assertBothRoutesAgree(d, ExperimentSpec(model: LeastSquares(penalty: .lasso, fitIntercept: false),
                                                    alphas: .automatic(count: 20, ratio: 1e-3), standardize: false,
                                                    cv: CrossValidation(folds: 4, seed: nil)))
        try assertBothRoutesAgree(d, ExperimentSpec(model: LeastSquares(penalty: .elasticNet(l1Ratio: 0.5), fitIntercept: false),
                                                    alphas: .logspace(start: 1, stop: -2, count: 15), cv: CrossValidation(folds: 3, seed: 5)))
        try assertBothRoutesAgree(d, ExperimentSpec(model: LeastSquares(penalty: .lasso, positive: true),
                                                    alphas: .automatic(count: 20, ratio: 1e-3),
                                                    cv: CrossValidation(folds: 5, seed: 5)))
    }

    /// The full fit from moments meets the elastic-net optimality conditions on the rows themselves.
    func testTheMomentFitMeetsTheOptimalityConditionsOnTheRows() throws {
        let d = data(seed: 21)
        let result = try runExperiment(d, ExperimentSpec(model: .elasticNet(l1Ratio: 0.7),
                                                         alphas: .automatic(count: 12, ratio: 1e-3)), momentsAbove: 0)
        let z = standardizedColumns(d)
        for k in result.alphas.indices {
            let violation = kktViolation(z: z, y: d.y, beta: result.coefficients[k], intercept: result.intercepts[k],
                                         alpha: result.alphas[k], rho: 0.7)
            XCTAssertLessThan(violation, 1e-6 * result.alphas[0], "α = \(result.alphas[k])")
        }
    }

    /// Each group's sums are the sums of its rows, taken directly; two threads give what one gives.
    func testGroupSumsAreTheSumsOfTheirRows() throws {
        let d = data(rows: 9001, features: 3, seed: 5)
        let n = d.rowCount, p = d.featureCount
        let groupOf = (0..<n).map { Int32($0 % 7 == 0 ? -1 : $0 % 3) }
        let one = RowGroupMoments(d, groupOf: groupOf, groupCount: 3, threads: 1)
        let two = RowGroupMoments(d, groupOf: groupOf, groupCount: 3, threads: 2)
        let used = (0..<n).filter { groupOf[$0] >= 0 }
        for j in 0..<p {
            let mean = used.reduce(0.0) { $0 + d.value(row: $1, feature: j) } / Double(used.count)
            assertClose(one.featureShift[j], mean, relative: 1e-14, "shift")
        }
        for g in 0..<3 {
            let rows = used.filter { groupOf[$0] == Int32(g) }
            let s = one.groups[g]
            XCTAssertEqual(s.count, rows.count)
            func u(_ i: Int, _ j: Int) -> Double { d.value(row: i, feature: j) - one.featureShift[j] }
            func v(_ i: Int) -> Double { d.y[i] - one.targetShift }
            let spread = Double(rows.count) * 100
            assertClose(s.v, rows.reduce(0) { $0 + v($1) }, relative: 1e-12, scale: spread, "Σv")
            assertClose(s.vv, rows.reduce(0) { $0 + v($1) * v($1) }, relative: 1e-12, "Σv²")
            for j in 0..<p {
                assertClose(s.u[j], rows.reduce(0) { $0 + u($1, j) }, relative: 1e-12, scale: spread, "Σu")
                assertClose(s.uv[j], rows.reduce(0) { $0 + u($1, j) * v($1) }, relative: 1e-12, "Σuv")
                XCTAssertEqual(s.low[j], rows.map { d.value(row: $0, feature: j) }.min())
                XCTAssertEqual(s.high[j], rows.map { d.value(row: $0, feature: j) }.max())
                for k in 0..<p {
                    assertClose(s.cross(j, k), rows.reduce(0) { $0 + u($1, j) * u($1, k) }, relative: 1e-12, "Σuu")
                    assertClose(two.groups[g].cross(j, k), s.cross(j, k), relative: 1e-12, "two threads")
                }
            }
        }
    }

    /// The squared-error sum expanded from the sums equals the residuals' sum of squares for any solution.
    func testSquaredErrorsFromSumsAreThoseOfThePredictions() throws {
        let d = data(rows: 500, features: 4, constantColumn: true, seed: 13)
        let groupOf = [Int32](repeating: 0, count: d.rowCount)
        let moments = RowGroupMoments(d, groupOf: groupOf, groupCount: 1)
        let transform = FeatureTransform(polynomialDegree: nil, featureNames: d.featureNames,
                                         shifts: [999, 1001, 7, 1003], scales: [1.5, 2, 1, 3.5],
                                         isConstant: [false, false, true, false])
        let solution = PathSolution(coefficients: [0.75, -1.25, 9, 0.5], intercept: 3.5, certificate: 0, converged: true)
        var direct = 0.0
        for i in 0..<d.rowCount {
            let z = transform.transform(raw: d.row(i))
            let prediction = solution.intercept + zip(z, solution.coefficients).reduce(0) { $0 + $1.0 * $1.1 }
            direct += (d.y[i] - prediction) * (d.y[i] - prediction)
        }
        assertClose(squaredErrorSum(moments.groups[0], of: moments, transform: transform, solution), direct,
                    relative: 1e-11, "SSE")
    }

    /// The cost of cross-validation from moments does not grow with the folds: the data's rows are read twice (their
    /// mean, then their sums) for 2, 5 or 20 folds, with or without a split. Counted, not timed (debug builds).
    func testFoldsDoNotMultiplyTheRowsRead() throws {
        #if !DEBUG
        throw XCTSkip("MomentRowReads counts in debug builds only")
        #else
        let d = data(rows: 4000, features: 5)
        for folds in [2, 5, 20] {
            for split in [nil, HoldoutSplit(test: 0.25, seed: 3)] {
                let before = MomentRowReads.count
                _ = try runExperiment(d, ExperimentSpec(model: .lasso, alphas: .automatic(count: 30, ratio: 1e-2),
                                                        split: split, cv: CrossValidation(folds: folds, seed: 1)),
                                      momentsAbove: 0)
                XCTAssertEqual(MomentRowReads.count - before, 2 * d.rowCount, "\(folds) folds, split \(split != nil)")
            }
        }
        #endif
    }

    /// Fits that need the rows decline the moment route: ridge and least squares (SVD), a grid far below α_max,
    /// a classifier, polynomial-free small data below the threshold.
    func testFitsThatNeedTheRowsGoByRows() throws {
        let d = data(rows: 400, features: 3)
        let rows = Array(0..<d.rowCount)
        func declined(_ spec: ExperimentSpec, cellsAbove: Int = 0) throws -> Bool {
            try fitFromMoments(d, spec: spec, trainRows: rows, testRows: [], metrics: [.r2, .mse],
                               cellsAbove: cellsAbove) == nil
        }
        let readsBefore = MomentRowReads.count
        XCTAssertTrue(try declined(ExperimentSpec(model: .ridge)))
        XCTAssertTrue(try declined(ExperimentSpec(model: .ols)))
        XCTAssertTrue(try declined(ExperimentSpec(model: .lasso, alphas: .explicit([1, 0]))))
        XCTAssertEqual(MomentRowReads.count, readsBefore, "declined before any pass over the data")
        XCTAssertTrue(try declined(ExperimentSpec(model: .lasso, alphas: .automatic(count: 10, ratio: 1e-6))))
        XCTAssertTrue(try declined(ExperimentSpec(model: .lasso, alphas: .explicit([1, 0]))))
        XCTAssertTrue(try declined(ExperimentSpec(model: .lasso), cellsAbove: d.rowCount * 3 + 1))
        XCTAssertFalse(try declined(ExperimentSpec(model: .lasso), cellsAbove: d.rowCount * 3))
        var labels = d
        labels.y = d.y.map { $0 > 0 ? 1 : 0 }
        XCTAssertNil(try fitFromMoments(labels, spec: ExperimentSpec(model: .logistic(penalty: .l1)), trainRows: rows,
                                        testRows: [], metrics: [.accuracy, .logLoss], cellsAbove: 0))
    }
}
