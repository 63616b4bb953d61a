import DocgenPlotting
import Foundation

public struct CoefficientsFigureInput: Sendable, Equatable {
    public var modelNames: [String]
    public var featureNames: [String]
    /// `values[m][j]`: coefficient of feature j in model m.
    public var values: [[Double]]
    public init(modelNames: [String], featureNames: [String], values: [[Double]]) {
        self.modelNames = modelNames; self.featureNames = featureNames; self.values = values
    }
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

/// Grouped bars: per feature, one bar per model. Exact zeros are marked with a small ring on the axis
/// (so "zero" reads differently from "tiny"); models get different hatch patterns for grayscale printing.
public enum CoefficientsFigure {
    static let kind = "coefficients"

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
                                         ink: .palette(k), hatch: Hatch.cycle(k), label: RichText.escape(input.modelNames[k]))))
            zeroX[k] = (0..<p).filter { row[$0] == 0 }.map { x0[$0] + 0.44 * barWidth }
        }
        for (k, xs) in zeroX.enumerated() where !xs.isEmpty && p * m <= 240 {
            items.append(.scatter(ScatterSeries(xs: xs, ys: xs.map { _ in 0 }, ink: .palette(k),
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

    /// The figure in one style; see `render(…styles:)`.
    public static func render(_ input: CoefficientsFigureInput, options: CoefficientsFigureOptions = CoefficientsFigureOptions(),
                              style: FigureStyle = FigureStyle()) throws -> FigureOutput {
        try render(input, options: options, styles: [style])[0]
    }

    /// The figure in each of `styles` (e.g. the light and the dark theme), from one figure model, CSV and alt text.
    public static func render(_ input: CoefficientsFigureInput, options: CoefficientsFigureOptions = CoefficientsFigureOptions(),
                              styles: [FigureStyle]) throws -> [FigureOutput] {
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
        return try FigureSupport.outputs(figure, styles: styles, csv: csv, alt: alt)
    }
}
