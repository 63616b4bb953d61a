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
    /// Shade the α where the numbers show overfitting or underfitting (`FittingRegimes`); off unless asked for.
    public var showRegions: Bool
    /// The course's α direction and penalty symbol.
    public var conventions: FigureConventions
    public init(title: String? = nil, showRegions: Bool = false, conventions: FigureConventions = FigureConventions()) {
        self.title = title; self.showRegions = showRegions; self.conventions = conventions
    }
}

/// `{figure} scores`: train and test score against log α with the best test α marked (and a note when it lies at
/// an end of the grid); with `regions: true`, the α where the numbers show over- or underfitting shaded.
public struct ScoresFigure: FigureKind {
    public static let name = "scores"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["metric", "regions"]
    static let kind = name

    /// The metric drawn; nil: the task's score (R² or accuracy).
    public var metric: Metric?
    /// Shade over- and underfitting where the numbers show them (`regions: true`).
    public var regions: Bool

    public init(metric: Metric? = nil, regions: Bool = false) { self.metric = metric; self.regions = regions }

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
        regions = r.bool("regions") ?? false
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        [.penalized, .split] + (metric.map { [.task($0.task, reason: "metric \($0.optionName)")] } ?? [])
    }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
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
                                      penalty: context.conventions.penalty(r))
        return try Self.drawing(input, options: ScoresFigureOptions(title: context.title, showRegions: regions,
                                                                    conventions: context.conventions))
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
            items += regionSpans(p, higherIsBetter: input.higherIsBetter, penalty: penalty)
        }
        items.append(.line(LineSeries(xs: xs, ys: p.train, ink: .palette(0), dash: .dashed, label: "train")))
        items.append(.line(LineSeries(xs: xs, ys: p.test, ink: .palette(1), dash: .solid,
                                      marker: Marker(.circle, size: 5), markerEvery: max(1, p.alphas.count / 12), label: "test")))
        items.append(.reference(ReferenceLine(.vertical, at: best, ink: .text, dash: .dotted,
                                              label: "best \(penalty.equation(bestAlpha))")))
        items.append(.scatter(ScatterSeries(xs: [best], ys: [p.test[p.best]], ink: .palette(1),
                                            marker: Marker(.diamond, size: 11))))
        let panel = Panel(x: options.conventions.penaltyAxis(penalty), y: Axis(label: input.metricName), items: items,
                          legend: .auto)
        return Figure(title: options.title, panels: [panel], footnote: FigureSupport.edgeNote(p.best, count: p.alphas.count, penalty: penalty))
    }

    /// "The best α is the largest of the grid: …", when the best point is at an end of the grid (the optimum may lie
    /// beyond it); nil otherwise.
    /// The shaded spans of `FittingRegimes`, on the α axis (points are in increasing α, the reverse of complexity).
    static func regionSpans(_ p: Prepared, higherIsBetter: Bool, penalty: PenaltyAxis) -> [PlotItem] {
        let n = p.alphas.count
        let regimes = FittingRegimes(train: p.train.reversed(), test: p.test.reversed(), higherIsBetter: higherIsBetter,
                                     best: n - 1 - p.best)
        func between(_ k: Int, _ l: Int) -> Double {
            guard p.alphas.indices.contains(k), p.alphas.indices.contains(l) else { return p.alphas[max(0, min(n - 1, k))] }
            return (p.alphas[k] * p.alphas[l]).squareRoot()
        }
        var items: [PlotItem] = []
        if let c = regimes.overfitFrom {
            let k = n - 1 - c  // the strongest overfit α
            let side = penalty.weakerSide(of: between(k, k + 1))
            items.append(.xSpan(XSpan(from: side.from, to: side.to, caption: "overfitting: train–test gap widens", hatched: true)))
        }
        if let c = regimes.underfitThrough {
            let k = n - 1 - c  // the weakest underfit α
            let side = penalty.strongerSide(of: between(k - 1, k))
            items.append(.xSpan(XSpan(from: side.from, to: side.to, caption: "underfitting: train and test both worse")))
        }
        return items
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
        if let note = FigureSupport.edgeNote(p.best, count: p.alphas.count, penalty: penalty) { alt += " " + note }
        return FigureDrawing(figure: figure, csv: csv, altText: alt)
    }
}
