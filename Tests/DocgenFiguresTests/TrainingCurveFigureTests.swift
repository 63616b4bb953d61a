import DocgenFigures
import DocgenModels
import DocgenPlotting
import Foundation
import XCTest

/// `{figure} training-curve`.
final class TrainingCurveFigureTests: XCTestCase {
    /// Two α: losses falling geometrically, the validation loss turning up again after epoch 30 at the small α.
    private func sample(validated: Bool = true) -> TrainingCurveInput {
        let epochs = 0..<60
        let strong = TrainingCurve(alpha: 0.1, trainingLoss: epochs.map { 0.4 + 0.3 * exp(-Double($0) / 8) },
                                   validationLoss: validated ? epochs.map { 0.45 + 0.3 * exp(-Double($0) / 8) } : nil)
        let weak = TrainingCurve(alpha: 0.001, trainingLoss: epochs.map { 0.05 + 0.6 * exp(-Double($0) / 10) },
                                 validationLoss: validated ? epochs.map { e in 0.2 + 0.5 * exp(-Double(e) / 10) + 0.002 * max(0, Double(e) - 30) } : nil)
        return TrainingCurveInput(curves: [strong, weak], lossName: "mean log-loss", modelName: "16×16 tanh network")
    }

    // MARK: Drawing from plain numbers

    func testEachAlphaIsAPairOfLinesInOneColorWithTheLowestValidationLossMarked() throws {
        let figure = try TrainingCurveFigure.makeFigure(sample())
        let lines = figure.panels[0].items.compactMap { item -> LineSeries? in if case .line(let l) = item { return l } else { return nil } }
        XCTAssertEqual(lines.map(\.label), ["α = 10^{−1}, training", "α = 10^{−1}, validation",
                                            "α = 10^{−3}, training", "α = 10^{−3}, validation"])
        XCTAssertEqual(lines.map(\.ink), [.palette(0), .palette(0), .palette(1), .palette(1)])
        XCTAssertEqual(lines.map(\.dash), [.solid, .dashed, .solid, .dashed])
        let marks = figure.panels[0].items.compactMap { item -> Double? in if case .scatter(let s) = item { return s.xs[0] } else { return nil } }
        XCTAssertEqual(marks, [59, 32], "the strong penalty's validation loss still falls at the end; the weak one's turns up at 32")
        XCTAssertEqual(figure.panels[0].y.scale, .log)
        try FigureChecks.assertTextDoesNotOverlap(figure)
        let out = try TrainingCurveFigure.drawing(sample()).render()
        try FigureChecks.assertValidPNG(out.png)
        XCTAssertTrue(out.altText.contains("at α = 0.001 the training loss goes from 0.65 to"), out.altText)
        XCTAssertTrue(out.altText.contains("the validation loss is lowest (0.224) at epoch 32"), out.altText)
        XCTAssertEqual(try TrainingCurveFigure.drawing(sample()).render().png, out.png, "the same bytes every time")
    }

    func testWithoutASplitOnlyTheTrainingLinesAreDrawn() throws {
        let figure = try TrainingCurveFigure.makeFigure(sample(validated: false), logScale: false)
        let dashes = figure.panels[0].items.compactMap { item -> DashStyle? in if case .line(let l) = item { return l.dash } else { return nil } }
        XCTAssertEqual(dashes, [.solid, .solid])
        XCTAssertNil(figure.footnote)
        XCTAssertEqual(figure.panels[0].y.scale, .linear)
        let rows = FigureChecks.csvRows(try TrainingCurveFigure.drawing(sample(validated: false)).csv)
        XCTAssertEqual(rows[0], ["alpha", "epoch", "train_loss", "validation_loss"])
        XCTAssertEqual(rows[1].last, "", "no validation loss without a split")
    }

    func testALossAtOrBelowZeroCannotBeDrawnOnALogScale() {
        var input = sample()
        input.curves[0].trainingLoss[3] = 0
        XCTAssertEqual(FigureChecks.figureInputError { try TrainingCurveFigure.makeFigure(input) }?.key, "scale")
        XCTAssertNoThrow(try TrainingCurveFigure.makeFigure(input, logScale: false))
    }

    // MARK: Options

    func testReadsAlphasAndScale() throws {
        let defaults = try accepted(TrainingCurveFigure.reading([:]))
        XCTAssertNil(defaults.alphas)
        XCTAssertTrue(defaults.logScale)
        let chosen = try accepted(TrainingCurveFigure.reading(["alphas": ["0.1", "0.001"], "scale": "linear"]))
        XCTAssertEqual(chosen.alphas, [0.1, 0.001])
        XCTAssertFalse(chosen.logScale)
    }

    func testTooManyAlphasOrAnUnknownScaleIsAnErrorOnItsLine() {
        assertRejected(TrainingCurveFigure.reading(["alphas": ["1", "2", "3", "4", "5", "6", "7"]]),
                       "'alphas' must list 1 to 6 non-negative values", at: "alphas")
        assertRejected(TrainingCurveFigure.reading(["scale": "logarithmic"]),
                       "'scale' must be log or linear, found 'logarithmic'", at: "scale")
    }

    // MARK: Requirements

    func testNeedsAModelTrainedEpochByEpoch() {
        XCTAssertEqual(TrainingCurveFigure().problems(with: Experiments.planned(ExperimentSpec(model: .lasso))),
                       ["figure training-curve needs a model trained epoch by epoch; 'e' is lasso, fitted without epochs"])
        XCTAssertEqual(TrainingCurveFigure().problems(with: Experiments.planned(ExperimentSpec(model: .mlp(hidden: [4])))), [])
    }

    // MARK: From a real fit

    func testTheCSVIsTheExperimentsHistoryAtTheLargestAMiddleAndTheSmallestAlpha() throws {
        let data = try generate(.moons(n: 80, noise: 0.2, seed: 2)).dataset
        let spec = ExperimentSpec(model: .mlp(hidden: [6], task: .binaryClassification), alphas: .explicit([0.001, 0.1, 0.01, 0.03]),
                                  split: HoldoutSplit(test: 0.25, seed: 1), tolerance: 1e-4)
        let e = try Experiments.finished(data, spec)
        let drawing = try TrainingCurveFigure().draw([e], title: nil)
        let rows = FigureChecks.csvNumbers(drawing.csv)
        var expected: [[Double?]] = []
        for k in [1, 2, 0] {   // α = 0.1, then the middle of the decreasing grid (0.01), then 0.001
            let h = e.result.histories[k]
            for epoch in h.trainingLoss.indices {
                expected.append([e.result.alphas[k], Double(epoch), h.trainingLoss[epoch], h.validationLoss![epoch]])
            }
        }
        XCTAssertEqual(rows, expected)
        let picked = try TrainingCurveFigure(alphas: [0.012]).draw([e], title: nil)
        XCTAssertEqual(Set(FigureChecks.csvNumbers(picked.csv).map { $0[0] }), [0.01], "the nearest grid α on a log scale")
        if let dir = ProcessInfo.processInfo.environment["DOCGEN_FIGURE_SAMPLES"] {
            try Data(drawing.render().png).write(to: URL(fileURLWithPath: "\(dir)/training-curve.png"))
        }
    }

    func testDrawingAnExperimentWithoutHistoryIsAnError() throws {
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), ExperimentSpec(model: .ridge, alphas: .explicit([1])))
        XCTAssertEqual(FigureChecks.figureInputError { try TrainingCurveFigure().draw([e], title: nil) },
                       FigureInputError("training-curve", "experiment 'e' has no training history"))
    }
}
