import DocgenModels

/// How a figure shows the penalty: in the parameter its experiment was written with (docgen's α, scikit-learn's
/// `Ridge` alpha, `LogisticRegression`'s C), for the rows the experiment was fitted on.
///
/// Figures keep computing in α (larger is more penalty) and map α to the author's value only where they draw or
/// print: the x positions, reference lines, the axis label, CSV and alt text. The map is monotone on a log scale (a
/// shift, and a reflection for C), so a figure keeps its shape; where the author's value falls as α grows (C), the
/// axis is drawn the other way round, so that "weaker →" still points the same way.
public struct PenaltyAxis: Sendable, Equatable {
    public var parameter: PenaltyParameter
    /// The rows of the fit the values refer to (the training part).
    public var rows: Int
    /// The course's letter for docgen's own α (`penalty_symbol`: α or λ); other parameters keep their own symbol.
    public var alphaSymbol: String

    public init(parameter: PenaltyParameter, rows: Int, alphaSymbol: String = "α") {
        self.parameter = parameter; self.rows = max(rows, 1); self.alphaSymbol = alphaSymbol
    }

    /// The axis of an experiment's result: its author's parameter on its training rows.
    public init(_ result: ExperimentResult) { self.init(parameter: result.penaltyParameter, rows: result.trainCount) }

    /// docgen's own α.
    public static let alpha = PenaltyAxis(parameter: .alpha, rows: 1)

    /// The author's value at α.
    public func value(_ alpha: Double) -> Double { parameter.value(alpha: alpha, rows: rows) }

    /// Axis words: "penalty α", "scikit-learn C".
    public var name: String { parameter.isAlpha ? "penalty \(alphaSymbol)" : parameter.axisName }
    /// The symbol for short labels: α (or the course's λ) or C.
    public var symbol: String { parameter.isAlpha ? alphaSymbol : parameter.symbol }
    /// The author's value as the figure writes it ("α = 0.1", "C = 10").
    public func equation(_ alpha: Double) -> String { "\(symbol) = \(FigureSupport.prose(value(alpha)))" }

    /// Whether an axis drawn with α in direction `reversedForAlpha` is reversed in the author's values.
    public func reversed(_ reversedForAlpha: Bool) -> Bool {
        parameter.penalizesMoreWhenLarger ? reversedForAlpha : !reversedForAlpha
    }

    /// The span of author's values on the weaker-penalty side of α (from, to), for shading.
    public func weakerSide(of alpha: Double) -> (from: Double, to: Double) {
        parameter.penalizesMoreWhenLarger ? (0, value(alpha)) : (value(alpha), .infinity)
    }

    /// The span on the stronger-penalty side of α.
    public func strongerSide(of alpha: Double) -> (from: Double, to: Double) {
        parameter.penalizesMoreWhenLarger ? (value(alpha), .infinity) : (0, value(alpha))
    }

    /// The CSV column of the author's values beside `alpha`, nil when they are α.
    public var column: String? { parameter.isAlpha ? nil : parameter.column }

    /// `alpha` and, when different, the author's column, for a figure's CSV header.
    public var csvHeader: [String] { ["alpha"] + (column.map { [$0] } ?? []) }

    /// The CSV cells of `csvHeader` at α.
    public func csvCells(_ alpha: Double) -> [String] {
        [FigureSupport.number(alpha)] + (column == nil ? [] : [FigureSupport.number(value(alpha))])
    }
}
