import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// Input of the scores figure: train and test score per penalty α.
public struct ScoresFigureInput: Sendable, Equatable {
    /// Penalties α > 0, any order.
    public var alphas: [Double]
    public var trainScores: [Double]
    public var testScores: [Double]
    /// Axis/legend name of the metric in label markup, e.g. "R^2", "mean squared error", "accuracy".
    public var metricName: String
    /// True for R² and accuracy (best = maximum), false for errors and log-loss (best = minimum).
    public var higherIsBetter: Bool
    public var datasetName: String?
    public var modelName: String?
    /// The metric's name in CSV columns (`r2` gives `train_r2`, `test_r2`, as in the experiment's own CSV); nil
    /// derives one from `metricName`.
    public var columnName: String?
    /// The parameter the α axis is labelled in (docgen's α unless the experiment was written otherwise).
    public var penalty: PenaltyAxis

    public init(alphas: [Double], trainScores: [Double], testScores: [Double], metricName: String,
                higherIsBetter: Bool, datasetName: String? = nil, modelName: String? = nil, columnName: String? = nil,
                penalty: PenaltyAxis = .alpha) {
        self.alphas = alphas; self.trainScores = trainScores; self.testScores = testScores
        self.metricName = metricName; self.higherIsBetter = higherIsBetter
        self.datasetName = datasetName; self.modelName = modelName; self.columnName = columnName
        self.penalty = penalty
    }
}

extension ScoresFigureInput {
    /// Scores of `metric` (its display name and direction).
    public init(alphas: [Double], trainScores: [Double], testScores: [Double], metric: Metric,
                datasetName: String? = nil, modelName: String? = nil, penalty: PenaltyAxis = .alpha) {
        self.init(alphas: alphas, trainScores: trainScores, testScores: testScores, metricName: metric.displayName,
                  higherIsBetter: metric.higherIsBetter, datasetName: datasetName, modelName: modelName,
                  columnName: metric.columnName, penalty: penalty)
    }
}

public struct ScoresFigureOptions: Sendable, Equatable {
    public var title: String?
    /// Shade and caption the over- and underfitting sides of the best α.
    public var showRegions: Bool
    /// Draw α decreasing to the right (complexity increasing rightward) instead of the usual increasing axis.
    public var alphaDecreasesRightward: Bool
    public init(title: String? = nil, showRegions: Bool = true, alphaDecreasesRightward: Bool = false) {
        self.title = title; self.showRegions = showRegions; self.alphaDecreasesRightward = alphaDecreasesRightward
    }
}

/// `{figure} scores`: train and test score against log α with the best test α marked and the fitting regimes
/// shaded.
public struct ScoresFigure: FigureKind {
    public static let name = "scores"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["metric"]
    static let kind = name

    /// The metric drawn; nil: the task's score (R² or accuracy).
    public var metric: Metric?

    public init(metric: Metric? = nil) { self.metric = metric }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        let names = Metric.allCases.map(\.optionName)
        if let m = r.string("metric") {
            guard let chosen = Metric(name: m) else {
                r.error("'metric' must be \(Suggestion.list(names)), found '\(m)'", at: r.location(of: "metric"))
                return nil
            }
            metric = chosen
        }
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        [.penalized, .split] + (metric.map { [.task($0.task, reason: "metric \($0.optionName)")] } ?? [])
    }

    public func draw(_ experiments: [FinishedExperiment], title: String?) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        let r = e.result
        let metric = self.metric ?? r.task.score
        guard let train = r.metric(metric, on: .train), let test = r.metric(metric, on: .test) else {
            throw FigureInputError(Self.kind, "experiment '\(e.id)' has no train and test \(metric.optionName) (it needs a 'split')")
        }
        let keep = r.alphas.indices.filter { r.alphas[$0] > 0 }
        let input = ScoresFigureInput(alphas: keep.map { r.alphas[$0] }, trainScores: keep.map { train[$0] },
                                      testScores: keep.map { test[$0] }, metric: metric,
                                      datasetName: e.planned.dataName, modelName: r.modelDisplayName,
                                      penalty: PenaltyAxis(r))
        return try Self.drawing(input, options: ScoresFigureOptions(title: title))
    }

    struct Prepared { var alphas: [Double], train: [Double], test: [Double], best: Int }

    static func prepare(_ input: ScoresFigureInput) throws -> Prepared {
        guard !input.alphas.isEmpty else { throw FigureInputError(kind, "needs at least one α") }
        try FigureSupport.sameLengths(kind, [("trainScores", input.trainScores.count), ("testScores", input.testScores.count)],
                                      expected: input.alphas.count)
        if let bad = input.alphas.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw FigureInputError(kind, "alphas[\(bad)] = \(input.alphas[bad]) is not a positive number")
        }
        let order = input.alphas.indices.sorted { input.alphas[$0] < input.alphas[$1] }
        let test = order.map { input.testScores[$0] }
        let finite = test.indices.filter { test[$0].isFinite }
        guard let best = input.higherIsBetter ? finite.max(by: { test[$0] < test[$1] }) : finite.min(by: { test[$0] < test[$1] })
        else { throw FigureInputError(kind, "no finite test score") }
        return Prepared(alphas: order.map { input.alphas[$0] }, train: order.map { input.trainScores[$0] }, test: test, best: best)
    }

    public static func makeFigure(_ input: ScoresFigureInput, options: ScoresFigureOptions) throws -> Figure {
        let p = try prepare(input)
        let penalty = input.penalty
        let bestAlpha = p.alphas[p.best], best = penalty.value(bestAlpha)
        let xs = p.alphas.map(penalty.value)
        var items: [PlotItem] = []
        if options.showRegions && p.alphas.count > 2 {
            let gap = input.higherIsBetter ? "overfitting: train ≫ test" : "overfitting: train ≪ test"
            let weaker = penalty.weakerSide(of: bestAlpha), stronger = penalty.strongerSide(of: bestAlpha)
            items.append(.xSpan(XSpan(from: weaker.from, to: weaker.to, caption: gap, hatched: true)))
            items.append(.xSpan(XSpan(from: stronger.from, to: stronger.to, caption: "underfitting: both poor")))
        }
        items.append(.line(LineSeries(xs: xs, ys: p.train, ink: .palette(0), dash: .dashed, label: "train")))
        items.append(.line(LineSeries(xs: xs, ys: p.test, ink: .palette(1), dash: .solid,
                                      marker: Marker(.circle, size: 5), markerEvery: max(1, p.alphas.count / 12), label: "test")))
        items.append(.reference(ReferenceLine(.vertical, at: best, ink: .text, dash: .dotted,
                                              label: "best \(penalty.equation(bestAlpha))")))
        items.append(.scatter(ScatterSeries(xs: [best], ys: [p.test[p.best]], ink: .palette(1),
                                            marker: Marker(.diamond, size: 11))))
        let panel = Panel(x: Axis(label: options.alphaDecreasesRightward ? "\(penalty.name) (log scale, weaker →)" : "\(penalty.name) (log scale)",
                                  scale: .log, reversed: penalty.reversed(options.alphaDecreasesRightward)),
                          y: Axis(label: input.metricName), items: items, legend: .auto)
        return Figure(title: options.title, panels: [panel])
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: ScoresFigureInput, options: ScoresFigureOptions = ScoresFigureOptions()) throws -> FigureDrawing {
        let figure = try makeFigure(input, options: options)
        let p = try prepare(input)
        let metric = RichText(markup: input.metricName).plainText
        let slug = input.columnName ?? metric.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let penalty = input.penalty
        let csv = FigureSupport.csv(header: penalty.csvHeader + ["train_\(slug)", "test_\(slug)"],
                                    rows: p.alphas.indices.map { penalty.csvCells(p.alphas[$0]) + [FigureSupport.number(p.train[$0]), FigureSupport.number(p.test[$0])] })
        let model = input.modelName.map { " of \($0)" } ?? ""
        let on = input.datasetName.map { " on \($0)" } ?? ""
        var alt = "Train and test \(metric)\(model)\(on) against \(penalty.name) on a log scale from \(FigureSupport.prose(penalty.value(p.alphas.first!))) to \(FigureSupport.prose(penalty.value(p.alphas.last!)))"
        alt += "; the test \(metric) is best (\(FigureSupport.prose(p.test[p.best]))) at \(penalty.equation(p.alphas[p.best]))"
        let ends = penalty.parameter.penalizesMoreWhenLarger ? ("smallest", "largest") : ("largest", "smallest")
        alt += ", while the train \(metric) goes from \(FigureSupport.prose(p.train.first!)) at the \(ends.0) \(penalty.symbol) to \(FigureSupport.prose(p.train.last!)) at the \(ends.1)."
        return FigureDrawing(figure: figure, csv: csv, altText: alt)
    }
}
