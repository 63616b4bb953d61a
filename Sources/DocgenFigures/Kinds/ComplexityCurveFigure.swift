import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

public struct ComplexityCurveInput: Sendable, Equatable {
    public enum XKind: Sendable, Equatable {
        /// Polynomial degree (complexity grows with x).
        case degree
        /// Penalty α > 0 on a log axis drawn decreasing to the right (complexity grows rightward).
        case alpha
    }
    public var xKind: XKind
    public var xs: [Double]
    public var trainError: [Double]
    public var testError: [Double]
    /// Label markup of the error, e.g. "mean squared error".
    public var errorName: String
    public var datasetName: String?
    /// For `.alpha`: the parameter the axis is labelled in (docgen's α unless the experiment was written otherwise).
    public var penalty: PenaltyAxis
    public init(xKind: XKind, xs: [Double], trainError: [Double], testError: [Double],
                errorName: String = "mean squared error", datasetName: String? = nil, penalty: PenaltyAxis = .alpha) {
        self.xKind = xKind; self.xs = xs; self.trainError = trainError; self.testError = testError
        self.errorName = errorName; self.datasetName = datasetName; self.penalty = penalty
    }
}

public struct ComplexityCurveOptions: Sendable, Equatable {
    public var title: String?
    /// Log-scale error axis; `nil` chooses it when the errors span more than a factor of 30.
    public var logErrorAxis: Bool?
    /// Shade the points where the numbers show over- or underfitting (`FittingRegimes`); off unless asked for.
    public var showRegions: Bool
    /// The course's α direction and penalty symbol.
    public var conventions: FigureConventions
    public init(title: String? = nil, logErrorAxis: Bool? = nil, showRegions: Bool = false,
                conventions: FigureConventions = FigureConventions()) {
        self.title = title; self.logErrorAxis = logErrorAxis; self.showRegions = showRegions
        self.conventions = conventions
    }
}

/// `{figure} complexity-curve`: train and test error against model complexity — the penalty α of the experiment's
/// grid, or the polynomial degree (`x: degree`, refitting the experiment at each of `degrees`). The lowest test error
/// is marked with its value; `regions: true` shades the points where the numbers show over- or underfitting.
public struct ComplexityCurveFigure: FigureKind {
    public static let name = "complexity-curve"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["x", "degrees", "regions"]
    static let kind = name

    /// Polynomial degrees to refit at for `x: degree`; nil draws against α.
    public var degrees: [Int]?
    /// Shade over- and underfitting where the numbers show them (`regions: true`).
    public var regions: Bool

    public init(degrees: [Int]? = nil, regions: Bool = false) { self.degrees = degrees; self.regions = regions }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        var againstDegree = false
        if let x = r.string("x") {
            switch x {
            case "degree": againstDegree = true
            case "alpha", "log-alpha": againstDegree = false
            default:
                r.error("'x' must be degree or alpha, found '\(x)'", at: r.location(of: "x"))
                return nil
            }
        }
        var degrees: [Int]?
        if let ds = r.numberList("degrees") {
            // At most 30 entries: each is a refit, so a long list is a long build.
            if ds.isEmpty || ds.count > 30 || ds.contains(where: { $0 < 1 || $0 > 30 || $0 != $0.rounded() }) {
                r.error("'degrees' must list whole degrees from 1 to 30", at: r.location(of: "degrees"))
                return nil
            }
            degrees = ds.map { Int($0) }
        }
        self.degrees = againstDegree ? (degrees ?? Array(1...12)) : nil
        regions = r.bool("regions") ?? false
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        // Against α it needs a grid of α; against degree each refit is at the experiment's first α, any model.
        [.split] + (degrees != nil ? [.singleInput(reason: "complexity-curve against degree")] : [.penalized])
    }

    public func outputs(for experiment: PlannedExperiment) -> [ExperimentOutputRequest] {
        degrees.map { [.degreeSweep(degrees: $0)] } ?? []
    }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        let r = e.result
        let metric = r.task.validationError
        let input: ComplexityCurveInput
        if let degrees {
            guard case let .degreeSweep(sweep) = try e.output(.degreeSweep(degrees: degrees), figure: Self.kind) else {
                throw FigureInputError(Self.kind, "experiment '\(e.id)' has no degree sweep")
            }
            input = ComplexityCurveInput(xKind: .degree, xs: sweep.degrees.map(Double.init), trainError: sweep.trainError,
                                         testError: sweep.testError, errorName: metric.displayName,
                                         datasetName: e.planned.dataName)
        } else {
            guard let train = r.metric(metric, on: .train), let test = r.metric(metric, on: .test) else {
                throw FigureInputError(Self.kind, "complexity-curve needs experiment '\(e.id)' to have a 'split'")
            }
            let keep = r.alphas.indices.filter { r.alphas[$0] > 0 }
            input = ComplexityCurveInput(xKind: .alpha, xs: keep.map { r.alphas[$0] }, trainError: keep.map { train[$0] },
                                         testError: keep.map { test[$0] }, errorName: metric.displayName,
                                         datasetName: e.planned.dataName, penalty: context.conventions.penalty(r))
        }
        return try Self.drawing(input, options: ComplexityCurveOptions(title: context.title, showRegions: regions,
                                                                       conventions: context.conventions))
    }

    public static func makeFigure(_ input: ComplexityCurveInput, options: ComplexityCurveOptions) throws -> Figure {
        let n = input.xs.count
        guard n > 0 else { throw FigureInputError(kind, "needs at least one point") }
        try FigureSupport.sameLengths(kind, [("trainError", input.trainError.count), ("testError", input.testError.count)], expected: n)
        try FigureSupport.allFinite(kind, "xs", input.xs)
        if input.xKind == .alpha, let bad = input.xs.firstIndex(where: { !($0 > 0) }) {
            throw FigureInputError(kind, "xs[\(bad)] = \(input.xs[bad]) is not a positive α")
        }
        let finite = input.testError.indices.filter { input.testError[$0].isFinite }
        guard let best = finite.min(by: { input.testError[$0] < input.testError[$1] }) else {
            throw FigureInputError(kind, "no finite test error")
        }
        let order = input.xs.indices.sorted { input.xs[$0] < input.xs[$1] }
        // Against α the points sit at the author's values of the penalty (docgen's α unless written otherwise).
        let penalty = input.penalty, againstDegree = input.xKind == .degree
        func shown(_ x: Double) -> Double { againstDegree ? x : penalty.value(x) }
        let xs = order.map { shown(input.xs[$0]) }, train = order.map { input.trainError[$0] }, test = order.map { input.testError[$0] }
        let all = (train + test).filter { $0.isFinite && $0 > 0 }
        let logY = options.logErrorAxis ?? ((all.max() ?? 1) / max(all.min() ?? 1, 1e-300) > 30)
        let bestX = shown(input.xs[best])
        var items: [PlotItem] = []
        if options.showRegions && n > 2 {
            // In order of growing complexity: increasing degree, or decreasing α.
            let complexity = againstDegree ? order : order.reversed()
            let regimes = FittingRegimes(train: complexity.map { input.trainError[$0] }, test: complexity.map { input.testError[$0] },
                                         higherIsBetter: false, best: complexity.firstIndex(of: best) ?? 0)
            // The boundary between complexity positions c and c + 1, on the drawn axis.
            func boundary(_ c: Int) -> Double {
                let a = shown(input.xs[complexity[c]])
                guard c + 1 < complexity.count else { return a }
                let b = shown(input.xs[complexity[c + 1]])
                return againstDegree ? (a + b) / 2 : (a * b).squareRoot()
            }
            // Spans between a boundary and the end of the axis on the simple or the complex side.
            func span(from edge: Double, simpleSide: Bool) -> (Double, Double) {
                if againstDegree { return simpleSide ? (-Double.infinity, edge) : (edge, Double.infinity) }
                let alpha = edge  // an author's value; map the sides through the penalty's direction
                let increasing = penalty.parameter.penalizesMoreWhenLarger
                return simpleSide == increasing ? (alpha, Double.infinity) : (0, alpha)
            }
            if let c = regimes.underfitThrough {
                let s = span(from: boundary(c), simpleSide: true)
                items.append(.xSpan(XSpan(from: s.0, to: s.1, caption: "underfitting: train and test both worse")))
            }
            if let c = regimes.overfitFrom, c > 0 {
                let s = span(from: boundary(c - 1), simpleSide: false)
                items.append(.xSpan(XSpan(from: s.0, to: s.1, caption: "overfitting: train–test gap widens", hatched: true)))
            }
        }
        let markerEvery = max(1, n / 15)
        items.append(.line(LineSeries(xs: xs, ys: train, ink: .palette(0), dash: .dashed, marker: Marker(.square, size: 5.5),
                                      markerEvery: markerEvery, label: "train")))
        items.append(.line(LineSeries(xs: xs, ys: test, ink: .palette(1), marker: Marker(.circle, size: 6),
                                      markerEvery: markerEvery, label: "test")))
        let bestLabel = input.xKind == .degree ? "best degree = \(Int(bestX.rounded()))" : "best \(input.penalty.equation(input.xs[best]))"
        items.append(.reference(ReferenceLine(.vertical, at: bestX, ink: .text, dash: .dotted, label: bestLabel)))
        items.append(.scatter(ScatterSeries(xs: [bestX], ys: [input.testError[best]], ink: .palette(1), marker: Marker(.diamond, size: 12))))
        let xAxis = input.xKind == .degree
            ? Axis(label: "polynomial degree (model complexity →)", grid: true)
            : options.conventions.penaltyAxis(input.penalty)
        let panel = Panel(x: xAxis, y: Axis(label: input.errorName + (logY ? " (log scale)" : ""), scale: logY ? .log : .linear),
                          items: items, legend: .auto)
        var note: String?
        if n > 2, let position = order.firstIndex(of: best), position == 0 || position == n - 1 {
            note = againstDegree ? "The best degree is the \(position == 0 ? "lowest" : "highest") tried."
                : FigureSupport.edgeNote(position, count: n, penalty: penalty)
        }
        return Figure(title: options.title, panels: [panel], footnote: note)
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: ComplexityCurveInput, options: ComplexityCurveOptions = ComplexityCurveOptions()) throws -> FigureDrawing {
        let figure = try makeFigure(input, options: options)
        let order = input.xs.indices.sorted { input.xs[$0] < input.xs[$1] }
        let header = input.xKind == .degree ? ["degree"] : input.penalty.csvHeader
        func x(_ k: Int) -> [String] {
            input.xKind == .degree ? [FigureSupport.number(input.xs[k])] : input.penalty.csvCells(input.xs[k])
        }
        let csv = FigureSupport.csv(header: header + ["train_error", "test_error"],
                                    rows: order.map { x($0) + [FigureSupport.number(input.trainError[$0]), FigureSupport.number(input.testError[$0])] })
        let best = input.testError.indices.filter { input.testError[$0].isFinite }.min { input.testError[$0] < input.testError[$1] }!
        let name = RichText(markup: input.errorName).plainText
        let on = input.datasetName.map { " on \($0)" } ?? ""
        let what = input.xKind == .degree ? "polynomial degree"
            : "\(input.penalty.name) (\(options.conventions.penaltyAxis(input.penalty).reversed == input.penalty.parameter.penalizesMoreWhenLarger ? "weaker" : "stronger") to the right)"
        let at = input.xKind == .degree ? "degree \(Int(input.xs[best].rounded()))" : input.penalty.equation(input.xs[best])
        let first = order.first!, last = order.last!
        let alt = "Train and test \(name)\(on) against \(what); train error goes from \(FigureSupport.prose(input.trainError[first])) to \(FigureSupport.prose(input.trainError[last])), while test error is lowest (\(FigureSupport.prose(input.testError[best]))) at \(at)."
        return FigureDrawing(figure: figure, csv: csv, altText: alt)
    }
}
