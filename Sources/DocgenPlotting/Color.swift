/// An sRGB color with straight (not premultiplied) alpha, components in 0…1.
public struct Color: Sendable, Equatable, Hashable {
    public var red: Double, green: Double, blue: Double, alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// From a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double(hex >> 16 & 0xFF) / 255, green: Double(hex >> 8 & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// The same color with another alpha.
    public func withAlpha(_ alpha: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: alpha) }

    /// Linear blend toward `other` by `t` (0 = self, 1 = other); alpha blended too.
    public func mixed(with other: Color, _ t: Double) -> Color {
        Color(red: red + (other.red - red) * t, green: green + (other.green - green) * t,
              blue: blue + (other.blue - blue) * t, alpha: alpha + (other.alpha - alpha) * t)
    }

    /// Relative luminance (WCAG definition, 0 = black, 1 = white).
    public var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG contrast ratio between two opaque colors (1 … 21).
    public func contrastRatio(with other: Color) -> Double {
        let a = luminance, b = other.luminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// This color, blended toward `toward` in steps of 5 % until its contrast with `background` reaches
    /// `minimum` (WCAG asks 4.5 for text): keeps a series' hue for its label while keeping the label legible.
    public func readable(on background: Color, toward: Color, minimum: Double = 4.5) -> Color {
        var c = self
        var t = 0.0
        while c.contrastRatio(with: background) < minimum && t < 1 {
            t += 0.05
            c = mixed(with: toward, t)
        }
        return c
    }

    /// Okabe & Ito's colour-blind-safe palette (2008), in their order.
    public enum OkabeIto {
        public static let black = Color(hex: 0x000000)
        public static let orange = Color(hex: 0xE69F00)
        public static let skyBlue = Color(hex: 0x56B4E9)
        public static let bluishGreen = Color(hex: 0x009E73)
        public static let yellow = Color(hex: 0xF0E442)
        public static let blue = Color(hex: 0x0072B2)
        public static let vermillion = Color(hex: 0xD55E00)
        public static let reddishPurple = Color(hex: 0xCC79A7)
    }
}

import Foundation
