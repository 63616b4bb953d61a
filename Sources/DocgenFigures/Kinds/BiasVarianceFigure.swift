import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// The fits of one model on many fresh samples, per α.
public struct BiasVarianceInput: Sendable, Equatable {
    /// One α's fits, their mean, bias² and variance: the replicate fits' panel as the experiment computed it.
    public typealias Panel = ReplicateCurves.Panel
    public var grid: [Double]
    public var trueValues: [Double]
    public var panels: [Panel]
    /// The range of the samples' targets, which the y axis is fixed around (so a wild fit is clipped).
    public var sampleRange: ClosedRange<Double>
    public var degree: Int?
    public var modelName: String?
    public init(grid: [Double], trueValues: [Double], panels: [Panel], sampleRange: ClosedRange<Double>,
                degree: Int? = nil, modelName: String? = nil) {
        self.grid = grid; self.trueValues = trueValues; self.panels = panels; self.sampleRange = sampleRange
        self.degree = degree; self.modelName = modelName
    }
}

/// `{figure} bias-variance`: the experiment's model fitted on `samples` fresh samples of its generated curve (the
/// generator drawn again with seeds seed + 1, seed + 2, …, each sample fitted as the experiment is), one panel per
/// α. Every sample's fit is a thin translucent line, so where the fits crowd reads darker; their mean is a thick
/// line and the noise-free curve a dotted one. The distance between mean and curve is the bias, the spread of the
/// thin lines the variance; each panel's title gives both, averaged over the x grid (bias² and variance, as in
/// the expected squared error = bias² + variance + noise; bias² net of the mean's own sampling error, see
/// `ReplicateCurves`).
public struct BiasVarianceFigure: FigureKind {
    public static let name = "bias-variance"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["alphas", "samples"]
    static let kind = name

    public var alphas: [Double]
    public var samples: Int

    public init(alphas: [Double], samples: Int = 50) { self.alphas = alphas; self.samples = samples }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        alphas = r.numberList("alphas") ?? []
        if alphas.isEmpty || alphas.count > 4 || alphas.contains(where: { $0 < 0 }) {
            r.error("'alphas' must list 1 to 4 non-negative values", at: r.location(of: "alphas"))
        }
        samples = r.integer("samples") ?? 50
        if !(5...200).contains(samples) {
            r.error("'samples' must be a whole number from 5 to 200", at: r.location(of: "samples"))
        }
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        [.generatedCurve, .task(.regression, reason: "figure \(Self.name)")]
    }

    // `requestedAlphas` stays empty: every sample is fitted at exactly these α, which need not be on the grid.

    var request: ExperimentOutputRequest { .replicateCurves(ReplicateCurvesRequest(samples: samples, alphas: alphas)) }

    public func outputs(for experiment: PlannedExperiment) -> [ExperimentOutputRequest] { [request] }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        guard case let .replicateCurves(c) = try e.output(request, figure: Self.kind) else {
            throw FigureInputError(Self.kind, "experiment '\(e.id)' has no replicate fits")
        }
        let lo = min(c.trueValues.min() ?? -1, -1), hi = max(c.trueValues.max() ?? 1, 1)
        let input = BiasVarianceInput(
            grid: c.grid, trueValues: c.trueValues,
            panels: c.panels,
            sampleRange: lo...hi, degree: e.planned.spec.polynomialDegree, modelName: e.result.modelDisplayName)
        return try Self.drawing(input, title: context.title, conventions: context.conventions)
    }

    static func validate(_ input: BiasVarianceInput) throws {
        guard input.grid.count >= 2 else { throw FigureInputError(kind, "needs a grid of at least two x") }
        try FigureSupport.sameLengths(kind, [("trueValues", input.trueValues.count)], expected: input.grid.count)
        guard !input.panels.isEmpty else { throw FigureInputError(kind, "needs at least one α") }
        for (k, p) in input.panels.enumerated() {
            guard p.fits.count >= 2 else { throw FigureInputError(kind, "panel \(k + 1) needs at least two fits") }
            try FigureSupport.sameLengths(kind, [("mean", p.mean.count)] + p.fits.enumerated().map { ("fits[\($0.offset)]", $0.element.count) },
                                          expected: input.grid.count)
        }
    }

    public static func makeFigure(_ input: BiasVarianceInput, title: String? = nil,
                                  conventions: FigureConventions = FigureConventions()) throws -> Figure {
        try validate(input)
        let span = input.sampleRange.upperBound - input.sampleRange.lowerBound
        // More room above than below: the legend goes over the curve's top, not onto it.
        let yAxis = Axis(label: "y", range: (input.sampleRange.lowerBound - 0.6 * span)...(input.sampleRange.upperBound + 0.95 * span))
        let xAxis = Axis(label: "x", range: input.grid[0]...input.grid[input.grid.count - 1])
        // One legend, in the panel whose fits spread least (most free room).
        let legendPanel = input.panels.indices.min { input.panels[$0].variance < input.panels[$1].variance } ?? 0
        let panels = input.panels.enumerated().map { i, p -> Panel in
            var items: [PlotItem] = p.fits.enumerated().map { r, fit in
                .line(LineSeries(xs: input.grid, ys: fit, ink: .palette(2), width: 1, label: r == 0 ? "one fit" : nil,
                                 opacity: 0.22))
            }
            items.append(.line(LineSeries(xs: input.grid, ys: p.mean, ink: .palette(0), width: 2.5, label: "mean fit")))
            items.append(.line(LineSeries(xs: input.grid, ys: input.trueValues, ink: .text, width: 1.5, dash: .dotted,
                                          label: "true curve")))
            // Two significant digits keep the title on two lines in a third of the figure's width.
            let numbers = "bias² \(String(format: "%.2g", p.biasSquared)) · variance \(String(format: "%.2g", p.variance))"
            return Panel(title: conventions.alphaLabel(p.alpha) + " · " + numbers, x: xAxis, y: yAxis,
                         items: items, legend: i == legendPanel ? .auto : .none)
        }
        return Figure(title: title, panels: panels, columns: min(panels.count, 3))
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: BiasVarianceInput, title: String? = nil,
                               conventions: FigureConventions = FigureConventions()) throws -> FigureDrawing {
        let figure = try makeFigure(input, title: title, conventions: conventions)
        var rows: [[String]] = []
        for p in input.panels {
            let alpha = FigureSupport.number(p.alpha)
            rows.append(["bias_squared", alpha, "", "", FigureSupport.number(p.biasSquared)])
            rows.append(["variance", alpha, "", "", FigureSupport.number(p.variance)])
            for (i, x) in input.grid.enumerated() {
                rows.append(["mean", alpha, "", FigureSupport.number(x), FigureSupport.number(p.mean[i])])
            }
            for (r, fit) in p.fits.enumerated() {
                for (i, x) in input.grid.enumerated() {
                    rows.append(["fit", alpha, String(r + 1), FigureSupport.number(x), FigureSupport.number(fit[i])])
                }
            }
        }
        rows += zip(input.grid, input.trueValues).map { ["true", "", "", FigureSupport.number($0), FigureSupport.number($1)] }
        let csv = FigureSupport.csv(header: ["series", "alpha", "sample", "x", "y"], rows: rows)
        let symbol = conventions.symbol
        let degree = input.degree.map { "degree-\($0) " } ?? ""
        let model = input.modelName.map { "\($0) " } ?? ""
        var alt = "\(input.panels.count) panel\(input.panels.count == 1 ? "" : "s"), one per \(symbol), each with the "
            + "\(degree)\(model)fits of \(input.panels[0].fits.count) fresh samples as thin lines, their mean and the true curve. "
        alt += input.panels.map {
            "\(symbol) = \(FigureSupport.prose($0.alpha)): bias² \(FigureSupport.prose($0.biasSquared)), "
                + "variance \(FigureSupport.prose($0.variance))"
        }.joined(separator: "; ")
        if let spread = input.panels.indices.max(by: { input.panels[$0].variance < input.panels[$1].variance }),
           let off = input.panels.indices.max(by: { input.panels[$0].biasSquared < input.panels[$1].biasSquared }), spread != off {
            alt += ". The fits spread most at \(symbol) = \(FigureSupport.prose(input.panels[spread].alpha)); their mean is "
                + "farthest from the curve at \(symbol) = \(FigureSupport.prose(input.panels[off].alpha))"
        }
        return FigureDrawing(figure: figure, csv: csv, altText: alt + ".")
    }
}
