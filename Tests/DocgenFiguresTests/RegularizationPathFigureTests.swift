import DocgenFigures
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

    func testManyFeaturesLabelOnlyTheLargestAndKeepLabelsApart() throws {
        let p = 60
        var z: [Double] = []
        for j in 0..<p { z.append(j % 7 == 0 ? Double(10 + j) : Double(j % 5 - 2)) }
        let alphas = SampleInputs.logspace(2, -2, 50)
        let input = PathFigureInput(featureNames: (0..<p).map { "x\($0)" }, alphas: alphas,
                                    coefficients: alphas.map { a in z.map { SampleInputs.softThreshold($0, a) } })
        let figure = try RegularizationPathFigure.makeFigure(input, options: PathFigureOptions())
        let labelled = figure.panels[0].items.filter { if case .line(let s) = $0 { return s.directLabel } else { return false } }
        XCTAssertEqual(labelled.count, 12)
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
}
