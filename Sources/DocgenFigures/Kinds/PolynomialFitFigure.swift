import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// One fitted curve of the polynomial-fit figure: ŷ on an x grid for one α.
public struct FittedCurve: Sendable, Equatable {
    public var alpha: Double
    public var xs: [Double]
    public var ys: [Double]
    public init(alpha: Double, xs: [Double], ys: [Double]) { self.alpha = alpha; self.xs = xs; self.ys = ys }
}

public struct PolynomialFitInput: Sendable, Equatable {
    public var sampleX: [Double], sampleY: [Double]
    /// The noiseless curve the samples came from, if known.
    public var trueX: [Double]?, trueY: [Double]?
    public var fits: [FittedCurve]
    /// Polynomial degree (for titles and alt text).
    public var degree: Int?
    public var modelName: String?
    /// Which samples are the test part of a holdout split (drawn apart from the training points); nil or all false
    /// without a split.
    public var sampleIsTest: [Bool]?
    public init(sampleX: [Double], sampleY: [Double], trueX: [Double]? = nil, trueY: [Double]? = nil,
                fits: [FittedCurve], degree: Int? = nil, modelName: String? = nil, sampleIsTest: [Bool]? = nil) {
        self.sampleX = sampleX; self.sampleY = sampleY; self.trueX = trueX; self.trueY = trueY; self.fits = fits
        self.degree = degree; self.modelName = modelName; self.sampleIsTest = sampleIsTest
    }

    /// Whether the samples hold a test part.
    var hasTestPart: Bool { sampleIsTest?.contains(true) ?? false }
}

public struct PolynomialFitOptions: Sendable, Equatable {
    public enum Layout: Sendable, Equatable { case panels, overlay }
    public var title: String?
    public var layout: Layout
    /// The course's penalty symbol (curve labels).
    public var conventions: FigureConventions
    public init(title: String? = nil, layout: Layout = .panels, conventions: FigureConventions = FigureConventions()) {
        self.title = title; self.layout = layout; self.conventions = conventions
    }
}

/// `{figure} polynomial-fit`: the data of a single-input experiment with its fitted polynomial at up to six α, in
/// panels or overlaid, and the noise-free curve when the data are generated. With a holdout split, training points
/// (filled squares, the colour of "train" in every figure) and test points (open circles, the colour of "test") are
/// told apart. The y range is fixed around the samples, so a wildly oscillating fit is clipped rather than
/// flattening everything else.
public struct PolynomialFitFigure: FigureKind {
    public static let name = "polynomial-fit"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["alphas", "layout"]
    static let kind = name

    /// The α of each curve (nearest grid α); nil: the first three of the grid.
    public var alphas: [Double]?
    public var layout: PolynomialFitOptions.Layout

    public init(alphas: [Double]? = nil, layout: PolynomialFitOptions.Layout = .panels) {
        self.alphas = alphas; self.layout = layout
    }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        alphas = r.numberList("alphas")
        if let xs = alphas, xs.isEmpty || xs.count > 6 || xs.contains(where: { $0 < 0 }) {
            r.error("'alphas' must list 1 to 6 non-negative values", at: r.location(of: "alphas"))
        }
        layout = .panels
        if let name = r.string("layout") {
            switch name {
            case "panels": layout = .panels
            case "overlay": layout = .overlay
            default: r.error("'layout' must be panels or overlay, found '\(name)'", at: r.location(of: "layout"))
            }
        }
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] { [.polynomialFeatures] }

    public var requestedAlphas: [AlphaRequest] { (alphas ?? []).map { AlphaRequest(key: "alphas", alpha: $0) } }

    var request: ExperimentOutputRequest { .fittedCurves(FittedCurvesRequest(points: 241, alphas: alphas)) }

    public func outputs(for experiment: PlannedExperiment) -> [ExperimentOutputRequest] { [request] }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        guard case let .fittedCurves(c) = try e.output(request, figure: Self.kind) else {
            throw FigureInputError(Self.kind, "experiment '\(e.id)' has no fitted curves")
        }
        let fits = c.curves.map { FittedCurve(alpha: $0.alpha, xs: c.grid, ys: $0.values) }
        let input = PolynomialFitInput(sampleX: c.sampleX, sampleY: c.sampleY, trueX: c.trueValues == nil ? nil : c.grid,
                                       trueY: c.trueValues, fits: fits, degree: e.planned.spec.polynomialDegree,
                                       modelName: e.result.modelDisplayName, sampleIsTest: c.isTest)
        return try Self.drawing(input, options: PolynomialFitOptions(title: context.title, layout: layout,
                                                                     conventions: context.conventions))
    }

    static func validate(_ input: PolynomialFitInput) throws {
        guard !input.sampleX.isEmpty else { throw FigureInputError(kind, "needs sample points") }
        try FigureSupport.sameLengths(kind, [("sampleY", input.sampleY.count)], expected: input.sampleX.count)
        try FigureSupport.allFinite(kind, "sampleX", input.sampleX); try FigureSupport.allFinite(kind, "sampleY", input.sampleY)
        if let tx = input.trueX { try FigureSupport.sameLengths(kind, [("trueY", input.trueY?.count ?? 0)], expected: tx.count) }
        guard !input.fits.isEmpty else { throw FigureInputError(kind, "needs at least one fitted curve") }
        for (k, f) in input.fits.enumerated() {
            try FigureSupport.sameLengths(kind, [("fits[\(k)].ys", f.ys.count)], expected: f.xs.count)
            guard f.alpha >= 0 else { throw FigureInputError(kind, "fits[\(k)].alpha is negative") }
        }
    }

    public static func makeFigure(_ input: PolynomialFitInput, options: PolynomialFitOptions) throws -> Figure {
        try validate(input)
        let ys = input.sampleY + (input.trueY ?? [])
        let lo = ys.min() ?? 0, hi = ys.max() ?? 1, span = max(hi - lo, 1e-9)
        let yRange = (lo - 0.35 * span)...(hi + 0.35 * span)
        let xLo = input.sampleX.min() ?? 0, xHi = input.sampleX.max() ?? 1
        let xPad = max(xHi - xLo, 1e-9) * 0.03
        let xRange = (xLo - xPad)...(xHi + xPad)
        func base() -> [PlotItem] {
            var items: [PlotItem] = []
            if let tx = input.trueX, let ty = input.trueY {
                items.append(.line(LineSeries(xs: tx, ys: ty, ink: .muted, width: 1.5, dash: .dotted, label: "true curve")))
            }
            if input.hasTestPart, let isTest = input.sampleIsTest {
                let train = input.sampleX.indices.filter { !isTest[$0] }, test = input.sampleX.indices.filter { isTest[$0] }
                items.append(.scatter(ScatterSeries(xs: train.map { input.sampleX[$0] }, ys: train.map { input.sampleY[$0] },
                                                    ink: .palette(0), marker: Marker(.square, size: 5.5),
                                                    label: "train (\(train.count))")))
                items.append(.scatter(ScatterSeries(xs: test.map { input.sampleX[$0] }, ys: test.map { input.sampleY[$0] },
                                                    ink: .palette(1), marker: Marker(.circle, size: 7, filled: false),
                                                    label: "test (\(test.count))")))
            } else {
                items.append(.scatter(ScatterSeries(xs: input.sampleX, ys: input.sampleY, ink: .text,
                                                    marker: Marker(.circle, size: 6, filled: false), label: "samples")))
            }
            return items
        }
        let alphaLabel = options.conventions.alphaLabel
        let xAxis = Axis(label: "x", range: xRange), yAxis = Axis(label: "y", range: yRange)
        switch options.layout {
        case .overlay:
            var items = base()
            for (i, f) in input.fits.enumerated() {
                let s = FigureSupport.seriesStyle(i + 2)  // styles 0 and 1 are train and test
                items.append(.line(LineSeries(xs: f.xs, ys: f.ys, ink: s.ink, dash: s.dash, label: alphaLabel(f.alpha))))
            }
            return Figure(title: options.title, panels: [Panel(x: xAxis, y: yAxis, items: items)])
        case .panels:
            // One legend, in the panel whose fit wanders least (most free room).
            let variation = input.fits.map { f in zip(f.ys, f.ys.dropFirst()).reduce(0) { $0 + abs($1.1 - $1.0) } }
            let legendPanel = variation.indices.min { variation[$0] < variation[$1] } ?? 0
            let panels = input.fits.enumerated().map { i, f in
                Panel(title: alphaLabel(f.alpha), x: xAxis, y: yAxis,
                      items: base() + [.line(LineSeries(xs: f.xs, ys: f.ys, ink: .palette(2), width: 2, label: "fit"))],
                      legend: i == legendPanel ? .auto : .none)
            }
            let columns = panels.count <= 3 ? panels.count : (panels.count + 1) / 2
            return Figure(title: options.title, panels: panels, columns: columns)
        }
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: PolynomialFitInput, options: PolynomialFitOptions = PolynomialFitOptions()) throws -> FigureDrawing {
        let figure = try makeFigure(input, options: options)
        var rows: [[String]] = input.sampleX.indices.map { i in
            let part = input.hasTestPart ? (input.sampleIsTest![i] ? "test" : "train") : "sample"
            return [part, "", FigureSupport.number(input.sampleX[i]), FigureSupport.number(input.sampleY[i])]
        }
        if let tx = input.trueX, let ty = input.trueY {
            rows += zip(tx, ty).map { ["true", "", FigureSupport.number($0), FigureSupport.number($1)] }
        }
        for f in input.fits { rows += zip(f.xs, f.ys).map { ["fit", FigureSupport.number(f.alpha), FigureSupport.number($0), FigureSupport.number($1)] } }
        let csv = FigureSupport.csv(header: ["series", "alpha", "x", "y"], rows: rows)
        let degree = input.degree.map { "degree-\($0) " } ?? ""
        let model = input.modelName.map { "\($0) " } ?? ""
        let symbol = options.conventions.symbol
        let points: String
        if input.hasTestPart, let isTest = input.sampleIsTest {
            let test = isTest.filter { $0 }.count
            points = "\(input.sampleX.count - test) training points (filled squares) and \(test) test points (open circles)"
        } else {
            points = "\(input.sampleX.count) noisy samples"
        }
        var alt = "\(points) with \(degree)polynomial \(model)fits for \(symbol) = "
        alt += input.fits.map { FigureSupport.prose($0.alpha) }.joined(separator: ", ")
        // Wiggliness: total variation of each fit relative to the samples' range.
        let range = max((input.sampleY.max() ?? 1) - (input.sampleY.min() ?? 0), 1e-12)
        let variations = input.fits.map { f in zip(f.ys, f.ys.dropFirst()).reduce(0) { $0 + abs($1.1 - $1.0) } / range }
        if let most = variations.indices.max(by: { variations[$0] < variations[$1] }),
           let least = variations.indices.min(by: { variations[$0] < variations[$1] }), most != least {
            alt += "; the fit for \(symbol) = \(FigureSupport.prose(input.fits[most].alpha)) oscillates most, the one for \(symbol) = \(FigureSupport.prose(input.fits[least].alpha)) is flattest"
        }
        return FigureDrawing(figure: figure, csv: csv, altText: alt + ".")
    }
}
