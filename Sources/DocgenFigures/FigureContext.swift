import DocgenModels
import DocgenPlotting
import Foundation

/// Everything a figure kind draws with besides its experiments: the directive's title and the course's visual
/// language, the same for every figure of a course.
public struct FigureContext: Sendable, Equatable {
    /// The directive's `title`, drawn above the plot.
    public var title: String?
    /// The course's conventions (`docgen.yml`): the direction of α axes and the penalty's symbol.
    public var conventions: FigureConventions
    /// The course's style of every feature and every model.
    public var styles: StyleMap

    public init(title: String? = nil, conventions: FigureConventions = FigureConventions(), styles: StyleMap = StyleMap()) {
        self.title = title; self.conventions = conventions; self.styles = styles
    }
}

/// The conventions a course's figures share (`docgen.yml`'s `alpha_axis` and `penalty_symbol`).
public struct FigureConventions: Sendable, Equatable, Hashable {
    /// Which way α grows along every α axis of every figure.
    public enum AlphaAxis: String, Sendable, CaseIterable {
        /// Weak penalties on the left, strong on the right (glmnet's and scikit-learn's plots).
        case increasing
        /// Strong penalties on the left, weak on the right (model complexity grows to the right).
        case decreasing
    }

    /// The letter labels and alt texts call the penalty strength.
    public enum PenaltySymbol: String, Sendable, CaseIterable {
        case alpha = "α"
        case lambda = "λ"

        /// The symbol from its letter or its name (`α`, `alpha`, `λ`, `lambda`).
        public init?(written: String) {
            switch written.lowercased() {
            case "α", "alpha": self = .alpha
            case "λ", "lambda": self = .lambda
            default: return nil
            }
        }
    }

    public var alphaAxis: AlphaAxis
    public var penaltySymbol: PenaltySymbol

    public init(alphaAxis: AlphaAxis = .increasing, penaltySymbol: PenaltySymbol = .alpha) {
        self.alphaAxis = alphaAxis; self.penaltySymbol = penaltySymbol
    }

    /// The penalty's letter, in label markup and in alt text ("α").
    public var symbol: String { penaltySymbol.rawValue }

    /// Whether α axes draw larger α to the left.
    public var alphaDecreasesRightward: Bool { alphaAxis == .decreasing }

    /// The α axis of every kind, in the parameter `penalty` writes: log scale, the course's direction (reversed
    /// again for a parameter that falls as the penalty grows, such as C), and the one label every kind uses.
    public func penaltyAxis(_ penalty: PenaltyAxis, grid: Bool = false) -> Axis {
        Axis(label: penaltyAxisLabel(penalty), scale: .log, reversed: penalty.reversed(alphaDecreasesRightward), grid: grid)
    }

    /// The α axis of a small panel among many: the same axis with the short title "α (log, stronger →)".
    public func compactPenaltyAxis(_ penalty: PenaltyAxis) -> Axis {
        var axis = penaltyAxis(penalty)
        axis.label = "\(penalty.symbol) (log, \(alphaDecreasesRightward ? "weaker" : "stronger") →)"
        return axis
    }

    /// The title of an α axis, the one place it is written ("penalty α (log scale, stronger →)"): the arrow says
    /// which way the penalty grows, whatever the parameter.
    public func penaltyAxisLabel(_ penalty: PenaltyAxis) -> String {
        "\(penalty.name) (log scale, \(alphaDecreasesRightward ? "weaker" : "stronger") →)"
    }

    /// The penalty axis of an experiment's result: its author's parameter, with the course's symbol for docgen's α.
    public func penalty(_ result: ExperimentResult) -> PenaltyAxis {
        var axis = PenaltyAxis(result)
        axis.alphaSymbol = symbol
        return axis
    }

    /// "α = 0.5", "α = 10^{−3}" for exact powers of ten (label markup; numbers as the prose writes them otherwise).
    public func alphaLabel(_ alpha: Double) -> String {
        if alpha > 0 {
            let e = log10(alpha)
            if abs(e - e.rounded()) < 1e-9 { return "\(symbol) = 10^{\(TickLabels.minus(String(Int(e.rounded()))))}" }
        }
        return "\(symbol) = \(FigureNumbers.text(alpha))"
    }

    /// "α = 0.5" for alt text and CSV-free prose: the number exactly as `{value}` writes it.
    public func alphaText(_ alpha: Double) -> String { "\(symbol) = \(FigureNumbers.text(alpha))" }

    /// A stable text for cache keys.
    public var cacheDescription: String { "alpha_axis=\(alphaAxis.rawValue);penalty_symbol=\(penaltySymbol.rawValue)" }
}

/// Numbers in figures, written as the prose writes them (`NumberFormatting`): three significant digits, a true minus
/// sign, and × 10ⁿ outside 10⁻⁴ to 10⁶ — never e-notation.
public enum FigureNumbers {
    public static func text(_ v: Double, digits: Int = 3) -> String { NumberFormatting.prose(v, digits: digits) }
}
