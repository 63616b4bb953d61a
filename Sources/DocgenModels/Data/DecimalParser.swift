/// Decimal text to `Double`, correctly rounded, fast for the numbers data files hold.
///
/// A data file of a million rows holds tens of millions of numbers like `-0.40353441249271593`; going through
/// `Double(String)` (a `String` per cell, then the C library's `strtod`) was a third of loading one. Most such numbers
/// have at most 19 significant digits and a decimal exponent of at most 27 in size, and for those the correctly
/// rounded double can be had from one exact integer and one exact power of ten:
///
/// - Clinger's fast path: with a digit value w ≤ 2⁵³ and |e| ≤ 22, both w and 10^|e| are doubles exactly, so one
///   IEEE multiplication or division, itself correctly rounded, gives the answer.
/// - Beyond it, the same in x87 extended precision (64-bit significand): w < 2⁶⁴ and 10^|e| (|e| ≤ 27, 5²⁷ < 2⁶⁴) are
///   exact there, the product or quotient is correctly rounded to 64 bits, and rounding that to 53 bits gives the
///   correctly rounded double unless the 11 bits it drops lie within one unit of the halfway pattern (then the true
///   value may sit on the other side of the halfway point). Those rare cases, and every other form, are left to the
///   exact general parser.
///
/// `DecimalParserTests` checks the result bit for bit against `Double(String)` on millions of numbers.
enum DecimalParser {
    /// Whether `text` is sign? (digits (. digits?)? | . digits) ([eE] sign? digits)?: a decimal number as Python's
    /// `float` and the C library both read it (no hexadecimal, no `inf` or `nan`, no spaces or underscores).
    static func isPlainDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = text.count
        var k = 0
        func digits() -> Int {
            let start = k
            while k < count, text[k] &- UInt8(ascii: "0") < 10 { k += 1 }
            return k - start
        }
        if k < count, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "+") { k += 1 }
        var mantissa = digits()
        if k < count, text[k] == UInt8(ascii: ".") {
            k += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if k < count, text[k] | 0x20 == UInt8(ascii: "e") {
            k += 1
            if k < count, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "+") { k += 1 }
            guard digits() > 0 else { return false }
        }
        return k == count
    }

    /// The double `text` spells in the grammar sign? digits (. digits)? ([eE] sign? digits)?, or nil when the text
    /// is not of that form or the fast paths cannot decide it (the caller then asks the general parser).
    @inline(__always)
    static func fastDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = text.count
        var k = 0
        var negative = false
        if k < count, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "+") {
            negative = text[k] == UInt8(ascii: "-")
            k += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0, digits = 0, exponent = 0
        // Integer part. Leading zeros are not significant.
        while k < count, case let d = text[k] &- UInt8(ascii: "0"), d < 10 {
            if significant < 19 {
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significant += mantissa != 0 ? 1 : 0
                }
            } else {
                if d != 0 { return nil }  // a digit the 64-bit value cannot hold
                exponent += 1
            }
            digits += 1
            k += 1
        }
        if k < count, text[k] == UInt8(ascii: ".") {
            k += 1
            while k < count, case let d = text[k] &- UInt8(ascii: "0"), d < 10 {
                if significant < 19 {
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa &* 10 &+ UInt64(d)
                        significant += 1
                    }
                    exponent -= 1
                } else if d != 0 {
                    return nil
                }
                digits += 1
                k += 1
            }
        }
        guard digits > 0 else { return nil }
        if k < count, text[k] | 0x20 == UInt8(ascii: "e") {
            k += 1
            var exponentNegative = false
            if k < count, text[k] == UInt8(ascii: "-") || text[k] == UInt8(ascii: "+") {
                exponentNegative = text[k] == UInt8(ascii: "-")
                k += 1
            }
            var value = 0, exponentDigits = 0
            while k < count, case let d = text[k] &- UInt8(ascii: "0"), d < 10 {
                if value < 100_000 { value = value * 10 + Int(d) }
                exponentDigits += 1
                k += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard k == count else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard exponent >= -27, exponent <= 27 else { return nil }
        let magnitude: Double
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let w = Double(mantissa)
            magnitude = exponent < 0 ? w / exactPowersOfTen[-exponent] : w * exactPowersOfTen[exponent]
        } else {
            #if arch(x86_64) || arch(i386)
            let w = Float80(mantissa)
            let wide = exponent < 0 ? w / extendedPowersOfTen[-exponent] : w * extendedPowersOfTen[exponent]
            let dropped = wide.significandBitPattern & 0x7FF
            if dropped >= 0x3FF && dropped <= 0x401 { return nil }
            magnitude = Double(wide)
            #else
            return nil
            #endif
        }
        return negative ? -magnitude : magnitude
    }

    /// 10⁰ … 10²², each exactly a double.
    private static let exactPowersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    #if arch(x86_64) || arch(i386)
    /// 10⁰ … 10²⁷, each exactly an x87 extended double (5²⁷ < 2⁶⁴).
    private static let extendedPowersOfTen: [Float80] = (0...27).map { k in
        var p: Float80 = 1
        for _ in 0..<k { p *= 10 }
        return p
    }
    #endif
}
