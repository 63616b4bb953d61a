import DocgenModels
import DocgenOptions
import DocgenPlotting
import Foundation

public struct PenaltyShapesOptions: Sendable, Equatable {
    public enum PanelKind: String, Sendable, Equatable, CaseIterable { case penalties, gradients, thresholding }
    public var title: String?
    public var panels: [PanelKind]
    /// λ of the thresholding panel (the α of a single standardized coefficient), > 0.
    public var threshold: Double
    /// θ runs over [−range, range]; `nil` uses max(2, 3λ).
    public var range: Double?
    /// The penalty's letter in the curves' labels (the course's `penalty_symbol`).
    public var symbol = "α"
    public init(title: String? = nil, panels: [PanelKind] = PanelKind.allCases, threshold: Double = 1, range: Double? = nil) {
        self.title = title; self.panels = panels; self.threshold = threshold; self.range = range
    }
}

/// The L1 and L2 penalties of one coefficient, their (sub)gradients, and the estimates they give for one
/// coefficient with least-squares value z: minimizing ½(z − θ)² + λ|θ| gives soft thresholding
/// S(z, λ) = sign(z)·max(|z| − λ, 0); minimizing ½(z − θ)² + (λ/2)θ² gives proportional shrinkage z/(1 + λ)
/// (the directive objective's α with an orthonormal design, XᵀX/n = I).
/// `{figure} penalty-shapes`: the L1, L2 and elastic-net penalties, their (sub)gradients and the shrinkage maps
/// they induce (soft- and proportional thresholding), drawn from formulas; it draws no experiment.
public struct PenaltyShapesFigure: FigureKind {
    public static let name = "penalty-shapes"
    public static let arity = ExperimentArity.none
    public static let optionKeys = ["panels", "threshold"]
    static let kind = name

    public var panels: [PenaltyShapesOptions.PanelKind]
    /// The threshold λ of the shrinkage maps.
    public var threshold: Double

    public init(panels: [PenaltyShapesOptions.PanelKind] = PenaltyShapesOptions.PanelKind.allCases, threshold: Double = 1) {
        self.panels = panels; self.threshold = threshold
    }

    public init?(options r: inout OptionReader) {
        let errorsBefore = r.diagnostics.errors.count
        panels = PenaltyShapesOptions.PanelKind.allCases
        if let names = r.stringList("panels") {
            let allowed = PenaltyShapesOptions.PanelKind.allCases.map(\.rawValue)
            for p in names where !allowed.contains(p) {
                r.error("unknown panel '\(p)' (expected \(allowed.joined(separator: ", ")))", at: r.location(of: "panels"))
            }
            if names.isEmpty { r.error("'panels' lists no panels", at: r.location(of: "panels")) }
            panels = names.compactMap(PenaltyShapesOptions.PanelKind.init(rawValue:))
        }
        threshold = r.number("threshold") ?? 1
        if threshold <= 0 { r.error("'threshold' must be positive", at: r.location(of: "threshold")) }
        // Nil whenever anything was reported, type errors of the keys read above included.
        if r.diagnostics.errors.count > errorsBefore { return nil }
    }

    public func draw(_ experiments: [FinishedExperiment], context: FigureContext) throws -> FigureDrawing {
        var options = PenaltyShapesOptions(title: context.title, panels: panels, threshold: threshold)
        options.symbol = context.conventions.symbol
        return try Self.drawing(options: options)
    }

    public static func softThreshold(_ z: Double, _ lambda: Double) -> Double {
        z > lambda ? z - lambda : (z < -lambda ? z + lambda : 0)
    }

    public static func ridgeShrink(_ z: Double, _ lambda: Double) -> Double { z / (1 + lambda) }

    static func grid(_ r: Double) -> [Double] { (0...400).map { -r + 2 * r * Double($0) / 400 } }

    public static func makeFigure(options: PenaltyShapesOptions) throws -> Figure {
        let lambda = options.threshold
        guard lambda > 0, lambda.isFinite else { throw FigureInputError(kind, "threshold must be a positive number") }
        guard !options.panels.isEmpty else { throw FigureInputError(kind, "no panels selected") }
        let r = options.range ?? max(2, 3 * lambda)
        guard r > 0, r.isFinite else { throw FigureInputError(kind, "range must be a positive number") }
        let theta = grid(r)
        var panels: [Panel] = []
        for kind in options.panels {
            switch kind {
            case .penalties:
                panels.append(Panel(title: "penalties", x: Axis(label: "θ"), y: Axis(label: "penalty P(θ)"), items: [
                    .line(LineSeries(xs: theta, ys: theta.map(abs), ink: .palette(0), label: "L1: |θ|")),
                    .line(LineSeries(xs: theta, ys: theta.map { $0 * $0 }, ink: .palette(1), dash: .dashed, label: "L2: θ^2")),
                ]))
            case .gradients:
                let neg = theta.map { $0 < 0 ? -1.0 : .nan }, pos = theta.map { $0 > 0 ? 1.0 : .nan }
                panels.append(Panel(title: "(sub)gradients", x: Axis(label: "θ"), y: Axis(label: "dP/dθ"), items: [
                    .line(LineSeries(xs: theta, ys: neg, ink: .palette(0), label: "L1: sign(θ)")),
                    .line(LineSeries(xs: theta, ys: pos, ink: .palette(0))),
                    .line(LineSeries(xs: [0, 0], ys: [-1, 1], ink: .palette(0), width: 4.5)),
                    .text(TextAnnotation(x: 0, y: 1, text: "at θ = 0: any value in [−1, 1]", anchor: .aboveLeft, dx: -6, dy: -4,
                                         ink: .palette(0))),
                    .line(LineSeries(xs: theta, ys: theta.map { 2 * $0 }, ink: .palette(1), dash: .dashed, label: "L2: 2θ")),
                ]))
            case .thresholding:
                panels.append(Panel(title: "estimate of one coefficient", x: Axis(label: "least-squares value z"),
                                    y: Axis(label: "penalized estimate of θ"), items: [
                    .xSpan(XSpan(from: -lambda, to: lambda, caption: "set to 0")),
                    .line(LineSeries(xs: theta, ys: theta, ink: .muted, width: 1.2, dash: .dotted, label: "no penalty")),
                    .line(LineSeries(xs: theta, ys: theta.map { softThreshold($0, lambda) }, ink: .palette(0),
                                     label: "lasso: S(z, \(options.symbol))")),
                    .line(LineSeries(xs: theta, ys: theta.map { ridgeShrink($0, lambda) }, ink: .palette(1), dash: .dashed,
                                     label: "ridge: z/(1 + \(options.symbol))")),
                ]))
            }
        }
        return Figure(title: options.title, panels: panels, footnote: options.panels.contains(.thresholding)
                      ? "\(options.symbol) = \(FigureSupport.prose(lambda)); estimates minimize ½(z − θ)^2 + \(options.symbol)|θ| (lasso) or ½(z − θ)^2 + (\(options.symbol)/2)θ^2 (ridge)" : nil)
    }

    /// The figure drawn from plain numbers.
    public static func drawing(options: PenaltyShapesOptions = PenaltyShapesOptions()) throws -> FigureDrawing {
        let figure = try makeFigure(options: options)
        let lambda = options.threshold
        let theta = grid(options.range ?? max(2, 3 * lambda))
        let rows = theta.map { t in
            [t, abs(t), t * t, t == 0 ? 0 : (t > 0 ? 1 : -1), 2 * t, softThreshold(t, lambda), ridgeShrink(t, lambda)].map(FigureSupport.number)
        }
        let csv = FigureSupport.csv(header: ["theta_or_z", "abs", "square", "sign", "two_theta", "soft_threshold", "ridge_shrink"], rows: rows)
        var parts: [String] = []
        if options.panels.contains(.penalties) { parts.append("the L1 penalty |θ| has a corner at zero while θ² is smooth there") }
        if options.panels.contains(.gradients) { parts.append("the L1 gradient jumps from −1 to 1 at zero (any value between is a subgradient) while 2θ passes through zero") }
        if options.panels.contains(.thresholding) {
            let symbol = options.symbol
            parts.append("with \(symbol) = \(FigureSupport.prose(lambda)) soft thresholding sets every |z| ≤ \(FigureSupport.prose(lambda)) to exactly zero and shifts larger values toward zero by \(symbol), while ridge multiplies every value by \(FigureSupport.prose(1 / (1 + lambda))) and never reaches zero")
        }
        let alt = "Penalty shapes for one coefficient: " + parts.joined(separator: "; ") + "."
        return FigureDrawing(figure: figure, csv: csv, altText: alt)
    }
}
