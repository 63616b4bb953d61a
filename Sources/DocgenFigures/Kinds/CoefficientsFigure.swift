import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

public struct CoefficientsFigureInput: Sendable, Equatable {
    public var modelNames: [String]
    public var featureNames: [String]
    /// `values[m][j]`: coefficient of feature j in model m.
    public var values: [[Double]]
    /// Each model's style (colour and hatch); nil: the cycle in order.
    public var modelStyles: [SeriesStyle]?
    public init(modelNames: [String], featureNames: [String], values: [[Double]], modelStyles: [SeriesStyle]? = nil) {
        self.modelNames = modelNames; self.featureNames = featureNames; self.values = values
        self.modelStyles = modelStyles
    }

    func style(_ k: Int) -> SeriesStyle { modelStyles.map { $0[k] } ?? SeriesStyle(index: k) }
}

public struct CoefficientsFigureOptions: Sendable, Equatable {
    public var title: String?
    public var yLabel: String
    /// At most this many features are drawn: those with the largest |coefficient| in any model, in input
    /// order (the CSV always lists all features).
    public var maxFeatures: Int
    public init(title: String? = nil, yLabel: String = "coefficient β\u{0302}_j (standardized)", maxFeatures: Int = 30) {
        self.title = title; self.yLabel = yLabel; self.maxFeatures = maxFeatures
    }
}

/// `{figure} coefficients`: grouped bars, per feature one bar per experiment, at one α each. Exact zeros are marked
/// with a small ring on the axis (so "zero" reads differently from "tiny"); each model has its penalty's course-wide
/// colour and hatch pattern (`StyleMap`), so it reads the same in every figure and in grayscale print.
public struct CoefficientsFigure: FigureKind {
    public static let name = "coefficients"
    public static let arity = ExperimentArity.many
    public static let optionKeys = ["alpha"]
    static let kind = name

    /// The α of every experiment's bars (the nearest grid α); nil: each experiment's first α.
    public var alpha: Double?

    public init(alpha: Double? = nil) { self.alpha = alpha }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        alpha = r.number("alpha")
        if let a = alpha, a < 0 {
            r.error("'alpha' must not be negative", at: r.location(of: "alpha"))
            return nil
        }
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public var requestedAlphas: [AlphaRequest] { alpha.map { [AlphaRequest(key: "alpha", alpha: $0)] } ?? [] }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        var names: [String] = [], values: [[Double]] = []
        var features: [String]?
        for (position, e) in experiments.enumerated() {
            let r = e.result
            if let features, features != r.featureNames {
                throw FigureInputError(Self.kind, "experiment '\(e.id)' has other features than '\(experiments[0].id)'; coefficients compares the same features", experiment: position)
            }
            features = r.featureNames
            let k = alpha.flatMap { r.index(nearest: $0) } ?? 0
            var name = FigureSupport.modelName(e)
            // The grid α drawn, to four digits: an `alpha: 1` that lands on 1.0105 reads "α = 1.01", not "α = 1".
            if e.planned.spec.family.l1Ratio != nil {
                name += ", \(context.conventions.symbol) = " + NumberFormatting.prose(r.alphas[k], digits: 4)
            }
            names.append(name)
            values.append(r.coefficients[k])
        }
        let styles = StyleMap.models(l1Ratios: experiments.map { $0.planned.spec.family.l1Ratio })
        let input = CoefficientsFigureInput(modelNames: names, featureNames: features ?? [], values: values,
                                            modelStyles: styles)
        return try Self.drawing(input, options: CoefficientsFigureOptions(title: context.title))
    }

    public static func makeFigure(_ input: CoefficientsFigureInput, options: CoefficientsFigureOptions) throws -> Figure {
        let m = input.modelNames.count, allFeatures = input.featureNames.count
        guard m > 0, allFeatures > 0 else { throw FigureInputError(kind, "needs at least one model and one feature") }
        try FigureSupport.sameLengths(kind, [("values", input.values.count)], expected: m)
        for (k, row) in input.values.enumerated() {
            try FigureSupport.sameLengths(kind, [("values[\(k)]", row.count)], expected: allFeatures)
            try FigureSupport.allFinite(kind, "values[\(k)]", row)
        }
        let shownFeatures = shown(input, limit: options.maxFeatures)
        let names = shownFeatures.map { input.featureNames[$0] }
        let values = input.values.map { row in shownFeatures.map { row[$0] } }
        let p = shownFeatures.count
        let groupWidth = 0.8, barWidth = groupWidth / Double(m)
        var items: [PlotItem] = []
        var zeroX: [[Double]] = Array(repeating: [], count: m)
        for (k, row) in values.enumerated() {
            let x0 = (0..<p).map { Double($0) - groupWidth / 2 + Double(k) * barWidth + 0.06 * barWidth }
            items.append(.bars(BarSeries(x0: x0, x1: x0.map { $0 + 0.88 * barWidth }, base: Array(repeating: 0, count: p), top: row,
                                         ink: input.style(k).ink, hatch: input.style(k).hatch, label: RichText.escape(input.modelNames[k]))))
            zeroX[k] = (0..<p).filter { row[$0] == 0 }.map { x0[$0] + 0.44 * barWidth }
        }
        for (k, xs) in zeroX.enumerated() where !xs.isEmpty && p * m <= 240 {
            items.append(.scatter(ScatterSeries(xs: xs, ys: xs.map { _ in 0 }, ink: input.style(k).ink,
                                                marker: Marker(.circle, size: min(7, max(4, 300 / Double(p * m))), filled: false))))
        }
        items.append(.reference(ReferenceLine(.horizontal, at: 0, ink: .axis, dash: .solid)))
        let panel = Panel(x: Axis(label: "feature", categories: names.map(RichText.escape), grid: false),
                          y: Axis(label: options.yLabel, includeZero: true), items: items, legend: .auto)
        var notes: [String] = []
        if zeroX.contains(where: { !$0.isEmpty }) && p * m <= 240 { notes.append("○ on the axis: coefficient exactly zero") }
        if p < input.featureNames.count {
            notes.append("the \(p) of \(input.featureNames.count) features with the largest coefficients")
        }
        return Figure(title: options.title, panels: [panel], footnote: notes.isEmpty ? nil : notes.joined(separator: " · "))
    }

    /// Indices of the features to draw: all, or the `limit` largest by max |value| over models, in input order.
    static func shown(_ input: CoefficientsFigureInput, limit: Int) -> [Int] {
        let p = input.featureNames.count
        guard p > max(1, limit) else { return Array(0..<p) }
        func size(_ j: Int) -> Double { input.values.map { abs($0[j]) }.max() ?? 0 }
        let top = (0..<p).sorted { (size($0), -$0) > (size($1), -$1) }.prefix(max(1, limit))
        return top.sorted()
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: CoefficientsFigureInput, options: CoefficientsFigureOptions = CoefficientsFigureOptions()) throws -> FigureDrawing {
        let figure = try makeFigure(input, options: options)
        let rows = input.featureNames.indices.map { j in [input.featureNames[j]] + input.values.map { FigureSupport.number($0[j]) } }
        let csv = FigureSupport.csv(header: ["feature"] + input.modelNames, rows: rows)
        var parts: [String] = []
        for (k, name) in input.modelNames.enumerated() {
            let row = input.values[k]
            let zeros = row.filter { $0 == 0 }.count
            let top = row.indices.max { abs(row[$0]) < abs(row[$1]) }!
            parts.append("\(name) has \(zeros == 0 ? "no" : String(zeros)) zero coefficient\(zeros == 1 ? "" : "s") and its largest is \(input.featureNames[top]) (\(FigureSupport.prose(row[top])))")
        }
        let alt = "Coefficients of \(input.featureNames.count) features compared across \(input.modelNames.joined(separator: ", ")): " + parts.joined(separator: "; ") + "."
        return FigureDrawing(figure: figure, csv: csv, altText: alt)
    }
}
