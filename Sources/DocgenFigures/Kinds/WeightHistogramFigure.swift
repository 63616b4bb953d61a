import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// The weights of one fit, for the weight-histogram figure.
public struct WeightSample: Sendable, Equatable {
    /// The legend's and panel's words ("L1-penalized network, α = 0.001").
    public var name: String
    public var weights: [Double]
    /// The bars' colour and hatch (the model's course-wide style); nil: the cycle by position.
    public var style: SeriesStyle?
    public init(name: String, weights: [Double], style: SeriesStyle? = nil) {
        self.name = name; self.weights = weights; self.style = style
    }
}

public struct WeightHistogramInput: Sendable, Equatable {
    public var samples: [WeightSample]
    /// Bins across [−m, m], m the largest |weight| of every sample; odd, so one bin is centred on zero.
    public var bins: Int
    public init(samples: [WeightSample], bins: Int = 41) { self.samples = samples; self.bins = bins }
}

/// `{figure} weight-histogram`: the distribution of the weights (the penalized coefficients: a network's every
/// weight, a linear model's coefficients) of several experiments at one α, one panel each on a shared axis. Weights
/// exactly zero are not binned but drawn as a spike of their own at zero: L1's mass at zero beside L2's shrunken,
/// zero-free bell. The CSV has one row per set of weights and bin (`from`, `to`, `count`), and first the exact zeros
/// (`from` = `to` = 0).
public struct WeightHistogramFigure: FigureKind {
    public static let name = "weight-histogram"
    public static let arity = ExperimentArity.many
    public static let optionKeys = ["alpha", "bins"]
    static let kind = name

    /// The α of every experiment (nearest grid α); nil: each experiment's smallest α.
    public var alpha: Double?
    public var bins: Int

    public init(alpha: Double? = nil, bins: Int = 41) { self.alpha = alpha; self.bins = bins }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        alpha = r.number("alpha")
        if let a = alpha, a < 0 { r.error("'alpha' must not be negative", at: r.location(of: "alpha")) }
        bins = r.integer("bins") ?? 41
        if !(5...201).contains(bins) { r.error("'bins' must be a whole number from 5 to 201", at: r.location(of: "bins")) }
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] { [.penalized] }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        let styles = StyleMap.models(l1Ratios: experiments.map { $0.planned.spec.family.l1Ratio })
        guard !experiments.isEmpty else { throw FigureInputError(Self.kind, "needs at least one experiment") }
        let samples = experiments.enumerated().map { position, e -> WeightSample in
            let r = e.result
            let k = alpha.flatMap { r.index(nearest: $0) } ?? r.alphas.indices.min { r.alphas[$0] < r.alphas[$1] } ?? 0
            return WeightSample(name: "\(r.modelDisplayName), \(context.conventions.symbol) = \(NumberFormatting.prose(r.alphas[k], digits: 2))",
                                weights: r.coefficients[k], style: styles[position])
        }
        return try Self.drawing(WeightHistogramInput(samples: samples, bins: bins), title: context.title)
    }

    /// Counts per bin over [−m, m] (an odd number of bins, the middle one centred on zero), exact zeros left out
    /// and counted apart.
    struct Histogram { var edges: [Double]; var counts: [[Int]]; var zeros: [Int] }

    static func histogram(_ input: WeightHistogramInput) throws -> Histogram {
        guard !input.samples.isEmpty else { throw FigureInputError(kind, "needs at least one set of weights") }
        for (k, s) in input.samples.enumerated() {
            guard !s.weights.isEmpty else { throw FigureInputError(kind, "samples[\(k)] has no weights") }
            try FigureSupport.allFinite(kind, "samples[\(k)].weights", s.weights)
        }
        let bins = max(3, input.bins | 1)
        let largest = input.samples.flatMap(\.weights).map(abs).max() ?? 0
        let m = largest > 0 ? largest * (1 + 1e-9) : 1
        let width = 2 * m / Double(bins)
        let edges = (0...bins).map { -m + Double($0) * width }
        var counts: [[Int]] = [], zeros: [Int] = []
        for s in input.samples {
            var row = [Int](repeating: 0, count: bins), zero = 0
            for w in s.weights {
                if w == 0 { zero += 1; continue }
                row[min(bins - 1, max(0, Int(((w + m) / width).rounded(.down))))] += 1
            }
            counts.append(row)
            zeros.append(zero)
        }
        return Histogram(edges: edges, counts: counts, zeros: zeros)
    }

    public static func makeFigure(_ input: WeightHistogramInput, title: String? = nil) throws -> Figure {
        let h = try histogram(input)
        let bins = h.edges.count - 1, width = h.edges[1] - h.edges[0]
        let top = Double(max(h.counts.flatMap { $0 }.max() ?? 0, h.zeros.max() ?? 0, 1))
        let columns = min(input.samples.count, 3)
        let panels = input.samples.indices.map { s -> Panel in
            var items: [PlotItem] = [
                .bars(BarSeries(x0: Array(h.edges.prefix(bins)), x1: Array(h.edges.dropFirst()),
                                base: [Double](repeating: 0, count: bins), top: h.counts[s].map(Double.init),
                                ink: (input.samples[s].style ?? SeriesStyle(index: s)).ink,
                                hatch: (input.samples[s].style ?? SeriesStyle(index: s)).hatch, label: "nonzero weights")),
            ]
            if h.zeros[s] > 0 {
                items.append(.bars(BarSeries(x0: [-0.2 * width], x1: [0.2 * width], base: [0], top: [Double(h.zeros[s])],
                                             ink: .text, label: "exactly zero")))
                items.append(.text(TextAnnotation(x: 0, y: Double(h.zeros[s]), text: "\(h.zeros[s]) at 0",
                                                  anchor: .above, dy: -4)))
            }
            return Panel(title: RichText.escape(input.samples[s].name),
                         x: Axis(label: "weight", range: h.edges[0]...h.edges[bins]),
                         y: Axis(label: "number of weights", range: 0...(top * 1.12), showsLabels: s % columns == 0),
                         items: items, legend: s == 0 ? .auto : .none)
        }
        return Figure(title: title, panels: panels, columns: columns,
                      footnote: "labelled bar at 0: weights exactly zero, not binned · bins of width \(FigureSupport.prose(width))")
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: WeightHistogramInput, title: String? = nil) throws -> FigureDrawing {
        let figure = try makeFigure(input, title: title)
        let h = try histogram(input)
        var rows: [[String]] = []
        for (s, sample) in input.samples.enumerated() {
            rows.append([sample.name, "0", "0", String(h.zeros[s])])
            for b in h.counts[s].indices {
                rows.append([sample.name, FigureSupport.number(h.edges[b]), FigureSupport.number(h.edges[b + 1]),
                             String(h.counts[s][b])])
            }
        }
        let csv = FigureSupport.csv(header: ["weights", "from", "to", "count"], rows: rows)
        let parts = input.samples.enumerated().map { s, sample -> String in
            let nonzero = sample.weights.filter { $0 != 0 }
            let spread = nonzero.isEmpty ? 0 : (nonzero.reduce(0) { $0 + $1 * $1 } / Double(nonzero.count)).squareRoot()
            return "\(sample.name): \(h.zeros[s]) of \(sample.weights.count) weights exactly zero"
                + (nonzero.isEmpty ? "" : ", the others with root mean square \(FigureSupport.prose(spread))")
        }
        return FigureDrawing(figure: figure, csv: csv, altText: "Histograms of the weights. " + parts.joined(separator: "; ") + ".")
    }
}
