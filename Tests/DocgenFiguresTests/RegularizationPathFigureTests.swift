import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation
import XCTest

/// `{figure} regularization-path`.
final class RegularizationPathFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

    func testPathFigureIsAValid1600By1000PNGAndDeterministic() throws {
        let a = try RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render()
        try FigureChecks.assertValidPNG(a.png)
        XCTAssertEqual(a.png, try RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render().png)
        let dark = try RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render(style: FigureStyle(theme: .dark))
        XCTAssertNotEqual(a.png, dark.png)
    }

    func testCSVListsEveryAlphaWithL1NormAndNonzeroCountOfSoftThresholding() throws {
        let input = SampleInputs.lassoPath()
        let rows = FigureChecks.csvRows(try RegularizationPathFigure.drawing(input).render().csv)
        XCTAssertEqual(rows[0], ["alpha", "l1_norm", "nonzero"] + SampleInputs.names)
        XCTAssertEqual(rows.count, input.alphas.count + 1)
        for row in rows.dropFirst() {
            let alpha = try XCTUnwrap(Double(row[0]))
            // Orthonormal design: β_j = S(z_j, α), so the count is #{|z_j| > α} and ‖β‖₁ = Σ max(|z_j| − α, 0).
            XCTAssertEqual(Int(row[2]), SampleInputs.leastSquares.filter { abs($0) > alpha }.count)
            XCTAssertEqual(try XCTUnwrap(Double(row[1])), SampleInputs.leastSquares.reduce(0) { $0 + max(abs($1) - alpha, 0) }, accuracy: 1e-9)
        }
        let alphas = rows.dropFirst().compactMap { Double($0[0]) }
        XCTAssertEqual(alphas, alphas.sorted(by: >), "rows run from strong to weak penalty")
    }

    func testAltTextNamesTheFirstAndLastFeatureToEnterByMagnitude() throws {
        // Entry order on an orthonormal design is by decreasing |z_j|: s5 (33.6) first, age (0.3) last.
        let alt = try RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render().altText
        XCTAssertTrue(alt.hasPrefix("Lasso path of 10 coefficients on diabetes"), alt)
        XCTAssertTrue(alt.contains("s5 becomes nonzero first, age last"), alt)
        XCTAssertTrue(alt.contains("cross-validation picks α = 1.2"), alt)
    }

    func testLabelledLinesDifferInDashOrMarkerSoTheyReadInGrayscale() throws {
        let figure = try RegularizationPathFigure.makeFigure(SampleInputs.lassoPath(), options: PathFigureOptions())
        var styles: [String] = []
        for case .line(let s) in figure.panels[0].items where s.directLabel {
            styles.append("\(s.dash)|\(String(describing: s.marker))")
        }
        XCTAssertEqual(styles.count, 10)
        XCTAssertEqual(Set(styles).count, styles.count)
    }

    func testTopAxisCountsMatchTheNearestAlpha() throws {
        let figure = try RegularizationPathFigure.makeFigure(SampleInputs.lassoPath(), options: PathFigureOptions())
        let top = try XCTUnwrap(figure.panels[0].top)
        XCTAssertFalse(top.positions.isEmpty)
        for (alpha, label) in zip(top.positions, top.labels) where alpha >= 0.01 && alpha <= 39.8 {
            let grid = SampleInputs.lassoPath().alphas
            let nearest = grid.min { abs(log($0 / alpha)) < abs(log($1 / alpha)) }!
            XCTAssertEqual(Int(label), SampleInputs.leastSquares.filter { abs($0) > nearest }.count)
        }
    }

    func testNoTextOverlapsAcrossExtremeRanges() throws {
        let extremes: [(Double, Double, Double)] = [(12, -12, 1e-7), (1, -1, 1), (4, 3.5, 1e6), (-1, -1.02, 0.01)]
        for (hi, lo, scale) in extremes {
            let alphas = SampleInputs.logspace(hi, lo, 40)
            let zs = SampleInputs.leastSquares.map { $0 * scale }
            let threshold = alphas.map { $0 * scale * (33.6 / alphas[0]) }
            let coefficients = threshold.map { t in zs.map { SampleInputs.softThreshold($0, t) } }
            let input = PathFigureInput(featureNames: SampleInputs.names.map { "feature_\($0)" }, alphas: alphas,
                                        coefficients: coefficients, alphaMin: alphas[20], alpha1SE: alphas[18])
            for mode in [PathFigureOptions.XAxis.logAlpha, .l1Norm] {
                try FigureChecks.assertTextDoesNotOverlap(try RegularizationPathFigure.makeFigure(input, options: PathFigureOptions(xAxis: mode)))
            }
        }
    }

    func testManyFeaturesLabelTheFirstToEnterAndKeepLabelsApart() throws {
        let p = 60
        var z: [Double] = []
        for j in 0..<p { z.append(j % 7 == 0 ? Double(10 + j) : Double(j % 5 - 2)) }
        let alphas = SampleInputs.logspace(2, -2, 50)
        let input = PathFigureInput(featureNames: (0..<p).map { "x\($0)" }, alphas: alphas,
                                    coefficients: alphas.map { a in z.map { SampleInputs.softThreshold($0, a) } })
        let figure = try RegularizationPathFigure.makeFigure(input, options: PathFigureOptions())
        var labelled: [String] = []
        for case .line(let s) in figure.panels[0].items where s.directLabel { labelled.append(s.label ?? "") }
        XCTAssertEqual(labelled.count, 10)
        // The nine large coefficients (every seventh feature) enter first, as the penalty weakens.
        XCTAssertTrue(Set(stride(from: 0, to: p, by: 7).map { "x\($0)" }).isSubset(of: Set(labelled)), "\(labelled)")
        // An author's list replaces the automatic choice.
        let chosen = try RegularizationPathFigure.makeFigure(input, options: PathFigureOptions(labelled: ["x3", "x14"]))
        var named: [String] = []
        for case .line(let s) in chosen.panels[0].items where s.directLabel { named.append(s.label ?? "") }
        XCTAssertEqual(Set(named), ["x3", "x14"])
        try FigureChecks.assertTextDoesNotOverlap(figure)
    }

    func testMismatchedInputIsAnErrorNotACrash() {
        var input = SampleInputs.lassoPath()
        input.coefficients.removeLast()
        XCTAssertThrowsError(try RegularizationPathFigure.drawing(input).render()) { XCTAssertTrue(($0 as? FigureInputError)?.message.contains("coefficients") == true) }
        input = SampleInputs.lassoPath()
        input.alphas[3] = -1
        XCTAssertThrowsError(try RegularizationPathFigure.drawing(input).render())
        input = SampleInputs.lassoPath()
        input.coefficients[2][1] = .nan
        XCTAssertThrowsError(try RegularizationPathFigure.drawing(input).render())
    }

    func testSingleAlphaAndAllZeroPathsRender() throws {
        let one = PathFigureInput(featureNames: ["a", "b"], alphas: [0.5], coefficients: [[0, 0]])
        for mode in [PathFigureOptions.XAxis.logAlpha, .l1Norm] {
            let out = try RegularizationPathFigure.drawing(one, options: PathFigureOptions(xAxis: mode)).render()
            try FigureChecks.assertValidPNG(out.png)
            XCTAssertTrue(out.altText.contains("2 coefficients"), out.altText)
            try FigureChecks.assertTextDoesNotOverlap(try RegularizationPathFigure.makeFigure(one, options: PathFigureOptions(xAxis: mode)))
        }
        let zeros = PathFigureInput(featureNames: ["a", "b", "c"], alphas: [1, 0.1, 0.01], coefficients: Array(repeating: [0, 0, 0], count: 3))
        try FigureChecks.assertValidPNG(try RegularizationPathFigure.drawing(zeros).render().png)
    }

    func testConcurrentRendersMatchSerialOnes() throws {
        let serial = try RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render().png
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var pngs: [[UInt8]] = []
            func add(_ png: [UInt8]) { lock.lock(); pngs.append(png); lock.unlock() }
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            if let png = try? RegularizationPathFigure.drawing(SampleInputs.lassoPath()).render().png { results.add(png) }
        }
        XCTAssertEqual(results.pngs.count, 4)
        for png in results.pngs { XCTAssertEqual(png, serial) }
    }

    // MARK: Options

    func testReadsTheXAxisAndCVLines() throws {
        let kind = try accepted(RegularizationPathFigure.reading(["x": "l1-norm", "cv_lines": "true"]))
        XCTAssertEqual(kind.xAxis, .l1Norm)
        XCTAssertTrue(kind.cvLines)
    }

    func testWithoutOptionsThePathIsAgainstLogAlphaWithoutCVLines() throws {
        let kind = try accepted(RegularizationPathFigure.reading([:]))
        XCTAssertEqual(kind.xAxis, .logAlpha)
        XCTAssertFalse(kind.cvLines)
        XCTAssertEqual(try accepted(RegularizationPathFigure.reading(["x": "alpha"])).xAxis, .logAlpha, "alpha is a synonym")
        XCTAssertEqual(try accepted(RegularizationPathFigure.reading(["x": "log-alpha"])).xAxis, .logAlpha)
    }

    func testAnUnknownXAxisIsAnErrorOnItsLine() {
        assertRejected(RegularizationPathFigure.reading(["cv_lines": "true", "x": "weird"]),
                       "'x' must be log-alpha or l1-norm, found 'weird'", at: "x")
    }

    // MARK: Requirements

    func testNeedsAPenalizedModel() {
        XCTAssertEqual(RegularizationPathFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ols))),
                       ["figure regularization-path needs a penalized model; 'e' is ols"])
    }

    func testCVLinesNeedCrossValidation() {
        let figure = RegularizationPathFigure(cvLines: true)
        XCTAssertEqual(figure.problems(with: Experiments.planned(ExperimentSpec(model: .lasso))),
                       ["cv_lines needs experiment 'e' to have 'cv'"])
        XCTAssertEqual(figure.problems(with: Experiments.planned(ExperimentSpec(model: .ols))),
                       ["figure regularization-path needs a penalized model; 'e' is ols", "cv_lines needs experiment 'e' to have 'cv'"])
    }

    func testAPenalizedModelWithCrossValidationMeetsEveryRequirement() {
        let spec = ExperimentSpec(model: .elasticNet(l1Ratio: 0.5), cv: CrossValidation(folds: 5, seed: 0))
        XCTAssertEqual(RegularizationPathFigure(cvLines: true).problems(with: Experiments.planned(spec)), [])
        XCTAssertEqual(RegularizationPathFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ridge))), [])
    }

    // MARK: CSV from a real fit

    /// The path CSV of `spec` fitted on the orthonormal design, row by row, with the certified duality gap of each α.
    private func orthonormalPath(_ spec: ExperimentSpec) throws -> (z: [Double], rows: [(alpha: Double, l1: Double, nonzero: Int, beta: [Double], gap: Double)]) {
        let data = try SampleInputs.orthonormalDesign()
        let e = try Experiments.finished(data, spec)
        let csv = try RegularizationPathFigure().draw([e], title: nil).csv
        XCTAssertEqual(FigureChecks.csvRows(csv)[0], ["alpha", "l1_norm", "nonzero", "a", "b", "c", "d"])
        let rows = try FigureChecks.csvNumbers(csv).map { cells in
            let alpha = try XCTUnwrap(cells[0]), k = try XCTUnwrap(e.result.alphas.firstIndex(of: alpha))
            return (alpha, try XCTUnwrap(cells[1]), Int(try XCTUnwrap(cells[2])), try cells[3...].map { try XCTUnwrap($0) },
                    e.result.dualityGaps[k])
        }
        return (SampleInputs.leastSquaresOnOrthonormalDesign(data), rows)
    }

    private func tolerance(_ gap: Double) -> Double { SampleInputs.orthonormalTolerance(gap: gap) }

    func testLassoPathCSVIsSoftThresholdingOnAnOrthonormalDesign() throws {
        // The grid is unsorted and holds α = 0, which the path leaves out (no point on a log axis).
        let grid = [0.75, 4, 0, 0.05, 2.5, 1.5, 0.25]
        let (z, rows) = try orthonormalPath(ExperimentSpec(model: .lasso, alphas: .explicit(grid)))
        XCTAssertEqual(z, [3, -2, 1, 0.5], "the design's least-squares coefficients")
        XCTAssertEqual(rows.map(\.alpha), [4, 2.5, 1.5, 0.75, 0.25, 0.05], "every α > 0, strong to weak")
        for row in rows {
            let expected = z.map { SampleInputs.softThreshold($0, row.alpha) }
            for j in z.indices { XCTAssertEqual(row.beta[j], expected[j], accuracy: tolerance(row.gap), "α = \(row.alpha), feature \(j)") }
            XCTAssertEqual(row.nonzero, z.filter { abs($0) > row.alpha }.count, "coordinate descent zeroes |z_j| ≤ α exactly")
            XCTAssertEqual(row.l1, expected.reduce(0) { $0 + abs($1) }, accuracy: 4 * tolerance(row.gap))
        }
    }

    func testRidgePathCSVIsProportionalShrinkageOnAnOrthonormalDesign() throws {
        let (z, rows) = try orthonormalPath(ExperimentSpec(model: .ridge, alphas: .explicit([10, 1, 0.1])))
        XCTAssertEqual(rows.map(\.alpha), [10, 1, 0.1])
        for row in rows {
            // argmin (1/(2n))‖y − Xβ‖² + (α/2)‖β‖² with XᵀX/n = I: (1 + α)β = z.
            for j in z.indices { XCTAssertEqual(row.beta[j], z[j] / (1 + row.alpha), accuracy: tolerance(row.gap), "α = \(row.alpha)") }
            XCTAssertEqual(row.nonzero, 4, "ridge never zeroes a coefficient")
        }
    }

    func testElasticNetPathCSVIsSoftThresholdingThenShrinkage() throws {
        let rho = 0.4
        let (z, rows) = try orthonormalPath(ExperimentSpec(model: .elasticNet(l1Ratio: rho), alphas: .explicit([6, 2, 0.5])))
        for row in rows {
            // Per coordinate: argmin ½(β − z)² + αρ|β| + α(1 − ρ)/2·β² = S(z, αρ) / (1 + α(1 − ρ)).
            for j in z.indices {
                XCTAssertEqual(row.beta[j], SampleInputs.softThreshold(z[j], row.alpha * rho) / (1 + row.alpha * (1 - rho)),
                               accuracy: tolerance(row.gap), "α = \(row.alpha), feature \(j)")
            }
        }
    }

    func testCVLinesMarkCrossValidationsChoices() throws {
        let spec = ExperimentSpec(model: .lasso, alphas: .automatic(count: 20, ratio: 1e-2), cv: CrossValidation(folds: 5, seed: 1))
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), spec)
        let figure = try RegularizationPathFigure(cvLines: true).draw([e], title: nil).figure
        let marked = figure.panels[0].items.compactMap { item -> Double? in
            if case .reference(let r) = item, r.orientation == .vertical { return r.value } else { return nil }
        }
        XCTAssertEqual(marked, [try XCTUnwrap(e.result.alphaMin), try XCTUnwrap(e.result.alpha1SE)])
        let unmarked = try RegularizationPathFigure(cvLines: false).draw([e], title: nil).figure
        XCTAssertFalse(unmarked.panels[0].items.contains { if case .reference(let r) = $0 { return r.orientation == .vertical } else { return false } })
    }

    // MARK: Draw errors

    func testDrawingWithoutAnExperimentIsAnError() {
        XCTAssertEqual(FigureChecks.figureInputError { try RegularizationPathFigure().draw([], title: nil) },
                       FigureInputError("regularization-path", "needs an experiment"))
    }

    func testDrawingALeastSquaresFitIsAnErrorForItHasNoPositiveAlpha() throws {
        let e = try Experiments.finished(try SampleInputs.orthonormalDesign(), ExperimentSpec(model: .ols))
        XCTAssertEqual(FigureChecks.figureInputError { try RegularizationPathFigure().draw([e], title: nil) },
                       FigureInputError("regularization-path", "needs at least one feature and one α"))
    }
}
