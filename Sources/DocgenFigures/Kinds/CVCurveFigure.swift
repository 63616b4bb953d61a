import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// Input of the cross-validation curve: mean CV error and its standard error per α.
public struct CVCurveFigureInput: Sendable, Equatable {
    /// Penalties α > 0, any order.
    public var alphas: [Double]
    /// Mean over folds of the held-out error at each α.
    public var meanError: [Double]
    /// Standard error of that mean (fold standard deviation / √folds).
    public var standardError: [Double]
    /// Nonzero coefficients of the full-data fit at each α (top axis); optional.
    public var nonzeroCounts: [Int]?
    public var alphaMin: Double?
    public var alpha1SE: Double?
    /// Label markup of the error, e.g. "mean squared error".
    public var errorName: String
    public var datasetName: String?
    public var modelName: String?
    /// The parameter the α axis is labelled in (docgen's α unless the experiment was written otherwise).
    public var penalty: PenaltyAxis

    public init(alphas: [Double], meanError: [Double], standardError: [Double], nonzeroCounts: [Int]? = nil,
                alphaMin: Double? = nil, alpha1SE: Double? = nil, errorName: String = "mean squared error",
                datasetName: String? = nil, modelName: String? = nil, penalty: PenaltyAxis = .alpha) {
        self.alphas = alphas; self.meanError = meanError; self.standardError = standardError
        self.nonzeroCounts = nonzeroCounts; self.alphaMin = alphaMin; self.alpha1SE = alpha1SE
        self.errorName = errorName; self.datasetName = datasetName; self.modelName = modelName
        self.penalty = penalty
    }
}

public struct CVCurveFigureOptions: Sendable, Equatable {
    public var title: String?
    /// Dotted horizontal line at min + 1 SE, the threshold of the one-standard-error rule.
    public var showOneSELevel: Bool
    /// The course's α direction and penalty symbol.
    public var conventions: FigureConventions
    public init(title: String? = nil, showOneSELevel: Bool = true, conventions: FigureConventions = FigureConventions()) {
        self.title = title; self.showOneSELevel = showOneSELevel; self.conventions = conventions
    }
}

/// `{figure} cv-curve`: mean cross-validation error with ±1 SE error bars against log α (in the course's direction),
/// α_min and α_1se marked, nonzero counts on the top axis when they change along the grid.
public struct CVCurveFigure: FigureKind {
    public static let name = "cv-curve"
    public static let arity = ExperimentArity.one
    public static let optionKeys: [String] = []
    static let kind = name
    /// Above this many α the standard errors are drawn as a band instead of one bar per α.
    public static let maximumErrorBars = 100

    public init() {}
    public init?(options r: inout OptionReader) {}

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        [.penalized, .crossValidation(option: nil)]
    }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        let r = e.result
        guard let mean = r.metric(CrossValidationColumn.mean), let se = r.metric(CrossValidationColumn.standardError) else {
            throw FigureInputError(Self.kind, "experiment '\(e.id)' has no cross-validation (add 'cv')")
        }
        let keep = r.alphas.indices.filter { r.alphas[$0] > 0 }
        let nonzero = r.nonzeroCounts
        let input = CVCurveFigureInput(alphas: keep.map { r.alphas[$0] }, meanError: keep.map { mean[$0] },
                                       standardError: keep.map { se[$0] }, nonzeroCounts: keep.map { nonzero[$0] },
                                       alphaMin: r.alphaMin, alpha1SE: r.alpha1SE,
                                       errorName: r.task.validationError.displayName,
                                       datasetName: e.planned.dataName, modelName: r.modelDisplayName,
                                       penalty: context.conventions.penalty(r))
        return try Self.drawing(input, options: CVCurveFigureOptions(title: context.title, conventions: context.conventions))
    }

    public static func makeFigure(_ input: CVCurveFigureInput, options: CVCurveFigureOptions) throws -> Figure {
        let n = input.alphas.count
        guard n > 0 else { throw FigureInputError(kind, "needs at least one α") }
        try FigureSupport.sameLengths(kind, [("meanError", input.meanError.count), ("standardError", input.standardError.count)], expected: n)
        if let counts = input.nonzeroCounts { try FigureSupport.sameLengths(kind, [("nonzeroCounts", counts.count)], expected: n) }
        if let bad = input.alphas.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw FigureInputError(kind, "alphas[\(bad)] = \(input.alphas[bad]) is not a positive number")
        }
        let order = input.alphas.indices.sorted { input.alphas[$0] < input.alphas[$1] }
        let penalty = input.penalty
        let alphas = order.map { penalty.value(input.alphas[$0]) }, mean = order.map { input.meanError[$0] }
        let se = order.map { input.standardError[$0] }
        let lower = zip(mean, se).map { $0 - $1 }, upper = zip(mean, se).map { $0 + $1 }
        var items: [PlotItem]
        if n > Self.maximumErrorBars {
            // A dense grid: ±1 SE as a band, and a marker every few points (bars this close would only smear).
            let finite = alphas.indices.filter { lower[$0].isFinite && upper[$0].isFinite }
            items = [
                .polygon(PolygonShape(xs: finite.map { alphas[$0] } + finite.reversed().map { alphas[$0] },
                                      ys: finite.map { lower[$0] } + finite.reversed().map { upper[$0] },
                                      fill: .muted, fillOpacity: 0.3, stroke: nil)),
                .line(LineSeries(xs: alphas, ys: mean, ink: .palette(1), width: 1.2, marker: Marker(.circle, size: 4.5),
                                 markerEvery: (n + 39) / 40, label: "CV mean ± 1 SE (band)")),
            ]
        } else {
            items = [
                .errorBars(ErrorBarSeries(xs: alphas, lower: lower, upper: upper, ink: .muted, capWidth: n > 60 ? 3 : 5)),
                .line(LineSeries(xs: alphas, ys: mean, ink: .palette(1), width: 1.2, marker: Marker(.circle, size: n > 60 ? 4.5 : 6),
                                 label: "CV mean ± 1 SE")),
            ]
        }
        if let chosen = input.alphaMin, chosen > 0 {
            let a = penalty.value(chosen)
            items.append(.reference(ReferenceLine(.vertical, at: a, ink: .text, dash: .dashed,
                                                  label: "\(penalty.symbol)_{min} = \(FigureSupport.prose(a))")))
            if options.showOneSELevel, let k = alphas.indices.min(by: { abs(log(alphas[$0] / a)) < abs(log(alphas[$1] / a)) }) {
                items.append(.reference(ReferenceLine(.horizontal, at: mean[k] + se[k], ink: .muted, dash: .dotted,
                                                      label: "min + 1 SE")))
            }
        }
        if let chosen = input.alpha1SE, chosen > 0 {
            let a = penalty.value(chosen)
            items.append(.reference(ReferenceLine(.vertical, at: a, ink: .text, dash: .dotted,
                                                  label: "\(penalty.symbol)_{1se} = \(FigureSupport.prose(a))")))
        }
        var top: TopAxis?
        if let counts = input.nonzeroCounts, Set(counts).count > 1 {
            let cs = order.map { counts[$0] }
            let ticks = Ticks.log(alphas.min()!, alphas.max()!, maxCount: 7).major
            let positions = ticks.isEmpty ? [alphas[0]] : ticks
            let labels = positions.map { t in String(cs[alphas.indices.min { abs(log(alphas[$0] / t)) < abs(log(alphas[$1] / t)) }!]) }
            top = TopAxis(label: "nonzero coefficients", positions: positions, labels: labels)
        }
        let panel = Panel(x: options.conventions.penaltyAxis(penalty),
                          y: Axis(label: input.errorName),
                          top: top, items: items, legend: .auto)
        let best = mean.indices.filter { mean[$0].isFinite }.min { mean[$0] < mean[$1] }
        let note = best.flatMap { FigureSupport.edgeNote($0, count: n, penalty: penalty) }
        return Figure(title: options.title, panels: [panel], footnote: note)
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: CVCurveFigureInput, options: CVCurveFigureOptions = CVCurveFigureOptions()) throws -> FigureDrawing {
        let figure = try makeFigure(input, options: options)
        let order = input.alphas.indices.sorted { input.alphas[$0] < input.alphas[$1] }
        let penalty = input.penalty
        let rows = order.map { k in
            penalty.csvCells(input.alphas[k]) + [FigureSupport.number(input.meanError[k]), FigureSupport.number(input.standardError[k]),
             input.nonzeroCounts.map { String($0[k]) } ?? ""]
        }
        let csv = FigureSupport.csv(header: penalty.csvHeader + ["cv_mean", "cv_se", "nonzero"], rows: rows)
        let name = RichText(markup: input.errorName).plainText
        let model = input.modelName.map { " of \($0)" } ?? ""
        let on = input.datasetName.map { " on \($0)" } ?? ""
        var alt = "Cross-validated \(name)\(model)\(on) with ±1 standard-error bars against \(penalty.name) on a log scale"
        if let best = order.min(by: { input.meanError[$0] < input.meanError[$1] }) {
            alt += "; the lowest mean error, \(FigureSupport.prose(input.meanError[best])), is at \(penalty.equation(input.alphas[best]))"
            if let counts = input.nonzeroCounts, Set(counts).count > 1 { alt += " with \(counts[best]) nonzero coefficients" }
        }
        if let a = input.alpha1SE {
            alt += "; the one-standard-error rule picks the stronger penalty \(penalty.equation(a))"
        }
        return FigureDrawing(figure: figure, csv: csv, altText: alt + ".")
    }
}
