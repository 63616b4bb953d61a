import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// Input of the regularization-path figure: coefficients along a grid of penalties.
public struct PathFigureInput: Sendable, Equatable {
    public var featureNames: [String]
    /// Penalty values α (> 0), in any order (the solver's path usually runs from α_max downward).
    public var alphas: [Double]
    /// `coefficients[k][j]`: coefficient of feature j at `alphas[k]` (on whatever scale the caller
    /// states in the y label; the directive default is the standardized scale).
    public var coefficients: [[Double]]
    /// Nonzero coefficient count per α; `nil` counts entries with |β_j| > 0.
    public var nonzeroCounts: [Int]?
    /// Cross-validation choices to mark with vertical lines (when options.cvLines).
    public var alphaMin: Double?
    public var alpha1SE: Double?
    /// Used in the alt text ("on diabetes") and title.
    public var datasetName: String?
    /// "Lasso", "Elastic net", … used in the alt text.
    public var modelName: String?
    /// The parameter the α axis is labelled in (docgen's α unless the experiment was written otherwise).
    public var penalty: PenaltyAxis

    public init(featureNames: [String], alphas: [Double], coefficients: [[Double]], nonzeroCounts: [Int]? = nil,
                alphaMin: Double? = nil, alpha1SE: Double? = nil, datasetName: String? = nil, modelName: String? = nil,
                penalty: PenaltyAxis = .alpha) {
        self.featureNames = featureNames; self.alphas = alphas; self.coefficients = coefficients
        self.nonzeroCounts = nonzeroCounts; self.alphaMin = alphaMin; self.alpha1SE = alpha1SE
        self.datasetName = datasetName; self.modelName = modelName; self.penalty = penalty
    }
}

public struct PathFigureOptions: Sendable, Equatable {
    public enum XAxis: Sendable, Equatable {
        /// α on a log axis, drawn decreasing to the right (weak penalty at the right, where the labels are).
        case logAlpha
        /// ‖β‖₁ of each fit, increasing to the right.
        case l1Norm
    }
    public var title: String?
    public var xAxis: XAxis
    /// Draw α_min / α_1se lines when the input has them.
    public var cvLines: Bool
    /// Without `labelled`, lines for the first this many features to become nonzero as the penalty weakens are
    /// coloured and labelled; the rest are drawn thin and grey.
    public var maxLabelled: Int
    /// The features to colour and label (the directive's `label: [names]`); nil labels those entering first.
    public var labelled: [String]?
    public var yLabel: String
    /// The course's conventions (α direction, penalty symbol) and style map (each feature's colour and dash).
    public var conventions: FigureConventions
    public var styles: StyleMap

    public init(title: String? = nil, xAxis: XAxis = .logAlpha, cvLines: Bool = true, maxLabelled: Int = 10,
                labelled: [String]? = nil, yLabel: String = "coefficient β\u{0302}_j (standardized)",
                conventions: FigureConventions = FigureConventions(), styles: StyleMap = StyleMap()) {
        self.title = title; self.xAxis = xAxis; self.cvLines = cvLines; self.maxLabelled = maxLabelled
        self.labelled = labelled; self.yLabel = yLabel; self.conventions = conventions; self.styles = styles
    }
}

/// `{figure} regularization-path`: one line per feature against α (or ‖β‖₁), labelled at its weak-penalty end,
/// with the count of nonzero coefficients on the top axis when that count changes along the path (never for ridge)
/// and, on request, cross-validation's α_min and α_1se. Each feature keeps its course-wide colour and dash; the
/// features labelled are those that enter first, or the directive's `label: [names]`.
public struct RegularizationPathFigure: FigureKind {
    public static let name = "regularization-path"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["x", "cv_lines", "label"]
    static let kind = name

    /// Against ‖β‖₁ instead of log α (`x: l1-norm`).
    public var xAxis: PathFigureOptions.XAxis
    /// Mark α_min and α_1se (`cv_lines: true`; needs `cv`).
    public var cvLines: Bool
    /// Features to colour and label (`label: [bmi, s5]`); nil: those that enter first.
    public var labelled: [String]?

    public init(xAxis: PathFigureOptions.XAxis = .logAlpha, cvLines: Bool = false, labelled: [String]? = nil) {
        self.xAxis = xAxis; self.cvLines = cvLines; self.labelled = labelled
    }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        xAxis = .logAlpha
        if let x = r.string("x") {
            switch x {
            case "log-alpha", "alpha": xAxis = .logAlpha
            case "l1-norm": xAxis = .l1Norm
            default:
                r.error("'x' must be log-alpha or l1-norm, found '\(x)'", at: r.location(of: "x"))
                return nil
            }
        }
        cvLines = r.bool("cv_lines") ?? false
        // A list names features (and, starting with `fig-`, the figure's own label, which the build reads); a single
        // name is the figure's own label.
        if r.has("label") && !r.isScalar("label") { labelled = r.stringList("label")?.filter { !$0.hasPrefix("fig-") } }
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        [.penalized] + (cvLines ? [.crossValidation(option: "cv_lines")] : [])
    }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        let r = e.result
        if let labelled, let unknown = labelled.first(where: { !r.featureNames.contains($0) }) {
            var message = "'label' names '\(unknown)', which is not a feature of experiment '\(e.id)'"
            if let s = Suggestion.closest(to: unknown, in: r.featureNames) { message += "; did you mean '\(s)'?" }
            throw FigureInputError(Self.kind, message, key: "label")
        }
        let positive = r.alphas.indices.filter { r.alphas[$0] > 0 }
        let nonzero = r.nonzeroCounts
        let input = PathFigureInput(featureNames: r.featureNames, alphas: positive.map { r.alphas[$0] },
                                    coefficients: positive.map { r.coefficients[$0] },
                                    nonzeroCounts: positive.map { nonzero[$0] },
                                    alphaMin: cvLines ? r.alphaMin : nil, alpha1SE: cvLines ? r.alpha1SE : nil,
                                    datasetName: e.planned.dataName, modelName: r.modelDisplayName,
                                    penalty: context.conventions.penalty(r))
        let options = PathFigureOptions(title: context.title, xAxis: xAxis, cvLines: cvLines, labelled: labelled,
                                        yLabel: r.standardized ? "coefficient β\u{0302}_j (standardized)" : "coefficient β\u{0302}_j",
                                        conventions: context.conventions, styles: context.styles)
        return try Self.drawing(input, options: options)
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: PathFigureInput, options: PathFigureOptions = PathFigureOptions()) throws -> FigureDrawing {
        FigureDrawing(figure: try makeFigure(input, options: options), csv: try csv(input),
                      altText: altText(input, options: options))
    }

    /// Validated input sorted by decreasing α, with l1 norms and nonzero counts.
    struct Prepared {
        var alphas: [Double], coefficients: [[Double]], l1: [Double], nonzero: [Int]
    }

    static func prepare(_ input: PathFigureInput) throws -> Prepared {
        let p = input.featureNames.count
        guard p > 0, !input.alphas.isEmpty else { throw FigureInputError(kind, "needs at least one feature and one α") }
        try FigureSupport.sameLengths(kind, [("coefficients", input.coefficients.count)], expected: input.alphas.count)
        for (k, row) in input.coefficients.enumerated() {
            guard row.count == p else { throw FigureInputError(kind, "coefficients[\(k)] has \(row.count) values, expected \(p)") }
            try FigureSupport.allFinite(kind, "coefficients[\(k)]", row)
        }
        if let bad = input.alphas.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
            throw FigureInputError(kind, "alphas[\(bad)] = \(input.alphas[bad]) is not a positive number")
        }
        if let counts = input.nonzeroCounts {
            try FigureSupport.sameLengths(kind, [("nonzeroCounts", counts.count)], expected: input.alphas.count)
        }
        let order = input.alphas.indices.sorted { input.alphas[$0] > input.alphas[$1] }
        let coefficients = order.map { input.coefficients[$0] }
        return Prepared(alphas: order.map { input.alphas[$0] }, coefficients: coefficients,
                        l1: coefficients.map { $0.reduce(0) { $0 + abs($1) } },
                        nonzero: order.map { k in input.nonzeroCounts?[k] ?? input.coefficients[k].filter { $0 != 0 }.count })
    }

    /// Feature indices in the order they become nonzero as α decreases (never-active features last).
    static func entryOrder(_ prepared: Prepared, featureCount p: Int) -> [Int] {
        // Ties on the grid (two features entering between the same pair of α values) go to the feature that
        // is larger at the first α where both are nonzero, i.e. the one that crossed zero earlier.
        func entry(_ j: Int) -> (Int, Double) {
            guard let k = prepared.coefficients.firstIndex(where: { $0[j] != 0 }) else { return (Int.max, 0) }
            return (k, -abs(prepared.coefficients[k][j]))
        }
        return (0..<p).sorted { (entry($0).0, entry($0).1, $0) < (entry($1).0, entry($1).1, $1) }
    }

    public static func makeFigure(_ input: PathFigureInput, options: PathFigureOptions) throws -> Figure {
        let prepared = try prepare(input)
        let p = input.featureNames.count
        let penalty = input.penalty
        let values = prepared.alphas.map(penalty.value)
        let xs: [Double] = options.xAxis == .logAlpha ? values : prepared.l1
        guard !prepared.coefficients.isEmpty else { throw FigureInputError(kind, "empty path") }
        let labelled = Set(labelledFeatures(input, prepared, options: options))
        var items: [PlotItem] = []
        for j in 0..<p where !labelled.contains(j) {
            items.append(.line(LineSeries(xs: xs, ys: prepared.coefficients.map { $0[j] }, ink: .muted, width: 0.8)))
        }
        let ordered = entryOrder(prepared, featureCount: p).filter { labelled.contains($0) }
        let styles = options.styles.features(ordered.map { input.featureNames[$0] })
        for (position, j) in ordered.enumerated() {
            let style = styles[position]
            let every = max(1, xs.count / 8)
            items.append(.line(LineSeries(xs: xs, ys: prepared.coefficients.map { $0[j] }, ink: style.ink,
                                          dash: style.dash, marker: style.marker, markerEvery: every,
                                          markerOffset: (style.index * every / 3) % every,
                                          label: RichText.escape(input.featureNames[j]), directLabel: true)))
        }
        items.append(.reference(ReferenceLine(.horizontal, at: 0, ink: .axis, dash: .solid)))
        if options.cvLines {
            for (value, label, dash) in [(input.alphaMin, "\(penalty.symbol)_{min}", DashStyle.dashed),
                                         (input.alpha1SE, "\(penalty.symbol)_{1se}", .dotted)] {
                guard let a = value, a > 0 else { continue }
                let x = options.xAxis == .logAlpha ? penalty.value(a) : prepared.l1[nearest(prepared.alphas, to: a)]
                items.append(.reference(ReferenceLine(.vertical, at: x, ink: .text, dash: dash,
                                                      label: "\(label) = \(FigureSupport.prose(penalty.value(a)))")))
            }
        }
        let xAxis: Axis
        var positions: [Double] = []
        var counts: [String] = []
        // Labels sit at the weak-penalty end of the lines; the y axis takes the other side.
        let weakOnLeft: Bool
        switch options.xAxis {
        case .logAlpha:
            xAxis = options.conventions.penaltyAxis(penalty)
            weakOnLeft = xAxis.reversed != penalty.parameter.penalizesMoreWhenLarger
            let lo = values.min() ?? 1, hi = values.max() ?? 1
            for t in Ticks.log(lo, hi, maxCount: 7).major + (lo < hi ? [] : [lo]) {
                positions.append(t); counts.append(String(prepared.nonzero[nearest(values, to: t)]))
            }
        case .l1Norm:
            xAxis = Axis(label: "‖β\u{0302}‖_1 (sum of |β\u{0302}_j|)", scale: .linear)
            weakOnLeft = false
            let hi = prepared.l1.max() ?? 1
            for t in Ticks.linear(0, hi, targetCount: 6, inside: true) {
                let k = prepared.l1.indices.min { abs(prepared.l1[$0] - t) < abs(prepared.l1[$1] - t) } ?? 0
                positions.append(t); counts.append(String(prepared.nonzero[k]))
            }
        }
        // A count that never changes (ridge: all p at every α) says nothing; the axis is left out.
        let countVaries = Set(prepared.nonzero).count > 1
        let panel = Panel(x: xAxis, y: Axis(label: options.yLabel),
                          top: countVaries ? TopAxis(label: "nonzero coefficients", positions: positions, labels: counts) : nil,
                          items: items, legend: .none, yAxisSide: weakOnLeft ? .right : .left,
                          directLabelSide: weakOnLeft ? .left : .right)
        return Figure(title: options.title, panels: [panel])
    }

    /// The features drawn in colour and labelled: the directive's list, or the first `maxLabelled` to become nonzero
    /// as the penalty weakens (for a path without exact zeros, those largest at the strongest penalty).
    static func labelledFeatures(_ input: PathFigureInput, _ prepared: Prepared, options: PathFigureOptions) -> [Int] {
        if let names = options.labelled {
            return names.compactMap { input.featureNames.firstIndex(of: $0) }
        }
        let active = entryOrder(prepared, featureCount: input.featureNames.count).filter { j in
            prepared.coefficients.contains { $0[j] != 0 }
        }
        return Array(active.prefix(options.maxLabelled))
    }

    /// Index of the α nearest to `a` on a log scale.
    static func nearest(_ alphas: [Double], to a: Double) -> Int {
        alphas.indices.min { abs(log(alphas[$0] / a)) < abs(log(alphas[$1] / a)) } ?? 0
    }

    static func csv(_ input: PathFigureInput) throws -> String {
        let prepared = try prepare(input)
        let rows = prepared.alphas.indices.map { k in
            input.penalty.csvCells(prepared.alphas[k]) + [FigureSupport.number(prepared.l1[k]), String(prepared.nonzero[k])]
                + prepared.coefficients[k].map(FigureSupport.number)
        }
        return FigureSupport.csv(header: input.penalty.csvHeader + ["l1_norm", "nonzero"] + input.featureNames, rows: rows)
    }

    static func altText(_ input: PathFigureInput, options: PathFigureOptions) -> String {
        guard let prepared = try? prepare(input) else { return "Regularization path (invalid input)." }
        let p = input.featureNames.count
        let model = input.modelName ?? "Regularization"
        let on = input.datasetName.map { " on \($0)" } ?? ""
        let penalty = input.penalty
        let values = prepared.alphas.map(penalty.value)
        let shownReversed = options.conventions.penaltyAxis(penalty).reversed
        let (leftValue, rightValue) = shownReversed ? (values.max() ?? 0, values.min() ?? 0) : (values.min() ?? 0, values.max() ?? 0)
        let axis = options.xAxis == .logAlpha
            ? "\(penalty.name) on a log scale, \(FigureSupport.prose(leftValue)) on the left to \(FigureSupport.prose(rightValue)) on the right"
            : "the ℓ1 norm of the coefficients"
        var text = "\(model) path of \(p) coefficient\(p == 1 ? "" : "s")\(on) against \(axis)"
        let order = entryOrder(prepared, featureCount: p)
        let active = order.filter { j in prepared.coefficients.contains { $0[j] != 0 } }
        if Set(prepared.nonzero).count <= 1 {
            text += "; no coefficient is exactly zero at any penalty shown, all shrink towards zero as the penalty grows"
        } else if let first = active.first {
            text += "; \(input.featureNames[first]) becomes nonzero first"
            if active.count > 1, let lastFeature = active.last { text += ", \(input.featureNames[lastFeature]) last" }
            if active.count < p { text += "; \(p - active.count) stay zero throughout" }
        }
        if let last = prepared.coefficients.last, let top = (0..<p).max(by: { abs(last[$0]) < abs(last[$1]) }) {
            text += ". At the weakest penalty the largest coefficient is \(input.featureNames[top]) (\(FigureSupport.prose(last[top])))"
        }
        if options.cvLines, let a = input.alphaMin {
            text += "; cross-validation picks \(penalty.equation(a))"
            if let b = input.alpha1SE { text += " (one-standard-error rule: \(FigureSupport.prose(penalty.value(b))))" }
        }
        return text + "."
    }
}
