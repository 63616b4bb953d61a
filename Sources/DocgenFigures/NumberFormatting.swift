import Foundation

/// Formats numbers for prose: significant digits, no exponent between 1e-4 and 1e6,
/// a true minus sign, and whole numbers without decimals.
public enum NumberFormatting {
    public static func prose(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "n/a" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        if x == x.rounded(), abs(x) < 1e15 { return minus(String(Int64(x))) }
        let magnitude = abs(x)
        if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e6) {
            let s = String(format: "%.\(max(0, digits - 1))e", x)
            let parts = s.split(separator: "e")
            let mantissa = trimZeros(String(parts[0]))
            let exponent = Int(parts[1]) ?? 0
            return minus(mantissa) + " × 10" + superscript(exponent)
        }
        let k = Int(floor(log10(magnitude))) - digits + 1
        if k >= 0 {
            let scale = pow(10, Double(k))
            return minus(String(format: "%.0f", (x / scale).rounded() * scale))
        }
        return minus(trimZeros(String(format: "%.\(-k)f", x)))
    }

    static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "−") }

    static func superscript(_ n: Int) -> String {
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                                              "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(String(n).map { digits[$0] ?? $0 })
    }
}
