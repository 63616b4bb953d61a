import DocgenFigures
import DocgenModels
import DocgenPlotting
import XCTest

/// `{figure} scores`.
final class ScoresFigureTests: XCTestCase {
    // MARK: Drawing from plain numbers

    func testScoresFigureMarksTheAlphaWithTheBestTestScore() throws {
        let input = SampleInputs.scores()
        let out = try ScoresFigure.drawing(input).render()
        try FigureChecks.assertValidPNG(out.png)
        let best = input.alphas[input.testScores.indices.max { input.testScores[$0] < input.testScores[$1] }!]
        let figure = try ScoresFigure.makeFigure(input, options: ScoresFigureOptions())
        let marked = figure.panels[0].items.compactMap { item -> Double? in
            if case .reference(let r) = item, r.orientation == .vertical { return r.value } else { return nil }
        }
        XCTAssertEqual(marked, [best])
        XCTAssertTrue(out.altText.contains("at α = \(String(format: "%.3g", best))"), out.altText)
        let rows = FigureChecks.csvRows(out.csv)
        XCTAssertEqual(rows[0], ["alpha", "train_r2", "test_r2"])
        XCTAssertEqual(rows.count, input.alphas.count + 1)
    }

    func testLowerIsBetterMetricsMarkTheMinimum() throws {
        var input = SampleInputs.scores()
        input.testScores = input.testScores.map { 1 - $0 }
        input.higherIsBetter = false
        input.metricName = "mean squared error"
        let figure = try ScoresFigure.makeFigure(input, options: ScoresFigureOptions())
        let best = input.alphas[input.testScores.indices.min { input.testScores[$0] < input.testScores[$1] }!]
        XCTAssertTrue(figure.panels[0].items.contains(.reference(ReferenceLine(.vertical, at: best, ink: .text, dash: .dotted,
                                                                               label: "best α = \(String(format: "%.3g", best))"))))
    }

    func testMetricNamesFromTheDirectiveSetDirection() {
        XCTAssertEqual(Metric(name: "log-loss"), .logLoss)
        XCTAssertEqual(Metric.allCases.filter(\.higherIsBetter), [.r2, .accuracy])
        let input = ScoresFigureInput(alphas: [1, 2], trainScores: [1, 2], testScores: [3, 4], metric: .mse)
        XCTAssertFalse(input.higherIsBetter)
        XCTAssertEqual(input.metricName, "mean squared error")
    }

    func testScoresFigureIsDeterministic() throws {
        XCTAssertEqual(try ScoresFigure.drawing(SampleInputs.scores()).render().png, try ScoresFigure.drawing(SampleInputs.scores()).render().png)
    }

    func testOnePointScoresRender() throws {
        try FigureChecks.assertValidPNG(try ScoresFigure.drawing(ScoresFigureInput(alphas: [1], trainScores: [0.5], testScores: [0.4],
                                                                                  metricName: "R^2", higherIsBetter: true)).render().png)
    }

    func testNoAlphaOrNoFiniteTestScoreIsAnError() {
        XCTAssertThrowsError(try ScoresFigure.drawing(ScoresFigureInput(alphas: [], trainScores: [], testScores: [], metricName: "R^2", higherIsBetter: true)).render())
        XCTAssertThrowsError(try ScoresFigure.drawing(ScoresFigureInput(alphas: [1, 2], trainScores: [1, 2], testScores: [.nan, .nan],
                                                                       metricName: "R^2", higherIsBetter: true)).render())
    }

    // MARK: Options

    func testReadsTheMetricByItsOptionName() throws {
        XCTAssertNil(try accepted(ScoresFigure.reading([:])).metric, "without 'metric' the task's score is drawn")
        XCTAssertEqual(try accepted(ScoresFigure.reading(["metric": "log-loss"])).metric, .logLoss)
        XCTAssertEqual(try accepted(ScoresFigure.reading(["metric": "mse"])).metric, .mse)
        XCTAssertEqual(try accepted(ScoresFigure.reading(["metric": "accuracy"])).metric, .accuracy)
    }

    func testAnUnknownMetricIsAnErrorOnItsLine() {
        assertRejected(ScoresFigure.reading(["metric": "rmse"]), "'metric' must be r2, mse, accuracy or log-loss, found 'rmse'", at: "metric")
    }

    // MARK: Requirements

    private let split = HoldoutSplit(test: 0.25, seed: 42)

    func testNeedsAHoldoutSplit() {
        XCTAssertEqual(ScoresFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ridge))),
                       ["figure scores needs experiment 'e' to have 'split: {test: 0.2, seed: 42}'"])
        XCTAssertEqual(ScoresFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ridge, cv: CrossValidation(folds: 5, seed: 0)))),
                       ["figure scores needs experiment 'e' to have 'split: {test: 0.2, seed: 42}'"], "cross-validation is not a test part")
    }

    func testTheMetricMustScoreTheExperimentsTask() {
        XCTAssertEqual(ScoresFigure(metric: .accuracy).problems(with: Experiments.planned(ExperimentSpec(model: .lasso, split: split))),
                       ["metric accuracy is for classification; 'e' is a regression"])
        XCTAssertEqual(ScoresFigure(metric: .mse).problems(with: Experiments.planned(ExperimentSpec(model: .logistic(penalty: .l2)))),
                       ["figure scores needs experiment 'e' to have 'split: {test: 0.2, seed: 42}'",
                        "metric mse is for regression; 'e' is a classification"])
    }

    func testASplitExperimentOfTheMetricsTaskMeetsEveryRequirement() {
        XCTAssertEqual(ScoresFigure().problems(with: Experiments.planned(ExperimentSpec(model: .lasso, split: split))), [])
        XCTAssertEqual(ScoresFigure(metric: .logLoss).problems(with: Experiments.planned(ExperimentSpec(model: .logistic(penalty: .l1), split: split))), [])
    }

    // MARK: CSV from a real fit

    /// The CSV of `figure` drawn from `spec` fitted on `data`, and the result it was drawn from.
    private func scoresCSV(_ figure: ScoresFigure, _ data: Dataset, _ spec: ExperimentSpec) throws -> (csv: [[Double?]], result: ExperimentResult) {
        let e = try Experiments.finished(data, spec)
        return (FigureChecks.csvNumbers(try figure.draw([e], title: nil).csv), e.result)
    }

    func testScoresCSVIsTheResultsTrainAndTestR2AtEveryPositiveAlphaInIncreasingOrder() throws {
        let spec = ExperimentSpec(model: .ridge, alphas: .explicit([1, 0, 10, 0.01, 0.1]), split: split)
        let (csv, r) = try scoresCSV(ScoresFigure(), try SampleInputs.twoCorrelatedFeatures(), spec)
        let train = try XCTUnwrap(r.metric(.r2, on: .train)), test = try XCTUnwrap(r.metric(.r2, on: .test))
        // Result order is the grid's; the figure's is increasing α without α = 0. The CSV keeps every digit.
        let expected: [[Double?]] = [3, 4, 0, 2].map { k in [r.alphas[k], train[k], test[k]] }
        XCTAssertEqual(csv, expected)
    }

    func testScoresCSVOfAnotherMetricIsThatMetricsColumns() throws {
        let spec = ExperimentSpec(model: .lasso, alphas: .explicit([0.5, 0.05, 0.005]), split: split)
        let (csv, r) = try scoresCSV(ScoresFigure(metric: .mse), try SampleInputs.twoCorrelatedFeatures(), spec)
        let train = try XCTUnwrap(r.metric(.mse, on: .train)), test = try XCTUnwrap(r.metric(.mse, on: .test))
        XCTAssertEqual(csv, [2, 1, 0].map { k in [r.alphas[k], train[k], test[k]] })
    }

    func testScoresCSVOfALogisticFitIsItsAccuracy() throws {
        let data = try SampleInputs.twoCorrelatedFeatures()
        let labels = try Dataset(featureNames: data.featureNames, targetName: "above", columns: [data.column(0), data.column(1)],
                                 y: data.y.map { $0 > 0 ? 1 : 0 })
        let spec = ExperimentSpec(model: .logistic(penalty: .l2), alphas: .explicit([1, 0.1]), split: split)
        let (csv, r) = try scoresCSV(ScoresFigure(), labels, spec)
        let train = try XCTUnwrap(r.metric(.accuracy, on: .train)), test = try XCTUnwrap(r.metric(.accuracy, on: .test))
        XCTAssertEqual(csv, [1, 0].map { k in [r.alphas[k], train[k], test[k]] })
    }

    func testScoresCSVHeaderNamesTheResultsOwnColumns() throws {
        // The columns are called as in the experiment's data/<id>.csv: train_r2, not train_r².
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(),
                                         ExperimentSpec(model: .ridge, alphas: .explicit([1, 0.1]), split: split))
        for (figure, header) in [(ScoresFigure(), ["alpha", "train_r2", "test_r2"]),
                                 (ScoresFigure(metric: .mse), ["alpha", "train_mse", "test_mse"])] {
            XCTAssertEqual(FigureChecks.csvRows(try figure.draw([e], title: nil).csv).first, header)
        }
    }

    func testLeastSquaresHasNoPathOfScores() {
        let ols = Experiments.planned(ExperimentSpec(model: .ols, split: split))
        XCTAssertEqual(ScoresFigure().problems(with: ols), ["figure scores needs a penalized model; 'e' is ols"])
        XCTAssertEqual(CVCurveFigure().problems(with: Experiments.planned(ExperimentSpec(model: .ols, cv: CrossValidation(folds: 3, seed: 0)))),
                       ["figure cv-curve needs a penalized model; 'e' is ols"])
        XCTAssertEqual(ComplexityCurveFigure().problems(with: ols), ["figure complexity-curve needs a penalized model; 'e' is ols"])
        XCTAssertEqual(ComplexityCurveFigure(degrees: [1, 2]).problems(with: Experiments.planned(ExperimentSpec(model: .ols, split: split), inputs: 1)), [],
                       "against degree any model refits")
    }

    // MARK: Draw errors

    func testDrawingAFitWithoutASplitIsAnError() throws {
        let e = try Experiments.finished(try SampleInputs.twoCorrelatedFeatures(), ExperimentSpec(model: .ridge, alphas: .explicit([1])))
        XCTAssertEqual(FigureChecks.figureInputError { try ScoresFigure().draw([e], title: nil) },
                       FigureInputError("scores", "experiment 'e' has no train and test r2 (it needs a 'split')"))
        XCTAssertEqual(FigureChecks.figureInputError { try ScoresFigure().draw([], title: nil) },
                       FigureInputError("scores", "needs an experiment"))
    }
}
