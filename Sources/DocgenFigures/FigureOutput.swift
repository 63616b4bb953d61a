import DocgenPlotting
import Foundation

/// What every figure kind produces: the PNG, the numbers it plotted as CSV, and alt text written from the data.
public struct FigureOutput: Sendable {
    /// PNG bytes, `Figure.width × scale` by `height × scale` device pixels (1600×1000 by default).
    public var png: [UInt8]
    /// Comma-separated values with a header row; numbers in full precision (Swift's shortest round-trip form).
    public var csv: String
    /// One- or two-sentence description of what the figure shows, generated from the input numbers.
    public var altText: String
}

/// Common options of all figure kinds.
public struct FigureStyle: Sendable, Equatable {
    public var theme: Theme
    /// CSS pixel size and device scale of the image.
    public var width: Double, height: Double, scale: Double
    public var png: PNGSettings
    public init(theme: Theme = .light, width: Double = 800, height: Double = 500, scale: Double = 2,
                png: PNGSettings = .standard) {
        self.theme = theme; self.width = width; self.height = height; self.scale = scale; self.png = png
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
        func cell(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([header] + rows).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A number for CSV: shortest round-trip decimal, empty for NaN.
    static func number(_ v: Double) -> String { v.isNaN ? "" : "\(v)" }
    static func number(_ v: Double?) -> String { v.map(number) ?? "" }

    /// A number for prose (alt text): 3 significant digits.
    static func prose(_ v: Double) -> String {
        if v == 0 { return "0" }
        let magnitude = abs(v)
        if magnitude >= 1e-3 && magnitude < 1e5 {
            let decimals = max(0, 2 - Int(floor(log10(magnitude))))
            var s = String(format: "%.\(decimals)f", v)
            if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
            return s
        }
        return String(format: "%.2e", v)
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

    /// Series style i: palette color, dash pattern and (for i ≥ 6) a marker, so lines differ in grayscale.
    static func seriesStyle(_ i: Int) -> (ink: Ink, dash: DashStyle, marker: Marker?) {
        (.palette(i), DashStyle.cycle(i), i >= 6 ? Marker(MarkerShape.cycle(i - 6), size: 5.5) : nil)
    }
}
