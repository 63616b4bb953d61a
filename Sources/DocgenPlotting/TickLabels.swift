import Foundation

/// Tick label text in the label markup of `RichText` (`10^{−3}`), with a true minus sign (U+2212).
public enum TickLabels {
    /// Labels for evenly spaced linear ticks: the fewest decimals that tell them apart exactly; values of
    /// magnitude ≥ 10⁵ or < 10⁻³ are written `m×10^{e}` with one exponent shared by the axis.
    public static func linear(_ ticks: [Double]) -> [String] {
        let maxAbs = ticks.map(abs).max() ?? 0
        if maxAbs >= 1e5 || (maxAbs > 0 && maxAbs < 1e-3) {
            let exponent = Int(floor(log10(maxAbs)))
            let scale = pow(10.0, Double(exponent))
            let mantissas = ticks.map { $0 / scale }
            let texts = plain(mantissas)
            return zip(mantissas, texts).map { m, text in
                abs(m) < 1e-12 ? "0" : "\(text)×10^{\(minus(String(exponent)))}"
            }
        }
        return plain(ticks)
    }

    private static func plain(_ values: [Double]) -> [String] {
        var decimals = 0
        while decimals < 10 {
            let factor = pow(10.0, Double(decimals))
            if values.allSatisfy({ abs(($0 * factor).rounded() - $0 * factor) < 1e-6 }) { break }
            decimals += 1
        }
        return values.map { value in
            let v = abs(value) < 0.5 * pow(10.0, -Double(decimals)) ? 0 : value
            return minus(String(format: "%.\(decimals)f", v))
        }
    }

    /// Labels for log-axis ticks: exact powers of ten as `10^{k}`, other values as decimals or `m×10^{k}`.
    public static func log(_ ticks: [Double]) -> [String] {
        ticks.map { value in
            let exponent = log10(value)
            let rounded = exponent.rounded()
            if abs(exponent - rounded) < 1e-9 { return "10^{\(minus(String(Int(rounded))))}" }
            if value >= 1e-3 && value < 1e5 { return plain([value])[0] }
            let e = Int(floor(exponent))
            let mantissa = plain([value / pow(10.0, Double(e))])[0]
            return "\(mantissa)×10^{\(minus(String(e)))}"
        }
    }

    /// Replaces ASCII hyphen-minus with the typographic minus sign.
    public static func minus(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "\u{2212}") }
}
