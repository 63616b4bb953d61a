import DocgenModels
import DocgenPlotting
import Foundation

/// What every figure kind produces: the PNG, the numbers it plotted as CSV, and alt text written from the data.
public struct FigureOutput: Sendable {
    /// PNG bytes, `width × scale` by `height × scale` device pixels (1600×1000 by default).
    public var png: [UInt8]
    /// Comma-separated values with a header row; numbers in full precision (Swift's shortest round-trip form).
    public var csv: String
    /// One- or two-sentence description of what the figure shows, generated from the input numbers.
    public var altText: String
    /// The figure's size in CSS pixels (a stacked layout's height depends on its panels).
    public var width: Double
    public var height: Double
}

/// The size, layout, theme and PNG settings a figure is rendered with.
public struct FigureStyle: Sendable, Equatable {
    public var theme: Theme
    /// CSS pixel size and device scale of the image; a stacked layout's height is computed instead.
    public var width: Double, height: Double, scale: Double
    /// Panels in one column, each this many CSS px tall (the narrow screen's layout); nil for the figure's own grid.
    public var stackedPanelHeight: Double?
    public var png: PNGSettings
    public init(theme: Theme = .light, width: Double = 640, height: Double = 400, scale: Double = 2.5,
                stackedPanelHeight: Double? = nil, png: PNGSettings = .standard) {
        self.theme = theme; self.width = width; self.height = height; self.scale = scale
        self.stackedPanelHeight = stackedPanelHeight; self.png = png
    }

    /// The desktop rendering: 640×400 CSS px, the width of a page's content column, in a 1600×1000 PNG.
    public static func desktop(_ theme: Theme) -> FigureStyle { FigureStyle(theme: theme) }

    /// The phone rendering: 360 CSS px wide (a phone's content column), panels stacked 280 px tall each, so text
    /// keeps the size it has on a desktop.
    public static func phone(_ theme: Theme) -> FigureStyle {
        FigureStyle(theme: theme, width: 360, height: 300, scale: 2.5, stackedPanelHeight: 280)
    }
}

/// Errors for inputs a figure cannot be drawn from (mismatched lengths, empty data, non-positive α).
public struct FigureInputError: Error, Sendable, CustomStringConvertible, Equatable {
    public let figureKind: String
    public let message: String
    /// The directive option at fault, when one is (`alpha`), so the error can be shown where it was written.
    public let key: String?
    /// The position of the experiment at fault in the directive's list, when one is.
    public let experiment: Int?
    public init(_ kind: String, _ message: String, key: String? = nil, experiment: Int? = nil) {
        figureKind = kind; self.message = message; self.key = key; self.experiment = experiment
    }
    public var description: String { "\(figureKind) figure: \(message)" }
}

enum FigureSupport {
    /// CSV text from a header and rows of cells; cells with commas, quotes or newlines are quoted.
    static func csv(header: [String], rows: [[String]]) -> String {
        // One string, grown in place; cells checked byte by byte (a path of 5,000 α has 100,000 cells, and checking
        // them as Characters and joining arrays per row was a third of its figures' time).
        var out = ""
        out.reserveCapacity((rows.count + 1) * max(header.count, 1) * 20)
        func append(_ line: [String]) {
            for (k, s) in line.enumerated() {
                if k > 0 { out += "," }
                out += csvField(s)
            }
            out += "\n"
        }
        append(header)
        for row in rows { append(row) }
        return out
    }

    /// A number for CSV: shortest round-trip decimal, empty for NaN.
    static func number(_ v: Double) -> String { v.isNaN ? "" : "\(v)" }
    static func number(_ v: Double?) -> String { v.map(number) ?? "" }

    /// A number for labels and alt text, as the prose writes it (three significant digits, × 10ⁿ, true minus).
    static func prose(_ v: Double) -> String { FigureNumbers.text(v) }

    /// An experiment's model in a legend: its display name, with the mix when it is one ("elastic net (ρ = 0.5)"),
    /// since two elastic nets differ by nothing else.
    static func modelName(_ e: FinishedExperiment) -> String {
        var name = e.result.modelDisplayName
        if let rho = e.planned.spec.family.l1Ratio, rho > 0, rho < 1 { name += " (ρ = \(NumberFormatting.prose(rho, digits: 2)))" }
        return name
    }

    /// The footnote of a figure whose best α is the first or last of `count` (more than two): the optimum may lie
    /// beyond the grid. `best` counts in increasing α.
    static func edgeNote(_ best: Int, count: Int, penalty: PenaltyAxis) -> String? {
        guard count > 2, best == 0 || best == count - 1 else { return nil }
        let end = (best == 0) == penalty.parameter.penalizesMoreWhenLarger ? "smallest" : "largest"
        return "The best \(penalty.symbol) is the \(end) of the grid: the optimum may lie beyond it."
    }

    static func sameLengths(_ kind: String, _ pairs: [(String, Int)], expected: Int) throws {
        for (name, count) in pairs where count != expected {
            throw FigureInputError(kind, "\(name) has \(count) values, expected \(expected)")
        }
    }

    static func allFinite(_ kind: String, _ name: String, _ values: [Double]) throws {
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw FigureInputError(kind, "\(name)[\(bad)] is not a finite number")
        }
    }

    /// Series style i of the cycle (for series that are neither features nor models: α values, classes).
    static func seriesStyle(_ i: Int) -> (ink: Ink, dash: DashStyle, marker: Marker?) {
        let style = SeriesStyle(index: i)
        return (style.ink, style.dash, style.marker)
    }
}
