import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

/// One α's losses, epoch by epoch (epoch 0 is where training started).
public struct TrainingCurve: Sendable, Equatable {
    public var alpha: Double
    public var trainingLoss: [Double]
    /// The held-out rows' loss at the same epochs, when the experiment has a split.
    public var validationLoss: [Double]?
    public init(alpha: Double, trainingLoss: [Double], validationLoss: [Double]? = nil) {
        self.alpha = alpha; self.trainingLoss = trainingLoss; self.validationLoss = validationLoss
    }
}

public struct TrainingCurveInput: Sendable, Equatable {
    public var curves: [TrainingCurve]
    /// Axis words for the loss ("mean log-loss").
    public var lossName: String
    public var modelName: String?
    public init(curves: [TrainingCurve], lossName: String, modelName: String? = nil) {
        self.curves = curves; self.lossName = lossName; self.modelName = modelName
    }
}

/// `{figure} training-curve`: the training loss (solid) and the validation loss (dashed) against epoch, one pair of
/// lines in one color per α; a point marks each validation curve's lowest loss. For models trained epoch by epoch;
/// without a split only the training lines are drawn.
public struct TrainingCurveFigure: FigureKind {
    public static let name = "training-curve"
    public static let arity = ExperimentArity.one
    public static let optionKeys = ["alphas", "scale"]
    static let kind = name
    /// Most α one figure draws.
    static let maximumCurves = 6

    /// The α of each pair of lines (nearest grid α); nil: the largest, a middle and the smallest α of the grid.
    public var alphas: [Double]?
    /// A log scale for the loss (default), which shows the late epochs' small changes.
    public var logScale: Bool

    public init(alphas: [Double]? = nil, logScale: Bool = true) { self.alphas = alphas; self.logScale = logScale }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        alphas = r.numberList("alphas")
        if let xs = alphas, xs.isEmpty || xs.count > Self.maximumCurves || xs.contains(where: { $0 < 0 }) {
            r.error("'alphas' must list 1 to \(Self.maximumCurves) non-negative values", at: r.location(of: "alphas"))
        }
        logScale = (r.choice("scale", among: ["log", "linear"]) ?? "log") == "log"
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func requirements(for experiment: PlannedExperiment) -> [ExperimentRequirement] { [.trainingHistory] }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        guard let e = experiments.first else { throw FigureInputError(Self.kind, "needs an experiment") }
        let r = e.result
        guard r.histories.count == r.alphas.count, !r.alphas.isEmpty else {
            throw FigureInputError(Self.kind, "experiment '\(e.id)' has no training history")
        }
        var indices: [Int] = []
        if let alphas {
            for a in alphas { if let k = r.index(nearest: a), !indices.contains(k) { indices.append(k) } }
        } else {
            let order = r.alphas.indices.sorted { r.alphas[$0] > r.alphas[$1] }
            for k in [order.first, order[order.count / 2], order.last].compactMap({ $0 }) where !indices.contains(k) {
                indices.append(k)
            }
        }
        let curves = indices.map { k in
            TrainingCurve(alpha: r.alphas[k], trainingLoss: r.histories[k].trainingLoss,
                          validationLoss: r.histories[k].validationLoss)
        }
        let loss = r.task == .regression ? "loss (½ · mean squared error)" : "mean log-loss"
        return try Self.drawing(TrainingCurveInput(curves: curves, lossName: loss, modelName: r.modelDisplayName),
                                title: context.title, logScale: logScale, conventions: context.conventions)
    }

    static func validate(_ input: TrainingCurveInput, logScale: Bool) throws {
        guard !input.curves.isEmpty else { throw FigureInputError(kind, "needs at least one curve") }
        for (k, c) in input.curves.enumerated() {
            guard !c.trainingLoss.isEmpty else { throw FigureInputError(kind, "curves[\(k)] has no epochs") }
            try FigureSupport.allFinite(kind, "curves[\(k)].trainingLoss", c.trainingLoss)
            if let v = c.validationLoss {
                try FigureSupport.sameLengths(kind, [("curves[\(k)].validationLoss", v.count)], expected: c.trainingLoss.count)
                try FigureSupport.allFinite(kind, "curves[\(k)].validationLoss", v)
            }
            if logScale, (c.trainingLoss + (c.validationLoss ?? [])).contains(where: { $0 <= 0 }) {
                throw FigureInputError(kind, "curves[\(k)] has a loss ≤ 0, which a log scale cannot show; use 'scale: linear'",
                                       key: "scale")
            }
        }
    }

    /// The epoch of a curve's lowest validation loss (the first, on ties).
    static func bestEpoch(_ c: TrainingCurve) -> Int? {
        guard let v = c.validationLoss, !v.isEmpty else { return nil }
        return v.indices.min { v[$0] < v[$1] || (v[$0] == v[$1] && $0 < $1) }
    }

    public static func makeFigure(_ input: TrainingCurveInput, title: String? = nil, logScale: Bool = true,
                                  conventions: FigureConventions = FigureConventions()) throws -> Figure {
        try validate(input, logScale: logScale)
        var items: [PlotItem] = []
        for (i, c) in input.curves.enumerated() {
            let label = conventions.alphaLabel(c.alpha)
            let epochs = c.trainingLoss.indices.map(Double.init)
            items.append(.line(LineSeries(xs: epochs, ys: c.trainingLoss, ink: .palette(i), dash: .solid,
                                          label: "\(label), training")))
            if let v = c.validationLoss {
                items.append(.line(LineSeries(xs: epochs, ys: v, ink: .palette(i), dash: .dashed,
                                              label: "\(label), validation")))
                if let best = bestEpoch(c) {
                    items.append(.scatter(ScatterSeries(xs: [Double(best)], ys: [v[best]], ink: .palette(i),
                                                        marker: Marker(.diamond, size: 9))))
                }
            }
        }
        let panel = Panel(x: Axis(label: "epoch", includeZero: true),
                          y: Axis(label: input.lossName + (logScale ? " (log scale)" : ""), scale: logScale ? .log : .linear),
                          items: items, legend: .auto)
        let validated = input.curves.contains { $0.validationLoss != nil }
        return Figure(title: title, panels: [panel],
                      footnote: validated ? "solid: training rows · dashed: validation (test) rows · ◆: lowest validation loss" : nil)
    }

    /// The figure drawn from plain numbers.
    public static func drawing(_ input: TrainingCurveInput, title: String? = nil, logScale: Bool = true,
                               conventions: FigureConventions = FigureConventions()) throws -> FigureDrawing {
        let figure = try makeFigure(input, title: title, logScale: logScale, conventions: conventions)
        var rows: [[String]] = []
        for c in input.curves {
            for e in c.trainingLoss.indices {
                rows.append([FigureSupport.number(c.alpha), String(e), FigureSupport.number(c.trainingLoss[e]),
                             FigureSupport.number(c.validationLoss?[e])])
            }
        }
        let csv = FigureSupport.csv(header: ["alpha", "epoch", "train_loss", "validation_loss"], rows: rows)
        let model = input.modelName.map { " of the \($0)" } ?? ""
        var parts: [String] = []
        let prose = FigureSupport.prose
        for c in input.curves {
            var text = "at \(conventions.symbol) = \(prose(c.alpha)) the training loss goes from \(prose(c.trainingLoss.first!)) to "
                + "\(prose(c.trainingLoss.last!)) in \(c.trainingLoss.count - 1) epochs"
            if let v = c.validationLoss, let best = bestEpoch(c) {
                text += ", the validation loss is lowest (\(prose(v[best]))) at epoch \(best) and ends at \(prose(v.last!))"
            }
            parts.append(text)
        }
        let losses = input.curves.contains { $0.validationLoss != nil } ? "Training and validation loss" : "Training loss"
        let alt = "\(losses)\(model) against epoch: " + parts.joined(separator: "; ") + "."
        return FigureDrawing(figure: figure, csv: csv, altText: alt)
    }
}
