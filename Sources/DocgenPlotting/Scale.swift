import Foundation

/// A rectangle in CSS pixels, y growing downward.
public struct Rect: Sendable, Equatable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    public func intersects(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
    public func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }
    public func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// Linear or base-10 logarithmic mapping from data values to CSS-pixel positions along one axis.
public struct AxisScale: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case linear, log }
    public var kind: Kind
    /// Data values mapped to `pixelStart` and `pixelEnd` (for log scales both must be > 0).
    public var domainStart: Double, domainEnd: Double
    public var pixelStart: Double, pixelEnd: Double

    public init(kind: Kind, domain: (Double, Double), pixels: (Double, Double)) {
        self.kind = kind
        domainStart = domain.0; domainEnd = domain.1
        pixelStart = pixels.0; pixelEnd = pixels.1
    }

    func transform(_ v: Double) -> Double { kind == .log ? log10(v) : v }

    /// Pixel position of data value `v`; `nil` when `v` cannot be shown (non-finite, or ≤ 0 on a log scale).
    public func pixel(_ v: Double) -> Double? {
        guard v.isFinite, kind == .linear || v > 0 else { return nil }
        let t0 = transform(domainStart), t1 = transform(domainEnd)
        let fraction = (transform(v) - t0) / (t1 - t0)
        return pixelStart + fraction * (pixelEnd - pixelStart)
    }

    /// Data value at pixel position `p` (inverse of `pixel`).
    public func value(atPixel p: Double) -> Double {
        let t0 = transform(domainStart), t1 = transform(domainEnd)
        let t = t0 + (p - pixelStart) / (pixelEnd - pixelStart) * (t1 - t0)
        return kind == .log ? pow(10, t) : t
    }

    /// True when `v` lies within the domain (inclusive, either orientation).
    public func contains(_ v: Double) -> Bool {
        let lo = min(domainStart, domainEnd), hi = max(domainStart, domainEnd)
        let tolerance = (kind == .log ? 1e-9 * hi : 1e-9 * (hi - lo))
        return v >= lo - tolerance && v <= hi + tolerance
    }
}
