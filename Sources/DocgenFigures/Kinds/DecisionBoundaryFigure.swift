import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// `{figure} decision-boundary`: a two-input classification's data with the fitted boundary P(y = 1) = ½ at each α,
/// one small panel per α from the strongest penalty down (the smooth boundary beside the overfit wiggle), and the
/// ¼ and ¾ contours dotted. The probabilities on the grid are an output computed with the experiment
/// (`DecisionGridRequest`); the figure only draws them. The CSV lists the samples and the boundary's polylines.
public struct DecisionBoundaryFigure: FigureKind {
    public static let name = "decision-boundary"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["alphas"]
    static let kind = name

    /// The α of each panel (nearest grid α); nil: the grid's α from the largest down (at most 12).
    public var alphas: [Double]?

    public init(alphas: [Double]? = nil) { self.alphas = alphas }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        alphas = r.numberList("alphas")
        if let xs = alphas, xs.isEmpty || xs.count > DecisionGrid.maximumPanels || xs.contains(where: { $0 < 0 }) {
            r.error("'alphas' must list 1 to \(DecisionGrid.maximumPanels) non-negative values", at: r.location(of: "alphas"))
        }
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] {
        [.inputCount(2), .task(.binaryClassification, reason: "decision-boundary")]
    }

    var request: ExperimentOutputRequest { .decisionGrid(DecisionGridRequest(points: 101, alphas: alphas)) }

    public func outputs(for experiment: PlannedExperiment) -> [ExperimentOutputRequest] { [request] }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        guard case let .decisionGrid(grid) = try e.output(request, figure: Self.kind) else {
            throw FigureInputError(Self.kind, "experiment '\(e.id)' has no decision grid")
        }
        return try Self.drawing(grid, title: context.title, modelName: e.result.modelDisplayName,
                                conventions: context.conventions)
    }

    static func validate(_ g: DecisionGrid) throws {
        guard g.x1.count >= 2, g.x2.count >= 2 else { throw FigureInputError(kind, "the grid needs at least 2 points per axis") }
        guard !g.panels.isEmpty else { throw FigureInputError(kind, "needs at least one α") }
        for (k, p) in g.panels.enumerated() {
            try FigureSupport.sameLengths(kind, [("panels[\(k)].probabilities", p.probabilities.count)], expected: g.x2.count)
            for row in p.probabilities {
                try FigureSupport.sameLengths(kind, [("panels[\(k)] row", row.count)], expected: g.x1.count)
                try FigureSupport.allFinite(kind, "panels[\(k)].probabilities", row)
            }
        }
        try FigureSupport.sameLengths(kind, [("sampleX2", g.sampleX2.count), ("labels", g.labels.count),
                                             ("isTest", g.isTest.count)], expected: g.sampleX1.count)
    }

    /// Panels per row for `count` panels: one row up to 3, then about a 5:3 grid.
    static func columns(_ count: Int) -> Int {
        count <= 3 ? count : count == 4 ? 2 : Int((Double(count) * 5 / 3).squareRoot().rounded(.up))
    }

    public static func makeFigure(_ g: DecisionGrid, title: String? = nil,
                                  conventions: FigureConventions = FigureConventions()) throws -> Figure {
        try validate(g)
        let columns = columns(g.panels.count)
        let markers = [MarkerShape.circle, .triangle]
        let size = g.panels.count > 6 ? 3.5 : 5.0
        var samples: [PlotItem] = []
        for label in [0.0, 1.0] {
            for test in [false, true] {
                let rows = g.labels.indices.filter { g.labels[$0] == label && g.isTest[$0] == test }
                guard !rows.isEmpty else { continue }
                samples.append(.scatter(ScatterSeries(xs: rows.map { g.sampleX1[$0] }, ys: rows.map { g.sampleX2[$0] },
                                                      ink: .palette(Int(label)),
                                                      marker: Marker(markers[Int(label)], size: size, filled: !test),
                                                      opacity: 0.8,
                                                      label: "y = \(Int(label))\(test ? " (test)" : "")")))
            }
        }
        let xRange = g.x1.first!...g.x1.last!, yRange = g.x2.first!...g.x2.last!
        let panels = g.panels.enumerated().map { i, p -> Panel in
            var items: [PlotItem] = [
                .contour(ContourSet(xs: g.x1, ys: g.x2, values: p.probabilities, levels: [0.25, 0.75], ink: .muted,
                                    width: 1, dash: .dotted)),
            ]
            items += samples
            items.append(.contour(ContourSet(xs: g.x1, ys: g.x2, values: p.probabilities, levels: [0.5], ink: .text,
                                             width: 2.2, dash: .solid)))
            return Panel(title: conventions.alphaLabel(p.alpha),
                         x: Axis(label: RichText.escape(g.featureNames.first ?? "x1"), range: xRange),
                         y: Axis(label: RichText.escape(g.featureNames.last ?? "x2"), range: yRange,
                                 showsLabels: i % columns == 0),
                         items: items, legend: i == 0 ? .auto : .none)
        }
        let key = "solid: P(y = 1) = ½ · dotted: ¼ and ¾" + (g.isTest.contains(true) ? " · hollow markers: test rows" : "")
        return Figure(title: title, panels: panels, columns: columns, footnote: key)
    }

    /// The figure drawn from the computed grid.
    public static func drawing(_ g: DecisionGrid, title: String? = nil, modelName: String? = nil,
                               conventions: FigureConventions = FigureConventions()) throws -> FigureDrawing {
        let figure = try makeFigure(g, title: title, conventions: conventions)
        let symbol = conventions.symbol
        var rows: [[String]] = g.sampleX1.indices.map { i in
            ["sample", "", "", FigureSupport.number(g.sampleX1[i]), FigureSupport.number(g.sampleX2[i]),
             FigureSupport.number(g.labels[i]), g.isTest[i] ? "1" : "0"]
        }
        var lengths: [Double] = []
        for p in g.panels {
            let lines = Contours.polylines(xs: g.x1, ys: g.x2, values: p.probabilities, level: 0.5)
            var length = 0.0
            for (n, line) in lines.enumerated() {
                for (k, point) in line.enumerated() {
                    rows.append(["boundary", FigureSupport.number(p.alpha), String(n + 1), FigureSupport.number(point.0),
                                 FigureSupport.number(point.1), "", ""])
                    if k > 0 {
                        let (a, b) = (line[k - 1], point)
                        length += ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1)).squareRoot()
                    }
                }
            }
            lengths.append(length)
        }
        let csv = FigureSupport.csv(header: ["series", "alpha", "line", "x1", "x2", "y", "test"], rows: rows)
        let model = modelName.map { " of the \($0)" } ?? ""
        var alt = "\(g.sampleX1.count) points of two classes in the plane of \(g.featureNames.joined(separator: " and ")) with the decision boundary\(model) at \(symbol) = "
        alt += g.panels.map { FigureSupport.prose($0.alpha) }.joined(separator: ", ")
        if let longest = lengths.indices.max(by: { lengths[$0] < lengths[$1] }),
           let shortest = lengths.indices.min(by: { lengths[$0] < lengths[$1] }), longest != shortest {
            alt += "; the boundary is longest and most winding at \(symbol) = \(FigureSupport.prose(g.panels[longest].alpha))"
                + " and shortest at \(symbol) = \(FigureSupport.prose(g.panels[shortest].alpha))"
        }
        return FigureDrawing(figure: figure, csv: csv, altText: alt + ".")
    }
}
